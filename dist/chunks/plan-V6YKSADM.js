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
} from "./chunk-D6A56CMB.js";
import "./chunk-DP3U5ZHF.js";
import "./chunk-O64FHWX4.js";
import "./chunk-6UPLSDH3.js";
import "./chunk-6EEYX6MH.js";
import "./chunk-YQ6PU4JC.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-G6NN6ZFC.js";
import "./chunk-JHSAL5PI.js";
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
