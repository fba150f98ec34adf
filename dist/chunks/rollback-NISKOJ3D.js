import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rollback
} from "./chunk-QNZ6FMI7.js";
import "./chunk-MHMFZAAT.js";
import "./chunk-PLRBI4JF.js";
import "./chunk-7EMDPU6Z.js";
import "./chunk-FRWXG5R2.js";
import "./chunk-AP6CNB3N.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-4FB53RIG.js";
import "./chunk-TXE6JW6X.js";
import "./chunk-JAHW2HGQ.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-V6YV525M.js";
import "./chunk-PV7YBCCK.js";
import "./chunk-7CRZJW2W.js";
import "./chunk-B3F6EPAW.js";
import "./chunk-4IIHT3FU.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-BJQZEDH3.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-CNYIIQE2.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  rollback
};
