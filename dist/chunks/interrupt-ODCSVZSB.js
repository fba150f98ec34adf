import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  LEFT_WAITING,
  interrupted,
  onInterrupt
} from "./chunk-QTIFRPNA.js";
import "./chunk-R3LUIF3T.js";
import "./chunk-65QILXQ2.js";
import "./chunk-PUABCNCY.js";
import "./chunk-F4VCNTGQ.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-SBYIO4K3.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  LEFT_WAITING,
  interrupted,
  onInterrupt
};
