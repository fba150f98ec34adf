// Is an artifact manifest in S3? Asked before a rollback changes anything (is the revision's still
// there?) and by plan (would deploy upload?): a HEAD of `<prefix>/manifests/sha256/<hex>.json`.
import { HeadBucketCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { S3UploadError, toS3UploadError } from "../artifacts/errors.ts";
import { manifestKey } from "../artifacts/manifest.ts";
import { DEFAULT_RETRY, errorCode, isRetryable, statusOf, withRetry } from "../artifacts/retry.ts";
import { createS3Client } from "../artifacts/s3-client.ts";
import type { ArtifactsRef } from "./resource.ts";

const CHECK_RETRY = { ...DEFAULT_RETRY, maxAttempts: 4 };

/**
 * `missing`: S3 answered that the manifest is not there (as opposed to not answering at all).
 * `refused`: S3 answered with a refusal an upload would get too (no such bucket, access denied, a
 * wrong region), as opposed to not being asked (no credentials) or not answering (the network);
 * `code` is S3's name for it.
 */
export type ManifestCheck =
  | { ok: true }
  | { ok: false; missing: true; refused: false; message: string }
  | { ok: false; missing: false; refused: boolean; code: string; message: string };

export interface ManifestCheckOptions {
  /** Used when the reference names no endpoint (the CLI's --s3-endpoint). */
  endpoint?: string | undefined;
  region?: string | undefined;
}

export async function checkManifest(
  ref: ArtifactsRef,
  opts: ManifestCheckOptions = {},
): Promise<ManifestCheck> {
  const key = manifestKey(ref.prefix, ref.manifest);
  const where = `s3://${ref.bucket}/${key}`;
  const endpoint = ref.endpoint ?? opts.endpoint;
  const client = createS3Client({
    region: ref.region ?? opts.region,
    endpoint,
    forcePathStyle: ref.force_path_style ?? (endpoint ? true : undefined),
    maxSockets: 2,
  });
  try {
    // A 503 SlowDown or a reset must not refuse a rollback (or blank a plan's line): retried as
    // uploads are, with fewer attempts, since a person waits on this one answer.
    await withRetry(
      () => client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: key })),
      CHECK_RETRY,
    );
    return { ok: true };
  } catch (err) {
    if (isNotFound(err)) {
      // HEAD answers a missing bucket with the same bare 404 as a missing key.
      if (await bucketMissing(client, ref.bucket)) {
        return {
          ok: false,
          missing: false,
          refused: true,
          code: "NoSuchBucket",
          message: `the bucket ${ref.bucket} does not exist (check --bucket and the region or endpoint)`,
        };
      }
      return {
        ok: false,
        missing: true,
        refused: false,
        message: `its artifacts manifest ${where} is gone from S3`,
      };
    }
    // Worded as the upload words it: a 403 to HEAD has no body, so the SDK alone says "Unknown".
    const failed = toS3UploadError(err, "HEAD", ref.bucket, key);
    const status = statusOf(err);
    return {
      ok: false,
      missing: false,
      refused: status !== undefined && status >= 400 && status < 500 && !isRetryable(err),
      code: failed instanceof S3UploadError ? failed.code : errorCode(err),
      message: failed.message,
    };
  } finally {
    client.destroy();
  }
}

const NOT_FOUND = new Set(["NotFound", "NoSuchKey", "NoSuchBucket"]);

function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404 || NOT_FOUND.has(errorCode(err));
}

/** True only when S3 says the bucket is not there; no permission to ask (403) is not that. */
async function bucketMissing(client: S3Client, bucket: string): Promise<boolean> {
  try {
    await withRetry(() => client.send(new HeadBucketCommand({ Bucket: bucket })), CHECK_RETRY);
    return false;
  } catch (err) {
    return isNotFound(err);
  }
}
