import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  nothingToShow,
  status,
  statusRow
} from "./chunk-2CPEFKF5.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-ZKA5VVEP.js";
import "./chunk-5TDZLXVM.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-WKF7YL7G.js";
import "./chunk-DXUXFUHW.js";
import "./chunk-GMWZZHGP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4RYHZF57.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  nothingToShow,
  status,
  statusRow
};
