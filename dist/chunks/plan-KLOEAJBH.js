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
} from "./chunk-SRLWITBB.js";
import "./chunk-CC722A6T.js";
import "./chunk-NOK3A6JB.js";
import "./chunk-UBH64UQJ.js";
import "./chunk-WJXEBOX5.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-WBGEU65H.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-DXUXFUHW.js";
import "./chunk-4RYHZF57.js";
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
