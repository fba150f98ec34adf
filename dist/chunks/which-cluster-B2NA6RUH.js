import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  announceCluster,
  chooseCluster,
  describeChoice
} from "./chunk-CIWI3FG2.js";
import "./chunk-ZIZXTXUZ.js";
import "./chunk-4DXXXLEG.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-LYJWYY25.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-3N4HTFBA.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-TCZGVXT6.js";
import "./chunk-EPVDL62P.js";
import "./chunk-YHS6YUQK.js";
import "./chunk-332YSSNY.js";
import "./chunk-5ZXHR5OE.js";
export {
  announceCluster,
  chooseCluster,
  describeChoice
};
