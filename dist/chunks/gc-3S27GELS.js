import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  gc
} from "./chunk-CQDHLODS.js";
import "./chunk-S6A6OYJH.js";
import "./chunk-VL7ZDZD2.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-KA24AOKZ.js";
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
  gc
};
