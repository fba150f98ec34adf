import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-6SKBB344.js";
import "./chunk-PHQIWDGI.js";
import "./chunk-P7GYY4ZJ.js";
import "./chunk-W75ABTWF.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-TE2ENVXC.js";
import "./chunk-N6GCDLBB.js";
import "./chunk-JIAOWVZR.js";
import "./chunk-RXOSCHL7.js";
import "./chunk-N636LIYD.js";
import "./chunk-DXYM7NW3.js";
import "./chunk-R7UHE6SC.js";
import "./chunk-A2FQOQGB.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-M3EZSDZR.js";
import "./chunk-GTMVDTIN.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-5UPG5FBY.js";
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
  plan
};
