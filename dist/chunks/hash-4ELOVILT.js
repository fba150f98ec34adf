import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-HKXLMV7I.js";
import "./chunk-5ZXHR5OE.js";
export {
  createHashPool
};
