import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-KBMK44CB.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-5ZXHR5OE.js";
export {
  createHashPool
};
