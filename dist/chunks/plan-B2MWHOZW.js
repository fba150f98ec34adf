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
} from "./chunk-U37HLJRQ.js";
import "./chunk-T5626RSC.js";
import "./chunk-RJJDM4SD.js";
import "./chunk-CSNZHIMR.js";
import "./chunk-AI4VG3LE.js";
import "./chunk-2UQ7CSEV.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-XI6MGQ3C.js";
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
