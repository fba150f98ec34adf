import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-46N5NS4R.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SJFONNLA.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-KDLM45LX.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-ZDZ7IEAG.js";
import "./chunk-CPORQLM4.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-MFYSOG4D.js";
import "./chunk-H4CBBWMR.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
