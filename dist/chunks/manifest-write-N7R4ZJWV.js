import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-AFXR54CN.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-PV7YBCCK.js";
import "./chunk-JTPOSMGM.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
