import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  s3EndpointFromEnv,
  silentReporter,
  withClient
} from "./chunk-NAN6Y3ZM.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-TF6QFQ4V.js";
import "./chunk-RIRWRMTC.js";
import "./chunk-5ZXHR5OE.js";
export {
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  s3EndpointFromEnv,
  silentReporter,
  withClient
};
