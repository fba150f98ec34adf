import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  controllerNote,
  formatStatus,
  nothingToShow,
  status,
  statusRow
} from "./chunk-FNDMMCLI.js";
import "./chunk-UWZLKIEG.js";
import "./chunk-JV4CEZL6.js";
import "./chunk-BSK7IOA7.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-ZF2MBM3L.js";
import "./chunk-7VA77F3F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  controllerNote,
  formatStatus,
  nothingToShow,
  status,
  statusRow
};
