import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-HKZSZT4K.js";
import "./chunk-4IAASZCI.js";
import "./chunk-5ZXHR5OE.js";
export {
  createHashPool
};
