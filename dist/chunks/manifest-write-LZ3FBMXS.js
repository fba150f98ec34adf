import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-QZ6PMHMO.js";
import "./chunk-N7UXAWKP.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-SBYIO4K3.js";
import "./chunk-MENXRMEK.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
