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
} from "./chunk-7HLS7JCP.js";
import "./chunk-CC722A6T.js";
import "./chunk-OZLG4KRP.js";
import "./chunk-UBH64UQJ.js";
import "./chunk-WJXEBOX5.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-MIIS74OA.js";
import "./chunk-LQ25JPI4.js";
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
