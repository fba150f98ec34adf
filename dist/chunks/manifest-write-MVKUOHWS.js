import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  buildManifest,
  writeManifest
} from "./chunk-4XDT4S2O.js";
import "./chunk-HKZSZT4K.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-4IAASZCI.js";
import "./chunk-MENXRMEK.js";
import "./chunk-5ZXHR5OE.js";
export {
  buildManifest,
  writeManifest
};
