import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  controllerNote,
  formatStatus,
  nothingToShow,
  status,
  statusRow
} from "./chunk-22RYLUCT.js";
import "./chunk-NDWEX6FV.js";
import "./chunk-JV4CEZL6.js";
import "./chunk-53XXCAAU.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-44FFRA3Q.js";
import "./chunk-3PKWYSW7.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-TCZGVXT6.js";
import "./chunk-EPVDL62P.js";
import "./chunk-YHS6YUQK.js";
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
