import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-7EIFFC6D.js";
import "./chunk-SJFONNLA.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-QXGJXMU7.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-AI4VG3LE.js";
import "./chunk-2UQ7CSEV.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-XI6MGQ3C.js";
import "./chunk-5KSCQY2O.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
