import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rollback
} from "./chunk-A3KYLMF3.js";
import "./chunk-4FOHRW6V.js";
import "./chunk-KLQ6CRVN.js";
import "./chunk-CWV2OZLX.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-BJCM4JYV.js";
import "./chunk-MI6EWLRI.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-JIAOWVZR.js";
import "./chunk-JRR32XU3.js";
import "./chunk-QIK4VOHB.js";
import "./chunk-CU7MXGMY.js";
import "./chunk-OKNXQM4Z.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-O5ASGKOR.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-4SQES3UX.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-USP2LHNV.js";
import "./chunk-D6P4TDMH.js";
import "./chunk-A5MPYUXW.js";
import "./chunk-GMWZZHGP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-332YSSNY.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  rollback
};
