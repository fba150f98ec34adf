import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  silentReporter,
  withClient
} from "./chunk-OPLSP6RR.js";
import {
  s3EndpointFromEnv
} from "./chunk-FMSBI7IO.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-7QRYGX7M.js";
import "./chunk-ZCC5ZNP4.js";
import "./chunk-PUABCNCY.js";
import "./chunk-5ZXHR5OE.js";
export {
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  s3EndpointFromEnv,
  silentReporter,
  withClient
};
