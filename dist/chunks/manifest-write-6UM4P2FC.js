import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-X77RTKFW.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-PV7YBCCK.js";
import "./chunk-YKGH25DI.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
