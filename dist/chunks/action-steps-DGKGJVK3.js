import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-NKIH6KYG.js";
import "./chunk-ADC6VRME.js";
import "./chunk-6SG67DG5.js";
import "./chunk-C2NN5FOQ.js";
import "./chunk-BQDIRLQF.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-47UFAGLJ.js";
import "./chunk-OTKGOS4A.js";
import "./chunk-MGXLHEAA.js";
import "./chunk-FMSBI7IO.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-XO7ZYY6H.js";
import "./chunk-PV7YBCCK.js";
import "./chunk-7QRYGX7M.js";
import "./chunk-QNKOIP7C.js";
import "./chunk-PUC56LZK.js";
import "./chunk-LZNBNBJD.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-U4YLLCDM.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-CWPESEEM.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  endpointUrl,
  planStep,
  runPlanCommand
};
