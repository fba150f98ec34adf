import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-D5NSHVQL.js";
import "./chunk-BPY7M6V3.js";
import "./chunk-QWZSG7CJ.js";
import "./chunk-HWYFAZIP.js";
import "./chunk-L6NSHDKI.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SJFONNLA.js";
import "./chunk-47UFAGLJ.js";
import "./chunk-ASO6KUL2.js";
import "./chunk-ABU5KG6X.js";
import "./chunk-VQFGGSZL.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-T4FZZXRA.js";
import "./chunk-T4RIEU3R.js";
import "./chunk-2AMXU2BN.js";
import "./chunk-JNG4RPL5.js";
import "./chunk-MRGLZHE5.js";
import "./chunk-NBMAUP3V.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-5APKSHJT.js";
import "./chunk-HDC5WNID.js";
import "./chunk-5ZXHR5OE.js";
export {
  endpointUrl,
  planStep,
  runPlanCommand
};
