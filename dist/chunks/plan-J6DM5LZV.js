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
} from "./chunk-FGAPDJ72.js";
import "./chunk-CC722A6T.js";
import "./chunk-ZBB5HF2C.js";
import "./chunk-ZKA5VVEP.js";
import "./chunk-5TDZLXVM.js";
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
