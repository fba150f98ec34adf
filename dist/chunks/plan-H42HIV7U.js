import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-ROG6UE76.js";
import "./chunk-FGAPDJ72.js";
import "./chunk-Y6N5JXTA.js";
import "./chunk-ZPK2QXHL.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-3UIH6UQP.js";
import "./chunk-334NVDOK.js";
import "./chunk-CC722A6T.js";
import "./chunk-JIAOWVZR.js";
import "./chunk-JRR32XU3.js";
import "./chunk-ZBB5HF2C.js";
import "./chunk-ZKA5VVEP.js";
import "./chunk-5TDZLXVM.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-MIIS74OA.js";
import "./chunk-IS4XXREB.js";
import "./chunk-LQ25JPI4.js";
import "./chunk-4SQES3UX.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-USP2LHNV.js";
import "./chunk-WKF7YL7G.js";
import "./chunk-DXUXFUHW.js";
import "./chunk-GMWZZHGP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4RYHZF57.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  plan
};
