import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-S2NUNUTY.js";
import "./chunk-6ZJSKFWC.js";
import "./chunk-KLAMRHND.js";
import "./chunk-WA65AIC4.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-44TZPCW4.js";
import "./chunk-6PSVLT7K.js";
import "./chunk-YM6SUWJG.js";
import "./chunk-7CRZJW2W.js";
import "./chunk-NDEMX2YX.js";
import "./chunk-4M2DGBDL.js";
import "./chunk-5LZK6MXL.js";
import "./chunk-CSNZHIMR.js";
import "./chunk-PNYP6KBZ.js";
import "./chunk-FG5LTQOZ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-7UF6UVQM.js";
import "./chunk-5KSCQY2O.js";
import "./chunk-5ZXHR5OE.js";
export {
  plan
};
