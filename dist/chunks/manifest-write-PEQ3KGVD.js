import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-Q2AYQO4N.js";
import "./chunk-TR4KGYN2.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-7CRZJW2W.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
