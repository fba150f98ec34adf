import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-2B7W3GXR.js";
import {
  regionFromEnv
} from "./chunk-VE5DZ3QN.js";
import {
  S3EndpointError
} from "./chunk-VQJSBGHP.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/artifacts/s3-client.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
function resolveRegion(region, endpoint) {
  return region || regionFromEnv() || (endpoint ? "us-east-1" : void 0);
}
var quiet = () => {
};
var QUIET_LOGGER = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };
function createS3Client(options) {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, keepAliveMsecs: 1e4 };
  const region = resolveRegion(options.region, options.endpoint);
  return new import_client_s3.S3Client({
    ...region ? { region } : {},
    ...options.endpoint ? { endpoint: options.endpoint } : {},
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== void 0,
    maxAttempts: 1,
    // Our own errors say what failed. The SDK's default logger (NoOpLogger) makes its retry
    // middleware print to the console for every failed streaming request: dozens of lines on an
    // interrupted upload.
    logger: QUIET_LOGGER,
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
  const sources = [
    ["--s3-endpoint (the s3-endpoint input)", flag],
    ["AWS_ENDPOINT_URL_S3", env.AWS_ENDPOINT_URL_S3],
    ["AWS_ENDPOINT_URL", env.AWS_ENDPOINT_URL]
  ];
  const found = sources.find(([, value]) => value);
  if (!found?.[1]) return void 0;
  const problem = s3EndpointProblem(found[1]);
  if (problem) throw new S3EndpointError(`the S3 endpoint from ${found[0]} ${problem}`);
  return found[1];
}
function s3EndpointProblem(endpoint) {
  const notUrl = `${endpoint.includes("@") ? "is" : `'${endpoint}' is`} not a URL like https://s3.example.com or http://127.0.0.1:7070`;
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    return notUrl;
  }
  if (url.username || url.password) {
    return "must not hold a user name or password: credentials come from the AWS credential chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or OIDC)";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return notUrl;
  return void 0;
}

export {
  createS3Client,
  s3EndpointFromEnv
};
