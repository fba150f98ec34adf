import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatHistory,
  listRevisions,
  parseRevision,
  pickRevision,
  shortSha,
  sortRevisions
} from "./chunk-6GCGHVS4.js";
import "./chunk-SJFONNLA.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-5KSCQY2O.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatHistory,
  listRevisions,
  parseRevision,
  pickRevision,
  shortSha,
  sortRevisions
};
