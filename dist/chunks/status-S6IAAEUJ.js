import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-L6VEEX4B.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-MGXLHEAA.js";
import "./chunk-FMSBI7IO.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-7QRYGX7M.js";
import "./chunk-U4YLLCDM.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-CWPESEEM.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
