import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  InterruptedError,
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  silentReporter,
  withClient
} from "./chunk-HBWBFKOF.js";
import "./chunk-Y2SBPZJT.js";
import "./chunk-4RYHZF57.js";
import {
  s3EndpointFromEnv
} from "./chunk-PVNXMLFY.js";
import "./chunk-6EBDZZAX.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4IAASZCI.js";
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
