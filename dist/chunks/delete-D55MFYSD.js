import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deleteApis,
  selectForDelete
} from "./chunk-FCUV2DX4.js";
import "./chunk-2MH75QNN.js";
import "./chunk-DCOEYTG6.js";
import "./chunk-DIMOEI6E.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-JDUOS5X5.js";
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
