import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-3HHJ3JAL.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-TXE6JW6X.js";
import "./chunk-JAHW2HGQ.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-7CRZJW2W.js";
import "./chunk-BJQZEDH3.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-CNYIIQE2.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
