import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatHistory,
  isPrevious,
  listRevisions,
  parseRevision,
  pickRevision,
  shortSha,
  sortRevisions,
  untouchedByLastDeploy
} from "./chunk-RZFN7OGE.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-4RYHZF57.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatHistory,
  isPrevious,
  listRevisions,
  parseRevision,
  pickRevision,
  shortSha,
  sortRevisions,
  untouchedByLastDeploy
};
