import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rollback
} from "./chunk-HLELYVE2.js";
import "./chunk-PBAQOAKZ.js";
import "./chunk-EIMKCBOA.js";
import "./chunk-UBOC4XKP.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-AKYSIDIL.js";
import "./chunk-N6GCDLBB.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-I7U37745.js";
import "./chunk-5JSN3UUF.js";
import "./chunk-KJITPWQT.js";
import "./chunk-DXYM7NW3.js";
import "./chunk-R7UHE6SC.js";
import "./chunk-A2FQOQGB.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-NOBKJBXZ.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-2SQTEIVN.js";
import "./chunk-22LOABTM.js";
import "./chunk-PUABCNCY.js";
import "./chunk-WADMWQBU.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-SBYIO4K3.js";
import "./chunk-MENXRMEK.js";
import "./chunk-5ZXHR5OE.js";
export {
  rollback
};
