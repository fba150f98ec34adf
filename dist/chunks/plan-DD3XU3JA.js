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
} from "./chunk-SMWBDRX3.js";
import "./chunk-CS4U5KM2.js";
import "./chunk-L5ZQ5PME.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-RAJJFBWP.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-NZFNHTRN.js";
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
