import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-4MTBIQW3.js";
import "./chunk-YDFNPWQT.js";
import "./chunk-J3HF3BF2.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-76MV7B3H.js";
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
