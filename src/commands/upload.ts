// `cortex-deploy upload` (and the upload step of `deploy`): resolve each API's artifacts from
// cortex.yaml, upload them content-addressed to S3, write one manifest per API, and report.
import { ArtifactConfigError, S3UploadError } from "../artifacts/errors.ts";
import type { ExistenceStrategy } from "../artifacts/existence.ts";
import type { PartOptions } from "../artifacts/parts.ts";
import { type ApiUploadResult, runPipeline } from "../artifacts/pipeline.ts";
import { formatSummary, Progress, type UploadSummary } from "../artifacts/progress.ts";
import { resolveArtifacts } from "../artifacts/resolve.ts";
import { DEFAULT_RETRY, type RetryOptions } from "../artifacts/retry.ts";
import { createS3Client } from "../artifacts/s3-client.ts";
import type { ArtifactsConfig } from "../artifacts/types.ts";

export type { ApiUploadResult, UploadSummary };
export { ArtifactConfigError, S3UploadError };

export const DEFAULT_UPLOAD_CONCURRENCY = 16;

export interface UploadArtifactsOptions {
  config: ArtifactsConfig;
  bucket: string;
  /** Key prefix inside the bucket ("" for the bucket's root). */
  prefix: string;
  region?: string | undefined;
  /** S3-compatible endpoint URL; AWS when absent. */
  endpoint?: string | undefined;
  /** Defaults to true with an endpoint, false without. */
  forcePathStyle?: boolean | undefined;
  /** S3 requests in flight at once, across files and multipart parts. */
  concurrency?: number | undefined;
  /** Progress lines (at most one every few seconds) and the closing summary. */
  log?: ((line: string) => void) | undefined;
  /** Stops the upload (Ctrl-C): nothing new starts and multipart uploads in flight are aborted. */
  signal?: AbortSignal | undefined;
  /** Tuning and tests. */
  advanced?: {
    progressIntervalMs?: number;
    retry?: Partial<RetryOptions>;
    parts?: PartOptions;
    existence?: ExistenceStrategy | "auto";
    hashThreads?: number;
    socketTimeoutMs?: number;
    connectionTimeoutMs?: number;
    onRetry?: (what: string, err: unknown, attempt: number) => void;
  };
}

export interface UploadArtifactsResult {
  /** APIs that have artifacts, in cortex.yaml order. */
  apis: ApiUploadResult[];
  summary: UploadSummary;
}

/**
 * Throws ArtifactConfigError (located errors in cortex.yaml) or S3UploadError (what S3 refused, for
 * which bucket and key); both have messages meant to be printed as they are.
 */
export async function uploadArtifacts(
  opts: UploadArtifactsOptions,
): Promise<UploadArtifactsResult> {
  const concurrency = opts.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`upload concurrency must be a positive integer, got ${concurrency}`);
  if (opts.bucket.trim() === "") throw new RangeError("the S3 bucket name is empty");
  const apis = await resolveArtifacts(opts.config);
  const advanced = opts.advanced ?? {};
  const progress = new Progress({ log: opts.log, intervalMs: advanced.progressIntervalMs });

  const client = createS3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    // A few spare sockets, so HEADs and listings never queue behind a stalled body.
    maxSockets: concurrency + 8,
    socketTimeoutMs: advanced.socketTimeoutMs,
    connectionTimeoutMs: advanced.connectionTimeoutMs,
  });
  try {
    const results = await runPipeline({
      client,
      bucket: opts.bucket,
      prefix: opts.prefix,
      apis,
      progress,
      concurrency,
      hashThreads: advanced.hashThreads,
      parts: advanced.parts,
      retry: { ...DEFAULT_RETRY, ...advanced.retry },
      existence: advanced.existence,
      onRetry: advanced.onRetry,
      signal: opts.signal,
      onAbortFailed: (key, uploadId, err) =>
        opts.log?.(
          `warning: could not abort multipart upload ${uploadId} of s3://${opts.bucket}/${key} ` +
            `(${(err as Error).message}); its parts are billed until a lifecycle rule ` +
            "(AbortIncompleteMultipartUpload) or an abort removes them",
        ),
    });
    const summary = progress.summary();
    opts.log?.(formatSummary(summary));
    return { apis: results, summary };
  } finally {
    client.destroy();
  }
}
