import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-UGM5YJHJ.js";
import "./chunk-5DDSSK3O.js";
import "./chunk-K2AQGEWE.js";
import "./chunk-XFCUDUOJ.js";
import "./chunk-SJFONNLA.js";
import "./chunk-2MH75QNN.js";
import "./chunk-QXGJXMU7.js";
import "./chunk-DIMOEI6E.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-U37HLJRQ.js";
import "./chunk-T5626RSC.js";
import "./chunk-RJJDM4SD.js";
import "./chunk-CSNZHIMR.js";
import "./chunk-AI4VG3LE.js";
import "./chunk-2UQ7CSEV.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-XI6MGQ3C.js";
import "./chunk-5KSCQY2O.js";
import "./chunk-5ZXHR5OE.js";
export {
  plan
};
