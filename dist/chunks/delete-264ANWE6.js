import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deleteApis,
  selectForDelete
} from "./chunk-WTOVTPHT.js";
import "./chunk-H44EFKAB.js";
import "./chunk-YHCJAVAJ.js";
import "./chunk-VQFGGSZL.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-ZPI57JOG.js";
import "./chunk-DXF5MSDL.js";
import "./chunk-YLPX5A2A.js";
import "./chunk-CPORQLM4.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-UCM7E2PA.js";
import "./chunk-H4CBBWMR.js";
import "./chunk-5ZXHR5OE.js";
export {
  deleteApis,
  selectForDelete
};
