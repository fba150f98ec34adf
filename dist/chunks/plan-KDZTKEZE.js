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
} from "./chunk-ZZPGD7G2.js";
import "./chunk-OEKEIZ2D.js";
import "./chunk-O64FHWX4.js";
import "./chunk-6UPLSDH3.js";
import "./chunk-72FO5J37.js";
import "./chunk-YQ6PU4JC.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-4WTDKO2W.js";
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
