// The S3 client the uploader uses: keep-alive connections with enough sockets for the concurrency,
// timeouts that turn a stalled connection into a retryable error, and no SDK retries (retry.ts
// retries, since it can reopen file streams). Credentials come from the SDK's default chain, so
// OIDC via aws-actions/configure-aws-credentials, env keys and profiles all work.
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { S3Client } from "@aws-sdk/client-s3";

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
  const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  // S3-compatible stores mostly ignore the region but SigV4 still needs one.
  return region || fromEnv || (endpoint ? "us-east-1" : undefined);
}

export function createS3Client(options: S3ClientOptions): S3Client {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, keepAliveMsecs: 10_000 };
  const region = resolveRegion(options.region, options.endpoint);
  return new S3Client({
    ...(region ? { region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
    maxAttempts: 1,
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
 * pods' downloader read them alike, so one Secret serves both).
 */
export function s3EndpointFromEnv(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  return flag || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
}
