import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-V4QEPZAU.js";
import "./chunk-DAQAZREJ.js";
import "./chunk-KBMK44CB.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
