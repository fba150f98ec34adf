import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rollback
} from "./chunk-OP22JWCZ.js";
import "./chunk-TCXX7ZJL.js";
import "./chunk-L77NHJ4H.js";
import "./chunk-AIWAXIWW.js";
import "./chunk-BLASC47G.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SJFONNLA.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-H44EFKAB.js";
import "./chunk-KDLM45LX.js";
import "./chunk-VQFGGSZL.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-IFWHDPTC.js";
import "./chunk-ZPI57JOG.js";
import "./chunk-DXF5MSDL.js";
import "./chunk-ZDZ7IEAG.js";
import "./chunk-CPORQLM4.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-MFYSOG4D.js";
import "./chunk-H4CBBWMR.js";
import "./chunk-5ZXHR5OE.js";
export {
  rollback
};
