// The S3 client the uploader uses: keep-alive connections with enough sockets for the concurrency,
// timeouts that turn a stalled connection into a retryable error, and no SDK retries (retry.ts
// retries, since it can reopen file streams). Credentials come from the SDK's default chain, so
// OIDC via aws-actions/configure-aws-credentials, env keys and profiles all work.
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { S3Client } from "@aws-sdk/client-s3";
import { S3EndpointError } from "./errors.ts";
import { regionFromEnv } from "./region.ts";

export interface S3ClientOptions {
  region?: string | undefined;
  /** An S3-compatible endpoint, e.g. http://127.0.0.1:7070; AWS when absent. */
  endpoint?: string | undefined;
  /** Path-style addressing (bucket in the path); defaults to true when an endpoint is given. */
  forcePathStyle?: boolean | undefined;
  /** Sockets to keep per host; at least the upload concurrency. */
  maxSockets: number;
  /** Abandon a connection attempt after this long. */
  connectionTimeoutMs?: number;
  /** Abandon a request whose socket has been idle this long (a stall). */
  socketTimeoutMs?: number;
}

export function resolveRegion(
  region: string | undefined,
  endpoint: string | undefined,
): string | undefined {
  // S3-compatible stores mostly ignore the region but SigV4 still needs one.
  return region || regionFromEnv() || (endpoint ? "us-east-1" : undefined);
}

const quiet = (): void => {};
const QUIET_LOGGER = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };

export function createS3Client(options: S3ClientOptions): S3Client {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, keepAliveMsecs: 10_000 };
  const region = resolveRegion(options.region, options.endpoint);
  return new S3Client({
    ...(region ? { region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
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
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 60_000,
    },
  });
}

/**
 * The S3 endpoint from the flag, else the AWS SDK's environment variables (the uploader and the
 * pods' downloader read them alike, so one Secret serves both). A value that is not an http(s)
 * URL, or that carries a user name or password, is refused: the endpoint is stored in the
 * RealtimeAPI and printed by plan, and S3 never takes credentials that way.
 */
export function s3EndpointFromEnv(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const sources: [string, string | undefined][] = [
    ["--s3-endpoint (the s3-endpoint input)", flag],
    ["AWS_ENDPOINT_URL_S3", env.AWS_ENDPOINT_URL_S3],
    ["AWS_ENDPOINT_URL", env.AWS_ENDPOINT_URL],
  ];
  const found = sources.find(([, value]) => value);
  if (!found?.[1]) return undefined;
  const problem = s3EndpointProblem(found[1]);
  if (problem) throw new S3EndpointError(`the S3 endpoint from ${found[0]} ${problem}`);
  return found[1];
}

/** What is wrong with an S3 endpoint URL, or undefined (pure). */
export function s3EndpointProblem(endpoint: string): string | undefined {
  // Quoted back only when it cannot hold a password (user:password@host).
  const notUrl = `${endpoint.includes("@") ? "is" : `'${endpoint}' is`} not a URL like https://s3.example.com or http://127.0.0.1:7070`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return notUrl;
  }
  if (url.username || url.password) {
    return (
      "must not hold a user name or password: credentials come from the AWS credential chain " +
      "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or OIDC)"
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return notUrl;
  return undefined;
}
