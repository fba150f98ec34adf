// The downloader's flags, each but --s3-endpoint with an environment fallback so the controller
// can configure the init container through `env`. Credentials and region come from the standard AWS variables
// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, …), read by the SDK.
import { type ParsedFlags, parseFlags } from "../lib/flags.ts";

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const downloaderFlags = {
  bucket: {
    type: "string",
    env: "CORTEX_BUCKET",
    help: "S3 bucket holding the artifacts (required)",
  },
  prefix: {
    type: "string",
    env: "CORTEX_PREFIX",
    default: "",
    help: "key prefix under which blobs/ and manifests/ live",
  },
  manifest: {
    type: "string",
    env: "CORTEX_MANIFEST",
    help: "SHA-256 (lowercase hex) of the API's artifact manifest (required)",
    check: (v: string) =>
      SHA256_HEX.test(v) ? undefined : `"${v}" is not a lowercase hex SHA-256 digest`,
  },
  // No env binding: without the flag, main() reads AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL,
  // with the uploader's s3EndpointFromEnv, so both resolve one environment alike.
  s3Endpoint: {
    type: "string",
    help: "S3 endpoint URL for S3-compatible stores (default: $AWS_ENDPOINT_URL_S3, then $AWS_ENDPOINT_URL, else AWS S3; path-style addressing is used with it, unless --s3-force-path-style=false)",
  },
  s3ForcePathStyle: {
    type: "boolean",
    env: "CORTEX_S3_FORCE_PATH_STYLE",
    help: "address buckets by path (https://host/bucket/key); default: when --s3-endpoint is set",
  },
  root: {
    type: "string",
    env: "CORTEX_ARTIFACTS_ROOT",
    default: "/",
    help: "folder the manifest's absolute mount paths are resolved under",
  },
  concurrency: {
    type: "int",
    env: "CORTEX_DOWNLOAD_CONCURRENCY",
    default: 16,
    min: 1,
    max: 256,
    help: "blobs downloaded at once",
  },
  attempts: {
    type: "int",
    env: "CORTEX_DOWNLOAD_ATTEMPTS",
    default: 5,
    min: 1,
    help: "tries per blob (and for the manifest) before a transient error is fatal",
  },
  terminationLog: {
    type: "string",
    env: "CORTEX_TERMINATION_LOG",
    help: "file to write why the download failed to, in one short sentence (the container's terminationMessagePath, which Kubernetes shows in its status); none by default",
  },
  progressInterval: {
    type: "duration",
    env: "CORTEX_PROGRESS_INTERVAL",
    default: 5000,
    help: "at most one progress line per interval",
  },
} as const;

export type DownloaderConfig = ParsedFlags<typeof downloaderFlags>;

export function parseDownloaderFlags(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): DownloaderConfig {
  return parseFlags(downloaderFlags, argv, env);
}
