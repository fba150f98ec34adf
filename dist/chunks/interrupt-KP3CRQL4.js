import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  LEFT_WAITING,
  interrupted,
  onInterrupt
} from "./chunk-GNLPA3XP.js";
import "./chunk-HBWBFKOF.js";
import "./chunk-Y2SBPZJT.js";
import "./chunk-4RYHZF57.js";
import "./chunk-PVNXMLFY.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4IAASZCI.js";
import "./chunk-MENXRMEK.js";
import "./chunk-5ZXHR5OE.js";
export {
  LEFT_WAITING,
  interrupted,
  onInterrupt
};
