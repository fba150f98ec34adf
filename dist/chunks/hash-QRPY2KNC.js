import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-YR57V5BW.js";
import "./chunk-LLRDR4D5.js";
import "./chunk-454V2JIS.js";
import "./chunk-5ZXHR5OE.js";
export {
  createHashPool
};
