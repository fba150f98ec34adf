import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rollback
} from "./chunk-FS3PFWVC.js";
import "./chunk-RZFN7OGE.js";
import "./chunk-NEKHTT77.js";
import "./chunk-ZBGKRK4S.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-ZDYQ6IJD.js";
import "./chunk-GNLPA3XP.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-JIAOWVZR.js";
import "./chunk-T2OIZNEI.js";
import "./chunk-L6ORL5J7.js";
import "./chunk-2MCHFAZN.js";
import "./chunk-M4YLLLVT.js";
import "./chunk-WJXEBOX5.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-WBGEU65H.js";
import "./chunk-7AHRUYJP.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-HBWBFKOF.js";
import "./chunk-Y2SBPZJT.js";
import "./chunk-4RYHZF57.js";
import "./chunk-PVNXMLFY.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4IAASZCI.js";
import "./chunk-MENXRMEK.js";
import "./chunk-5ZXHR5OE.js";
export {
  rollback
};
