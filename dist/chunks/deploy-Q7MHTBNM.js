import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deploy,
  locatorFor,
  undoReport,
  waitAndExplain
} from "./chunk-J66P4G6P.js";
import "./chunk-546LXT6Y.js";
import "./chunk-BCCABBMV.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-OTKGOS4A.js";
import "./chunk-OPLSP6RR.js";
import "./chunk-FMSBI7IO.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-XO7ZYY6H.js";
import "./chunk-PV7YBCCK.js";
import "./chunk-7QRYGX7M.js";
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
  deploy,
  locatorFor,
  undoReport,
  waitAndExplain
};
