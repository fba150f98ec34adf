import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-5HZ6CAQN.js";
import "./chunk-5ZXHR5OE.js";
export {
  createHashPool
};
