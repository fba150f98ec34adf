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
} from "./chunk-NDEMX2YX.js";
import "./chunk-4M2DGBDL.js";
import "./chunk-5LZK6MXL.js";
import "./chunk-CSNZHIMR.js";
import "./chunk-PNYP6KBZ.js";
import "./chunk-FG5LTQOZ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-7UF6UVQM.js";
import "./chunk-5KSCQY2O.js";
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
