import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-AKRWGCPQ.js";
import "./chunk-VL7ZDZD2.js";
import "./chunk-OJR3T2MW.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-TCZGVXT6.js";
import "./chunk-EPVDL62P.js";
import "./chunk-YHS6YUQK.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
