import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rollback
} from "./chunk-UYEEGLN6.js";
import "./chunk-GFT5H2PQ.js";
import "./chunk-FB6HAZDJ.js";
import "./chunk-AIWAXIWW.js";
import "./chunk-LRTNM4LO.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SJFONNLA.js";
import "./chunk-H44EFKAB.js";
import "./chunk-KDLM45LX.js";
import "./chunk-VQFGGSZL.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-IFWHDPTC.js";
import "./chunk-ZPI57JOG.js";
import "./chunk-DXF5MSDL.js";
import "./chunk-YZLSCFOY.js";
import "./chunk-CPORQLM4.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-MFYSOG4D.js";
import "./chunk-H4CBBWMR.js";
import "./chunk-5ZXHR5OE.js";
export {
  rollback
};
