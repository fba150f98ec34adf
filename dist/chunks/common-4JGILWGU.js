import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  InterruptedError,
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  silentReporter,
  withClient
} from "./chunk-ZF2MBM3L.js";
import {
  s3EndpointFromEnv
} from "./chunk-7VA77F3F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  InterruptedError,
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  s3EndpointFromEnv,
  silentReporter,
  withClient
};
