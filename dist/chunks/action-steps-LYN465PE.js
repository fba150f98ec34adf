import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-A6PVGZBL.js";
import "./chunk-OCMVZUA4.js";
import "./chunk-FHKOA5O5.js";
import "./chunk-HDPRGOFE.js";
import "./chunk-MSXS4UVB.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SH65X3Y3.js";
import "./chunk-47UFAGLJ.js";
import "./chunk-VYBRM2T7.js";
import "./chunk-FC2API5Z.js";
import "./chunk-VQFGGSZL.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-D6A56CMB.js";
import "./chunk-DP3U5ZHF.js";
import "./chunk-O64FHWX4.js";
import "./chunk-6UPLSDH3.js";
import "./chunk-6EEYX6MH.js";
import "./chunk-YQ6PU4JC.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-G6NN6ZFC.js";
import "./chunk-JHSAL5PI.js";
import "./chunk-5ZXHR5OE.js";
export {
  endpointUrl,
  planStep,
  runPlanCommand
};
