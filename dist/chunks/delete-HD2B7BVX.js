import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deleteApis,
  selectForDelete
} from "./chunk-MT2H42X4.js";
import "./chunk-AJ4OSTYI.js";
import "./chunk-OJ5DXWPU.js";
import "./chunk-R7UXBKNO.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-QZAZ66UV.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-NOSSFALL.js";
import "./chunk-65QILXQ2.js";
import "./chunk-PUABCNCY.js";
import "./chunk-HXCHVRB2.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-RABXOKRH.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  deleteApis,
  selectForDelete
};
