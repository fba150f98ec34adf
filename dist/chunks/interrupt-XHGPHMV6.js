import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  LEFT_WAITING,
  interrupted,
  onInterrupt
} from "./chunk-N6GCDLBB.js";
import "./chunk-2SQTEIVN.js";
import "./chunk-22LOABTM.js";
import "./chunk-PUABCNCY.js";
import "./chunk-WADMWQBU.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-SBYIO4K3.js";
import "./chunk-MENXRMEK.js";
import "./chunk-5ZXHR5OE.js";
export {
  LEFT_WAITING,
  interrupted,
  onInterrupt
};
