import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deleteApis,
  selectForDelete
} from "./chunk-QNUYC3MS.js";
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
  deleteApis,
  selectForDelete
};
