import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-SXOEG5ZL.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-5ZXHR5OE.js";
export {
  createHashPool
};
