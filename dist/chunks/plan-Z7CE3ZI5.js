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
} from "./chunk-GACIPQ3F.js";
import "./chunk-XYJMAW5Z.js";
import "./chunk-BSK7IOA7.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-TD6JBESK.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
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
