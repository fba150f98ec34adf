import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-UU6C5JVW.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-OPLSP6RR.js";
import "./chunk-FMSBI7IO.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-7QRYGX7M.js";
import "./chunk-OVTHYFLU.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-ZCC5ZNP4.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
