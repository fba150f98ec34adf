import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  controllerNote,
  formatStatus,
  nothingToShow,
  status,
  statusRow
} from "./chunk-S4TUT5DT.js";
import "./chunk-B5DANTQI.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-SJFK5DRX.js";
import "./chunk-OKNXQM4Z.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-VP4HWAEJ.js";
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
  controllerNote,
  formatStatus,
  nothingToShow,
  status,
  statusRow
};
