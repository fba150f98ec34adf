import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  LEFT_WAITING,
  interrupted,
  onInterrupt,
  withInterrupt
} from "./chunk-QQHKHRHG.js";
import "./chunk-AS56ZB3R.js";
import "./chunk-BUGBPGEU.js";
import "./chunk-R24KJZDK.js";
import "./chunk-GTOC5ZKG.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-CMLN5EX3.js";
import "./chunk-332YSSNY.js";
import "./chunk-LLRDR4D5.js";
import "./chunk-454V2JIS.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  LEFT_WAITING,
  interrupted,
  onInterrupt,
  withInterrupt
};
