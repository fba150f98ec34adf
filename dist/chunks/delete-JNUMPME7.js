import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deleteApis,
  selectForDelete
} from "./chunk-KPOGM2UF.js";
import "./chunk-44TZPCW4.js";
import "./chunk-6PSVLT7K.js";
import "./chunk-YM6SUWJG.js";
import "./chunk-7CRZJW2W.js";
import "./chunk-5LZK6MXL.js";
import "./chunk-CSNZHIMR.js";
import "./chunk-PNYP6KBZ.js";
import "./chunk-FG5LTQOZ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-7UF6UVQM.js";
import "./chunk-5KSCQY2O.js";
import "./chunk-5ZXHR5OE.js";
export {
  deleteApis,
  selectForDelete
};
