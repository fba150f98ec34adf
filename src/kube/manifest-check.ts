// Before a rollback changes anything: is the revision's artifact manifest still in S3? A HEAD of
// `<prefix>/manifests/sha256/<hex>.json` where the revision says its files live.
import { HeadBucketCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { manifestKey } from "../artifacts/manifest.ts";
import { DEFAULT_RETRY, errorCode, statusOf, withRetry } from "../artifacts/retry.ts";
import { createS3Client } from "../artifacts/s3-client.ts";
import type { ArtifactsRef } from "./resource.ts";

const CHECK_RETRY = { ...DEFAULT_RETRY, maxAttempts: 4 };

/** `missing`: S3 answered that the manifest is not there (as opposed to not answering at all). */
export type ManifestCheck = { ok: true } | { ok: false; missing: boolean; message: string };

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
          message: `the bucket ${ref.bucket} does not exist (check --bucket and the region or endpoint)`,
        };
      }
      return {
        ok: false,
        missing: true,
        message: `its artifacts manifest ${where} is gone from S3`,
      };
    }
    const e = err as { name?: string; message?: string };
    const status = statusOf(err);
    return {
      ok: false,
      missing: false,
      message: `cannot check its artifacts manifest ${where}: ${e.name ?? "error"}${status ? ` (HTTP ${status})` : ""}${e.message && e.message !== e.name ? `: ${e.message}` : ""}`,
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
