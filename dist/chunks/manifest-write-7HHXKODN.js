import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-OKE5W37N.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-PV7YBCCK.js";
import "./chunk-7CRZJW2W.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
