import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  gc
} from "./chunk-OQ7JXZOI.js";
import "./chunk-YMS4SCOF.js";
import "./chunk-DAQAZREJ.js";
import "./chunk-OKNXQM4Z.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-GJTXB5GE.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-JRR32XU3.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-USP2LHNV.js";
import "./chunk-AFPXDAIS.js";
import "./chunk-ZJ24YRQ5.js";
import "./chunk-B7OOKQJF.js";
import "./chunk-GMWZZHGP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-332YSSNY.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  gc
};
