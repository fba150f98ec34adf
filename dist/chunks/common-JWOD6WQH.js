import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  s3EndpointFromEnv,
  silentReporter,
  withClient
} from "./chunk-ABU5KG6X.js";
import "./chunk-77YCEPPZ.js";
import "./chunk-5APKSHJT.js";
import "./chunk-HDC5WNID.js";
import "./chunk-5ZXHR5OE.js";
export {
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  s3EndpointFromEnv,
  silentReporter,
  withClient
};
