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
} from "./chunk-6DZ7ZTWZ.js";
import "./chunk-7QPQR2I7.js";
import "./chunk-ZPI57JOG.js";
import "./chunk-DXF5MSDL.js";
import "./chunk-YLPX5A2A.js";
import "./chunk-CPORQLM4.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-UCM7E2PA.js";
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
