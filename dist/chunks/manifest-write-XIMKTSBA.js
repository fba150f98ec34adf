import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-UKHDH4IW.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-E4RQTGAK.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
