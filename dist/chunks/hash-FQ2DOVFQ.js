import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-N7UXAWKP.js";
import "./chunk-SBYIO4K3.js";
import "./chunk-5ZXHR5OE.js";
export {
  createHashPool
};
