import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-JT5U536H.js";
import "./chunk-E4RQTGAK.js";
import "./chunk-5ZXHR5OE.js";
export {
  createHashPool
};
