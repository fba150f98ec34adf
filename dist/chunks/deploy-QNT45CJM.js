import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deploy,
  locatorFor,
  undoReport,
  waitAndExplain
} from "./chunk-LAGFMYJM.js";
import "./chunk-XHVOBQAV.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-GGASQBG3.js";
import "./chunk-QTIFRPNA.js";
import "./chunk-I7U37745.js";
import "./chunk-FNV5POFL.js";
import "./chunk-FTVFCQ23.js";
import "./chunk-OJ5DXWPU.js";
import "./chunk-R7UXBKNO.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-P43W5RY3.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-R3LUIF3T.js";
import "./chunk-65QILXQ2.js";
import "./chunk-PUABCNCY.js";
import "./chunk-F4VCNTGQ.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-SBYIO4K3.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  deploy,
  locatorFor,
  undoReport,
  waitAndExplain
};
