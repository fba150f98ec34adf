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
} from "./chunk-WNVXMJRX.js";
import "./chunk-IFWHDPTC.js";
import "./chunk-ZPI57JOG.js";
import "./chunk-DXF5MSDL.js";
import "./chunk-ZDZ7IEAG.js";
import "./chunk-CPORQLM4.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-MFYSOG4D.js";
import "./chunk-H4CBBWMR.js";
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
