import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-2B7W3GXR.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/artifacts/s3-client.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
function resolveRegion(region, endpoint) {
  const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  return region || fromEnv || (endpoint ? "us-east-1" : void 0);
}
function createS3Client(options) {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, keepAliveMsecs: 1e4 };
  const region = resolveRegion(options.region, options.endpoint);
  return new import_client_s3.S3Client({
    ...region ? { region } : {},
    ...options.endpoint ? { endpoint: options.endpoint } : {},
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== void 0,
    maxAttempts: 1,
    // We send SHA-256 checksums ourselves where they matter; no CRC32 on every other request.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // Wait for "100 Continue" only before large bodies, where a refusal saves real bandwidth.
    expectContinueHeader: 8 * 1024 * 1024,
    requestHandler: {
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: options.connectionTimeoutMs ?? 1e4,
      socketTimeout: options.socketTimeoutMs ?? 6e4
    }
  });
}
function s3EndpointFromEnv(flag, env) {
  return flag || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || void 0;
}

export {
  createS3Client,
  s3EndpointFromEnv
};
