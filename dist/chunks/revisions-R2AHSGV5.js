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
} from "./chunk-FNGN2WSP.js";
import "./chunk-JV4CEZL6.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-332YSSNY.js";
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
