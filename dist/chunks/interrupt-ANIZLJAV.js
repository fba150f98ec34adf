import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  LEFT_WAITING,
  interrupted,
  onInterrupt
} from "./chunk-334NVDOK.js";
import "./chunk-WKF7YL7G.js";
import "./chunk-DXUXFUHW.js";
import "./chunk-GMWZZHGP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4RYHZF57.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  LEFT_WAITING,
  interrupted,
  onInterrupt
};
