import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-EYCB26B7.js";
import "./chunk-V6TCYAS3.js";
import "./chunk-BYKL2ODN.js";
import "./chunk-ZNDEUGUD.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-WW7BRM5G.js";
import "./chunk-FFHMU56D.js";
import "./chunk-VY3W4UEK.js";
import "./chunk-PRPWPIUR.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-C3WQJQQW.js";
import "./chunk-E3NJYOGI.js";
import "./chunk-OW7XFRDN.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-U22UCRV2.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-JTPOSMGM.js";
import "./chunk-2OG226LO.js";
import "./chunk-OJ5DXWPU.js";
import "./chunk-R7UXBKNO.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-65QILXQ2.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  endpointUrl,
  planStep,
  runPlanCommand
};
