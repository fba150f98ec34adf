import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  InterruptedError,
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  silentReporter,
  withClient
} from "./chunk-M27PJ6NQ.js";
import {
  s3EndpointFromEnv
} from "./chunk-OQU3YSMS.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-76MV7B3H.js";
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
