import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  formatStatus,
  status,
  statusRow
} from "./chunk-EI4F7BXY.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SH65X3Y3.js";
import "./chunk-FC2API5Z.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-6EEYX6MH.js";
import "./chunk-YQ6PU4JC.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-G6NN6ZFC.js";
import "./chunk-JHSAL5PI.js";
import "./chunk-5ZXHR5OE.js";
export {
  formatStatus,
  status,
  statusRow
};
