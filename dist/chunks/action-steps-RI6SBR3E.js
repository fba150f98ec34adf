import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-6J2K3SKO.js";
import "./chunk-SKVXBQ6F.js";
import "./chunk-7QMSLUAI.js";
import "./chunk-CTM2SRGV.js";
import "./chunk-WLGT5ZCD.js";
import "./chunk-GPLWXWAX.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-PCZUWPA6.js";
import "./chunk-QYBPS4B6.js";
import "./chunk-OKNXQM4Z.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-XPCNZC72.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-TCY6KHPL.js";
import "./chunk-CC722A6T.js";
import "./chunk-SPUFAMKL.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-M4PBZQBP.js";
import "./chunk-T3RL4JAD.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-36IZAS6U.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-FPLSEJWY.js";
import "./chunk-FYIADKJZ.js";
import "./chunk-SSMWJJRO.js";
import "./chunk-GMWZZHGP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-332YSSNY.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  endpointUrl,
  planStep,
  runPlanCommand
};
