import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deploy,
  locatorFor,
  meanwhileNote,
  undoReport,
  waitAndExplain
} from "./chunk-LQJ6ZD72.js";
import "./chunk-ZPK2QXHL.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-LC2THPSB.js";
import "./chunk-2L6L42JB.js";
import "./chunk-JIAOWVZR.js";
import "./chunk-5QJVXBXB.js";
import "./chunk-ZBB5HF2C.js";
import "./chunk-ZKA5VVEP.js";
import "./chunk-5TDZLXVM.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-MIIS74OA.js";
import "./chunk-VSTEYDYZ.js";
import "./chunk-LQ25JPI4.js";
import "./chunk-GXGAZ2QD.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-DUCGCPDD.js";
import "./chunk-DXUXFUHW.js";
import "./chunk-R4OZPJT4.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4RYHZF57.js";
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
