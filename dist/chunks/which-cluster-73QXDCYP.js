import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  announceCluster,
  chooseCluster,
  describeChoice
} from "./chunk-7TSHLAZK.js";
import "./chunk-ZIZXTXUZ.js";
import "./chunk-K72GEYXI.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-BJT667HP.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-ONYTPDX2.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-R24KJZDK.js";
import "./chunk-CMLN5EX3.js";
import "./chunk-332YSSNY.js";
import "./chunk-LLRDR4D5.js";
import "./chunk-454V2JIS.js";
import "./chunk-5ZXHR5OE.js";
export {
  announceCluster,
  chooseCluster,
  describeChoice
};
