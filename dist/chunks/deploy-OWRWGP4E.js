import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deploy,
  locatorFor,
  meanwhileNote,
  undoReport,
  waitAndExplain
} from "./chunk-QFZYYFQS.js";
import "./chunk-ZPK2QXHL.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-LEP6M7RH.js";
import "./chunk-2L6L42JB.js";
import "./chunk-JIAOWVZR.js";
import "./chunk-P4D3AXWM.js";
import "./chunk-HT7WOG2Z.js";
import "./chunk-NOK3A6JB.js";
import "./chunk-UBH64UQJ.js";
import "./chunk-WJXEBOX5.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-WBGEU65H.js";
import "./chunk-V74LNSB4.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-DUCGCPDD.js";
import "./chunk-DXUXFUHW.js";
import "./chunk-4RYHZF57.js";
import "./chunk-R4OZPJT4.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4IAASZCI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  deploy,
  locatorFor,
  meanwhileNote,
  undoReport,
  waitAndExplain
};
