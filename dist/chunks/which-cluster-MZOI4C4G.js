import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  announceCluster,
  chooseCluster,
  describeChoice
} from "./chunk-ZMJIHDPM.js";
import "./chunk-ZIZXTXUZ.js";
import "./chunk-7LINUUII.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-M4PBZQBP.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-36IZAS6U.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-MMNFD47T.js";
import "./chunk-CMLN5EX3.js";
import "./chunk-332YSSNY.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-5ZXHR5OE.js";
export {
  announceCluster,
  chooseCluster,
  describeChoice
};
