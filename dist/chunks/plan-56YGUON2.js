import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildPlan,
  computePlan,
  formatPlanMarkdown,
  formatPlanText,
  planCounts,
  planFailed,
  planHasChanges,
  summaryLine
} from "./chunk-T4FZZXRA.js";
import "./chunk-T4RIEU3R.js";
import "./chunk-2AMXU2BN.js";
import "./chunk-JNG4RPL5.js";
import "./chunk-MRGLZHE5.js";
import "./chunk-NBMAUP3V.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-5APKSHJT.js";
import "./chunk-HDC5WNID.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildPlan,
  computePlan,
  formatPlanMarkdown,
  formatPlanText,
  planCounts,
  planFailed,
  planHasChanges,
  summaryLine
};
