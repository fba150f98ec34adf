import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-NLO4EOXT.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SH65X3Y3.js";
import "./chunk-7ITEMARL.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-72FO5J37.js";
import "./chunk-YQ6PU4JC.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-4WTDKO2W.js";
import "./chunk-JHSAL5PI.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
