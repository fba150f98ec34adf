import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-WYKP75QF.js";
import "./chunk-JBSIX5ZW.js";
import "./chunk-2OG226LO.js";
import "./chunk-NZTODOQP.js";
import "./chunk-UDELBVCD.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-NU6N46WM.js";
import "./chunk-2G36JRLA.js";
import "./chunk-34V3HT6R.js";
import "./chunk-Q4JURZ4U.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-I7U37745.js";
import "./chunk-3NUVTWZW.js";
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
  endpointUrl,
  planStep,
  runPlanCommand
};
