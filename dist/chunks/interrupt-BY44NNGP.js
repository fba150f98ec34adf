import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  LEFT_WAITING,
  interrupted,
  onInterrupt
} from "./chunk-2L6L42JB.js";
import "./chunk-DUCGCPDD.js";
import "./chunk-DXUXFUHW.js";
import "./chunk-R4OZPJT4.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4RYHZF57.js";
import "./chunk-4IAASZCI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  LEFT_WAITING,
  interrupted,
  onInterrupt
};
