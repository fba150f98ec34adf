import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-ZXWLLEXU.js";
import "./chunk-B36SQAF3.js";
import "./chunk-YR57V5BW.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-LLRDR4D5.js";
import "./chunk-454V2JIS.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
