// Writes an API's manifest, named by the SHA-256 of its bytes. Called only once every blob it
// names is confirmed in S3, so no manifest ever points at a missing blob.
import { createHash } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { toS3UploadError } from "./errors.ts";
import { checksumAllows, headWithChecksum } from "./existence.ts";
import type { Limiter } from "./limit.ts";
import { type ManifestFile, manifestKey, serializeManifest } from "./manifest.ts";
import { type RetryOptions, statusOf, withRetry } from "./retry.ts";
import { hexToBase64 } from "./upload-blob.ts";

export interface ManifestContext {
  client: S3Client;
  bucket: string;
  prefix: string;
  limiter: Limiter;
  retry: RetryOptions;
  signal?: AbortSignal;
}

export interface BuiltManifest {
  sha256: string;
  key: string;
  bytes: Buffer;
}

export function buildManifest(prefix: string, files: readonly ManifestFile[]): BuiltManifest {
  const bytes = Buffer.from(serializeManifest(files), "utf8");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { sha256, key: manifestKey(prefix, sha256), bytes };
}

/**
 * Puts the manifest unless an object of that name, size and (when S3 reports one) SHA-256
 * checksum is already there; one with other bytes of the same size is replaced.
 */
export async function writeManifest(
  ctx: ManifestContext,
  manifest: BuiltManifest,
): Promise<boolean> {
  const run = <T>(action: string, send: () => Promise<T>): Promise<T> =>
    ctx.limiter
      .run(() => withRetry(send, ctx.retry, ctx.signal))
      .catch((err: unknown) => {
        if (action === "HEAD" && statusOf(err) === 404) throw err;
        throw toS3UploadError(err, action, ctx.bucket, manifest.key);
      });
  const exists = await run("HEAD", () =>
    headWithChecksum(ctx.client, ctx.bucket, manifest.key, ctx.signal),
  ).then(
    (head) =>
      head.ContentLength === manifest.bytes.length &&
      checksumAllows(head.ChecksumSHA256, manifest.sha256),
    (err: unknown) => {
      if (statusOf(err) === 404) return false;
      throw err;
    },
  );
  if (exists) return false;
  await run("PUT", () =>
    ctx.client.send(
      new PutObjectCommand({
        Bucket: ctx.bucket,
        Key: manifest.key,
        Body: manifest.bytes,
        ContentType: "application/json",
        ChecksumSHA256: hexToBase64(manifest.sha256),
      }),
      { abortSignal: ctx.signal },
    ),
  );
  return true;
}
