import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-DKH7R22M.js";
import "./chunk-OCYL2KKF.js";
import "./chunk-ZBX4ELFY.js";
import "./chunk-UDELBVCD.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-WW7BRM5G.js";
import "./chunk-FFHMU56D.js";
import "./chunk-YWAQDJNA.js";
import "./chunk-NLN23TZI.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-I7U37745.js";
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
