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
} from "./chunk-SEMKDFDG.js";
import "./chunk-L2UJ6XLU.js";
import "./chunk-UHNJEXWY.js";
import "./chunk-3DMJP7RN.js";
import "./chunk-IA7R6AHT.js";
import "./chunk-2FMFJU4W.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-TF6QFQ4V.js";
import "./chunk-RIRWRMTC.js";
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
