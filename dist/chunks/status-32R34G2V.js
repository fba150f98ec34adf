import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  nothingToShow,
  status,
  statusRow
} from "./chunk-IVB65SVE.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-M4YLLLVT.js";
import "./chunk-WJXEBOX5.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-HBWBFKOF.js";
import "./chunk-Y2SBPZJT.js";
import "./chunk-4RYHZF57.js";
import "./chunk-PVNXMLFY.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4IAASZCI.js";
import "./chunk-MENXRMEK.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  nothingToShow,
  status,
  statusRow
};
