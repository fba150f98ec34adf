import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-XB76D7Y4.js";
import "./chunk-IUBIZPUX.js";
import "./chunk-2OG226LO.js";
import "./chunk-YQ36EIY6.js";
import "./chunk-UDELBVCD.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-FHQNBANV.js";
import "./chunk-P7R2H65A.js";
import "./chunk-34V3HT6R.js";
import "./chunk-Q4JURZ4U.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-I7U37745.js";
import "./chunk-EO4S6LGF.js";
import "./chunk-LREQURYS.js";
import "./chunk-OJ5DXWPU.js";
import "./chunk-R7UXBKNO.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-TZXKOOA7.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-SJAQIIRH.js";
import "./chunk-65QILXQ2.js";
import "./chunk-PUABCNCY.js";
import "./chunk-4LPKX6YL.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-E4RQTGAK.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  endpointUrl,
  planStep,
  runPlanCommand
};
