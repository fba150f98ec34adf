import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-L6EIFXPF.js";
import "./chunk-Y2LMNQ7K.js";
import "./chunk-SXOEG5ZL.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
