import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  ensureNamespace,
  namespaceState,
  terminatingNamespace
} from "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-5ZXHR5OE.js";
export {
  ensureNamespace,
  namespaceState,
  terminatingNamespace
};
