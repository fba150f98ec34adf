import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  InterruptedError,
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  silentReporter,
  withClient
} from "./chunk-2SQTEIVN.js";
import "./chunk-22LOABTM.js";
import "./chunk-PUABCNCY.js";
import {
  s3EndpointFromEnv
} from "./chunk-WADMWQBU.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-SBYIO4K3.js";
import "./chunk-MENXRMEK.js";
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
