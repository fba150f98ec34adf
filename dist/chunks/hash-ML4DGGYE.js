import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-PIWP6A75.js";
import "./chunk-7P5KE4UV.js";
import "./chunk-5ZXHR5OE.js";
export {
  createHashPool
};
