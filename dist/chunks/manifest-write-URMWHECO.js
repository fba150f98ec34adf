import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-TKRRID45.js";
import "./chunk-HKZSZT4K.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-4IAASZCI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
