import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-WREDTBP2.js";
import "./chunk-NIMK544W.js";
import "./chunk-QWXGQXXN.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-DD6YZFNY.js";
import "./chunk-MS72EJBM.js";
import "./chunk-C3WQJQQW.js";
import "./chunk-W2R52WM4.js";
import "./chunk-OW7XFRDN.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-U22UCRV2.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-JTPOSMGM.js";
import "./chunk-5JCTI7JG.js";
import "./chunk-CZGTFK6P.js";
import "./chunk-FIYQ3QC6.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-VIJYTNWN.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  plan
};
