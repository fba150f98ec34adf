import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deploy,
  locatorFor,
  meanwhileNote,
  undoReport,
  waitAndExplain
} from "./chunk-LMLDFOGL.js";
import "./chunk-JIRHYDKY.js";
import "./chunk-B5DANTQI.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-MSKWCCRN.js";
import "./chunk-SJFK5DRX.js";
import "./chunk-OKNXQM4Z.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-DADM663J.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-M4PBZQBP.js";
import "./chunk-T3RL4JAD.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-36IZAS6U.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-J4JOITP3.js";
import "./chunk-WVEKD7WX.js";
import "./chunk-JYJVQZ72.js";
import "./chunk-MMNFD47T.js";
import "./chunk-GMWZZHGP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-CMLN5EX3.js";
import "./chunk-332YSSNY.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  deploy,
  locatorFor,
  meanwhileNote,
  undoReport,
  waitAndExplain
};
