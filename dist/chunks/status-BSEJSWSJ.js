import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-F22O54PT.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SJFONNLA.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-ABU5KG6X.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-MRGLZHE5.js";
import "./chunk-NBMAUP3V.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-5APKSHJT.js";
import "./chunk-HDC5WNID.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
