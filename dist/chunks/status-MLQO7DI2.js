import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-QH5TPHLM.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SJFONNLA.js";
import "./chunk-YHCJAVAJ.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-YLPX5A2A.js";
import "./chunk-CPORQLM4.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-UCM7E2PA.js";
import "./chunk-H4CBBWMR.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
