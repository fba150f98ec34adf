import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  s3EndpointFromEnv,
  silentReporter,
  withClient
} from "./chunk-FC2API5Z.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-G6NN6ZFC.js";
import "./chunk-JHSAL5PI.js";
import "./chunk-5ZXHR5OE.js";
export {
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  s3EndpointFromEnv,
  silentReporter,
  withClient
};
