import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  announceCluster,
  chooseCluster,
  describeChoice
} from "./chunk-W2LPDJEH.js";
import "./chunk-F5P7TITF.js";
import "./chunk-A5T5TBQU.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-YOXCTENX.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-EEXP2E6B.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-5ZXHR5OE.js";
export {
  announceCluster,
  chooseCluster,
  describeChoice
};
