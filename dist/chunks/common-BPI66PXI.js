import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  InterruptedError,
  consoleReporter,
  failureMessage,
  isExpectedFailure,
  silentReporter,
  withClient
} from "./chunk-R3LUIF3T.js";
import "./chunk-65QILXQ2.js";
import "./chunk-PUABCNCY.js";
import {
  s3EndpointFromEnv
} from "./chunk-F4VCNTGQ.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-SBYIO4K3.js";
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
