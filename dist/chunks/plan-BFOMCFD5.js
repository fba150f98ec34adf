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
} from "./chunk-ZDDZK5OJ.js";
import "./chunk-MSKWCCRN.js";
import "./chunk-SJFK5DRX.js";
import "./chunk-OKNXQM4Z.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-CC722A6T.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-JYJVQZ72.js";
import "./chunk-MMNFD47T.js";
import "./chunk-CMLN5EX3.js";
import "./chunk-332YSSNY.js";
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
