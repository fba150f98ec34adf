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
} from "./chunk-PHQIWDGI.js";
import "./chunk-DXYM7NW3.js";
import "./chunk-R7UHE6SC.js";
import "./chunk-A2FQOQGB.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-M3EZSDZR.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-22LOABTM.js";
import "./chunk-PUABCNCY.js";
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
