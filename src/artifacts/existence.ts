// Which blobs S3 already has, so they are not sent again. Two ways, picked by how many files we
// have (see bench/upload/existence.ts for the measurement behind the threshold):
// - list: one ListObjectsV2 walk of blobs/sha256/, split by the first hex digit into 16 listings
//   that run in parallel; costs one request per 1,000 stored blobs, whatever we upload.
// - head: one HEAD per blob, in parallel; costs one request per blob we have.
// A blob counts as present only with the expected size, so a truncated object is replaced. HEAD
// also asks for the object's SHA-256 checksum (every object this tool writes has one): when S3 has
// one and it is not the blob's, the object holds other bytes (written by someone else, damaged, or
// left by an older version that could complete a multipart upload of a file that changed) and is
// replaced too (see checksumAllows for a multipart upload's checksum). A listing carries no checksum values, only their algorithm, so "list" goes
// by size alone: finding a same-size wrong object among 10,000 would take a HEAD each, which is
// the cost the listing is there to avoid. Deleting such an object is the repair in that case.
import { HeadObjectCommand, type HeadObjectCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import { compositeChecksum, compositeParts, hexToBase64 } from "./checksum.ts";
import { toS3UploadError } from "./errors.ts";
import type { Limiter } from "./limit.ts";
import { listByHexDigit } from "./list.ts";
import { blobKey } from "./manifest.ts";
import { type RetryOptions, statusOf, withRetry } from "./retry.ts";

export type ExistenceStrategy = "list" | "head";

/** Below this many distinct files, HEAD each; from it on, list. */
export const HEAD_MAX_FILES = 200;

export function chooseStrategy(files: number): ExistenceStrategy {
  return files < HEAD_MAX_FILES ? "head" : "list";
}

export interface ExistenceContext {
  client: S3Client;
  bucket: string;
  prefix: string;
  limiter: Limiter;
  retry: RetryOptions;
  signal?: AbortSignal;
}

export interface ExistenceCheck {
  /**
   * Whether `blobs/sha256/<sha>` exists with `size` bytes (and, where known, that SHA-256);
   * `partSha256` are the digests of its parts when this run would upload it multipart.
   */
  has(sha256: string, size: number, partSha256?: readonly string[]): Promise<boolean>;
}

/** Lists every blob under the prefix: sha256 → size. */
export async function listBlobs(ctx: ExistenceContext): Promise<Map<string, number>> {
  const root = blobKey(ctx.prefix, "");
  const objects = await listByHexDigit(ctx, root);
  return new Map(objects.map((o) => [o.key.slice(root.length), o.size]));
}

/**
 * Whether an object's SHA-256 checksum, as HEAD with ChecksumMode "ENABLED" gives it, allows it to
 * hold the bytes whose digest is `sha256` (hex). No checksum (an object another tool wrote without
 * one) allows it: size is then all there is.
 *
 * A multipart upload's checksum is a composite ("<base64>-<parts>", a digest of the parts'
 * digests), which depends on the part size the upload used. With the digests of our own parts
 * (`partSha256`, when this run would send the file multipart) and the same part count, it is
 * checked exactly: that is how a blob that an older version completed with bytes other than its
 * name's (a file that changed during its upload) is found and replaced. A composite of another
 * part count cannot be checked without hashing the file again at that part size: ours completes
 * only after S3 verified every part against digests taken in the read that named the blob, so such
 * an object was written by something else under our key, and it is taken on its size, as an object
 * without a checksum is (and as the "list" strategy takes every object). Refusing it would upload
 * the file again on every run whose plan differs; and the downloader checks each blob's SHA-256,
 * so a wrong one stops the pod from starting rather than serving other bytes.
 */
export function checksumAllows(
  stored: string | undefined,
  sha256: string,
  partSha256?: readonly string[],
): boolean {
  if (stored === undefined) return true;
  const parts = compositeParts(stored);
  if (parts === undefined) return stored === hexToBase64(sha256);
  if (partSha256 && partSha256.length === parts) return stored === compositeChecksum(partSha256);
  return true;
}

/**
 * HEAD that asks for the object's SHA-256 checksum. On an SSE-KMS bucket S3 gives it only to a
 * role allowed kms:Decrypt and refuses the whole HEAD otherwise (403): then it asks again without,
 * so such a role goes by size, as before checksums were asked for, rather than failing.
 */
export async function headWithChecksum(
  client: S3Client,
  bucket: string,
  key: string,
  signal: AbortSignal | undefined,
): Promise<HeadObjectCommandOutput> {
  const head = (ChecksumMode?: "ENABLED") =>
    client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode }), {
      abortSignal: signal,
    });
  try {
    return await head("ENABLED");
  } catch (err) {
    if (statusOf(err) !== 403) throw err;
    return head();
  }
}

export async function headBlob(
  ctx: ExistenceContext,
  sha256: string,
  size: number,
  partSha256?: readonly string[],
): Promise<boolean> {
  const key = blobKey(ctx.prefix, sha256);
  try {
    const head = await ctx.limiter.run(() =>
      withRetry(
        () => headWithChecksum(ctx.client, ctx.bucket, key, ctx.signal),
        ctx.retry,
        ctx.signal,
      ),
    );
    return head.ContentLength === size && checksumAllows(head.ChecksumSHA256, sha256, partSha256);
  } catch (err) {
    if (statusOf(err) === 404) return false;
    throw toS3UploadError(err, "HEAD", ctx.bucket, key);
  }
}

/** Starts a listing at once (for "list"), so it runs while files are still being hashed. */
export function createExistenceCheck(
  ctx: ExistenceContext,
  strategy: ExistenceStrategy,
): ExistenceCheck {
  if (strategy === "head")
    return { has: (sha, size, partSha256) => headBlob(ctx, sha, size, partSha256) };
  const listing = listBlobs(ctx);
  // Keep an early listing failure from surfacing as an unhandled rejection before anyone asks.
  listing.catch(() => undefined);
  return { has: async (sha, size) => (await listing).get(sha) === size };
}
