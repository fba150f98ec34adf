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
} from "./chunk-6ZPRY4KG.js";
import "./chunk-DT3KT33Z.js";
import "./chunk-WZIR5TT3.js";
import "./chunk-42JNLXGF.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-ZCC5ZNP4.js";
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
