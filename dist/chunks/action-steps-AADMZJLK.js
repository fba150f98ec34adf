import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-6B62EOR7.js";
import "./chunk-6YUIFRKB.js";
import "./chunk-DKA4CRG6.js";
import "./chunk-QQ63BCV6.js";
import "./chunk-AMRMT7YQ.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-47UFAGLJ.js";
import "./chunk-7X622UWV.js";
import "./chunk-ZXSUPGUV.js";
import "./chunk-YM6SUWJG.js";
import "./chunk-7CRZJW2W.js";
import "./chunk-SMWBDRX3.js";
import "./chunk-CS4U5KM2.js";
import "./chunk-L5ZQ5PME.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-RAJJFBWP.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-NZFNHTRN.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  endpointUrl,
  planStep,
  runPlanCommand
};
