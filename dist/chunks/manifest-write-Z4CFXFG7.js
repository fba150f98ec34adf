import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-S4CU2GX3.js";
import "./chunk-PIWP6A75.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-7P5KE4UV.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
