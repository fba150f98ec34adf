import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-KO7RM6PV.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SJFONNLA.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-NAN6Y3ZM.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-IA7R6AHT.js";
import "./chunk-2FMFJU4W.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-TF6QFQ4V.js";
import "./chunk-RIRWRMTC.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
