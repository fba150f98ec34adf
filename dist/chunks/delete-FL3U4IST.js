import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deleteApis,
  selectForDelete
} from "./chunk-S5PAK37J.js";
import "./chunk-RVDHWM3Z.js";
import "./chunk-NAN6Y3ZM.js";
import "./chunk-DIMOEI6E.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-UHNJEXWY.js";
import "./chunk-3DMJP7RN.js";
import "./chunk-IA7R6AHT.js";
import "./chunk-2FMFJU4W.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-TF6QFQ4V.js";
import "./chunk-RIRWRMTC.js";
import "./chunk-5ZXHR5OE.js";
export {
  deleteApis,
  selectForDelete
};
