import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deploy,
  locatorFor,
  waitAndExplain
} from "./chunk-WMKNSUUZ.js";
import "./chunk-USLIQAKI.js";
import "./chunk-IS2XPXDN.js";
import "./chunk-N23GNWJP.js";
import "./chunk-SH65X3Y3.js";
import "./chunk-VYBRM2T7.js";
import "./chunk-7ITEMARL.js";
import "./chunk-VQFGGSZL.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-OEKEIZ2D.js";
import "./chunk-O64FHWX4.js";
import "./chunk-6UPLSDH3.js";
import "./chunk-72FO5J37.js";
import "./chunk-YQ6PU4JC.js";
import "./chunk-EGLW2V2N.js";
import "./chunk-4WTDKO2W.js";
import "./chunk-JHSAL5PI.js";
import "./chunk-5ZXHR5OE.js";
export {
  deploy,
  locatorFor,
  waitAndExplain
};
