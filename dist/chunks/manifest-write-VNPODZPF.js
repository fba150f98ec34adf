import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-BIOAYRC5.js";
import "./chunk-N7UXAWKP.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-SBYIO4K3.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
