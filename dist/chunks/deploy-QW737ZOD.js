import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deploy,
  locatorFor,
  undoReport,
  waitAndExplain
} from "./chunk-YGWCVF35.js";
import "./chunk-QERPXFWF.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-PNKA6QPM.js";
import "./chunk-5JQUDT4F.js";
import "./chunk-C3WQJQQW.js";
import "./chunk-73PW2XVY.js";
import "./chunk-OW7XFRDN.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-U22UCRV2.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-JTPOSMGM.js";
import "./chunk-DT3KT33Z.js";
import "./chunk-WZIR5TT3.js";
import "./chunk-42JNLXGF.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-ZCC5ZNP4.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  deploy,
  locatorFor,
  undoReport,
  waitAndExplain
};
