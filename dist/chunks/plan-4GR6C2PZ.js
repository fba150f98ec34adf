import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-PARJK7ZD.js";
import "./chunk-DZV7ZFM2.js";
import "./chunk-QQ63BCV6.js";
import "./chunk-5QVGVPEF.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-MUBBG3KA.js";
import "./chunk-LXTKQIRN.js";
import "./chunk-JAHW2HGQ.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-NGDF2CFM.js";
import "./chunk-7CRZJW2W.js";
import "./chunk-SMWBDRX3.js";
import "./chunk-CS4U5KM2.js";
import "./chunk-L5ZQ5PME.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-RAJJFBWP.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-NZFNHTRN.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  plan
};
