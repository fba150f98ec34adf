import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-TW2UWEIP.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-6PSVLT7K.js";
import "./chunk-7CRZJW2W.js";
import "./chunk-PNYP6KBZ.js";
import "./chunk-FG5LTQOZ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-7UF6UVQM.js";
import "./chunk-5KSCQY2O.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
