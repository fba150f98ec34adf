import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  nothingToShow,
  status,
  statusRow
} from "./chunk-R6QVX4H6.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-R7UHE6SC.js";
import "./chunk-A2FQOQGB.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2SQTEIVN.js";
import "./chunk-22LOABTM.js";
import "./chunk-PUABCNCY.js";
import "./chunk-WADMWQBU.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-SBYIO4K3.js";
import "./chunk-MENXRMEK.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  nothingToShow,
  status,
  statusRow
};
