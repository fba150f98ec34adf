import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-BI26KE4N.js";
import "./chunk-6AHW2SJ6.js";
import "./chunk-BTUMMAXM.js";
import "./chunk-546LXT6Y.js";
import "./chunk-5Q5V3HOQ.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-47UFAGLJ.js";
import "./chunk-GMTD5YWP.js";
import "./chunk-5QPRQZQV.js";
import "./chunk-IGHCDQEX.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-ZG36XKZU.js";
import "./chunk-PV7YBCCK.js";
import "./chunk-YKGH25DI.js";
import "./chunk-MWUQDB75.js";
import "./chunk-DT3KT33Z.js";
import "./chunk-RJF5NPOP.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-OVTHYFLU.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-ZCC5ZNP4.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  endpointUrl,
  planStep,
  runPlanCommand
};
