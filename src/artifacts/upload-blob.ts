// Sends one blob: a single PUT, or a multipart upload whose parts each take a slot of the shared
// limiter. Small files go from the bytes the hash worker kept; others stream from the file through
// a few reused buffers (file-body.ts, opened anew for each attempt), so memory does not grow with
// file size, part size or concurrency. S3 verifies every byte against SHA-256 taken in the very
// read that named the blob: a PUT carries the file's digest; each part carries its own, which the
// hash worker took in the same pass as the whole file's. So S3 stores a part only if its bytes are
// the ones hashed, and the upload is completed only once every part is, with the composite
// checksum S3 answers checked against those digests: the blob's bytes are always its name's.
// (A multipart upload without the parts' digests is refused: a checksum computed as the bytes
// stream would vouch for whatever the file holds by then, not for what was hashed.)
// When S3 refuses the bytes (BadDigest), the file is hashed again: if it changed since it was
// hashed, every attempt would fail alike, so the upload fails at once naming the file; if not, the
// bytes were damaged on the way and the request is retried as any transient failure.
import { setMaxListeners } from "node:events";
import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { compositeChecksum, hexToBase64 } from "./checksum.ts";
import { FileChangedError, toS3UploadError } from "./errors.ts";
import { FileBody } from "./file-body.ts";
import { createHashPool } from "./hash.ts";
import type { Limiter } from "./limit.ts";
import type { Part, UploadPlan } from "./parts.ts";
import { errorCode, type RetryOptions, withRetry } from "./retry.ts";

export interface BlobUploadContext {
  client: S3Client;
  bucket: string;
  limiter: Limiter;
  retry: RetryOptions;
  signal?: AbortSignal;
  /**
   * Called as body bytes leave for S3, and with a negative count to take back those of an attempt
   * that failed (they will go again), so the sum is what is sent or on its way.
   */
  onSent?: (bytes: number) => void;
  onRetry?: (what: string, err: unknown, attempt: number) => void;
  /** A multipart upload that could not be aborted (its parts are billed until removed). */
  onAbortFailed?: (key: string, uploadId: string, err: unknown) => void;
}

export interface Blob {
  key: string;
  source: string;
  size: number;
  /** Lowercase hex SHA-256 of the whole file. */
  sha256: string;
  /** The file's bytes, when the hash worker kept them (small files): sent instead of a re-read. */
  bytes?: Uint8Array;
  /**
   * Base64 SHA-256 of each part of a multipart upload, taken by the hash worker in the read that
   * gave `sha256`: required for a multipart upload.
   */
  partSha256?: string[];
}

export { hexToBase64 };

/** S3 echoes the checksum it verified; one that differs from what we sent means corruption. */
function checkEcho(
  ctx: BlobUploadContext,
  action: string,
  key: string,
  sent: string,
  stored: string | undefined,
): void {
  if (stored === undefined || stored === sent) return;
  throw toS3UploadError(
    Object.assign(new Error(`stored checksum ${stored}, expected ${sent}`), { name: "BadDigest" }),
    action,
    ctx.bucket,
    key,
  );
}

/**
 * Sends one attempt with a fresh body, reporting its bytes as they are written. Bytes in memory
 * go in one write, so they count when the answer comes.
 */
async function sendBody<T>(
  ctx: BlobUploadContext,
  range: { source: string; start: number; end: number; bytes?: Uint8Array | undefined },
  send: (body: FileBody | Uint8Array) => Promise<T>,
): Promise<T> {
  let counted = 0;
  let settled = false;
  // Write callbacks that come after the answer (or the failure) were already accounted for.
  const count = (n: number): void => {
    if (settled) return;
    counted += n;
    ctx.onSent?.(n);
  };
  const { source, start, end, bytes } = range;
  // An empty range has nothing to read.
  const body = bytes ?? (end > start ? new FileBody(source, start, end, count) : new Uint8Array(0));
  try {
    const out = await send(body);
    if (counted < end - start) count(end - start - counted);
    return out;
  } catch (err) {
    if (counted > 0) ctx.onSent?.(-counted);
    // The file could not be read (removed, shortened): that, not how the request ended, is why.
    throw (body instanceof FileBody ? body.failure : undefined) ?? err;
  } finally {
    settled = true;
  }
}

/** Hashes a file again (in a worker of its own: this is rare), for `fileCheck`. */
async function hashAgain(path: string, size: number): Promise<string> {
  const pool = createHashPool({ threads: 1 });
  try {
    return (await pool.hash(path, size)).sha256;
  } finally {
    await pool.close();
  }
}

/**
 * What a request of this blob's upload throws for a failure: a BadDigest on bytes read from the
 * file becomes a FileChangedError (not retried) when the file no longer hashes to the blob's
 * SHA-256. Requests failing together (the parts of a multipart) share one hashing.
 */
function fileCheck(
  ctx: BlobUploadContext,
  blob: Blob,
): (err: unknown, action: string) => Promise<unknown> {
  let pending: Promise<string | undefined> | undefined;
  return async (err, action) => {
    // Bytes sent from memory are the ones that were hashed: nothing to check.
    if (errorCode(err) !== "BadDigest" || blob.bytes) return err;
    pending ??= hashAgain(blob.source, blob.size).then(
      (sha256) =>
        sha256 === blob.sha256
          ? undefined
          : `its SHA-256 is now ${sha256}, it was ${blob.sha256} when hashed`,
      (e: unknown) =>
        e instanceof FileChangedError
          ? e.why
          : `it can no longer be read: ${e instanceof Error ? e.message : String(e)}`,
    );
    const why = await pending;
    // Unchanged: damaged on the way. A later BadDigest hashes anew, as the file may change yet.
    if (why === undefined) {
      pending = undefined;
      return err;
    }
    return new FileChangedError({
      path: blob.source,
      why,
      refused: { action, bucket: ctx.bucket, key: blob.key },
    });
  };
}

/** Runs one S3 request in a limiter slot, with retries, naming the key when it fails for good. */
function request<T>(
  ctx: BlobUploadContext,
  action: string,
  key: string,
  send: (signal: AbortSignal | undefined) => Promise<T>,
  signal: AbortSignal | undefined = ctx.signal,
  check?: (err: unknown, action: string) => Promise<unknown>,
): Promise<T> {
  return ctx.limiter
    .run(() =>
      withRetry(
        async () => {
          signal?.throwIfAborted();
          try {
            return await send(signal);
          } catch (err) {
            throw check ? await check(err, action) : err;
          }
        },
        ctx.retry,
        signal,
        (err, attempt) => ctx.onRetry?.(`${action} ${key}`, err, attempt),
      ),
    )
    .catch((err: unknown) => {
      throw toS3UploadError(err, action, ctx.bucket, key);
    });
}

export async function uploadBlob(
  ctx: BlobUploadContext,
  blob: Blob,
  plan: UploadPlan,
): Promise<void> {
  const check = fileCheck(ctx, blob);
  if (!plan.multipart) return putBlob(ctx, blob, check);
  return multipartBlob(ctx, blob, plan.parts, check);
}

type Check = ReturnType<typeof fileCheck>;

async function putBlob(ctx: BlobUploadContext, blob: Blob, check: Check): Promise<void> {
  const checksum = hexToBase64(blob.sha256);
  const range = { source: blob.source, start: 0, end: blob.size, bytes: blob.bytes };
  const out = await request(
    ctx,
    "PUT",
    blob.key,
    (abortSignal) =>
      sendBody(ctx, range, (Body) =>
        ctx.client.send(
          new PutObjectCommand({
            Bucket: ctx.bucket,
            Key: blob.key,
            Body,
            ContentLength: blob.size,
            ContentType: "application/octet-stream",
            ChecksumSHA256: checksum,
          }),
          { abortSignal },
        ),
      ),
    ctx.signal,
    check,
  );
  checkEcho(ctx, "PUT", blob.key, checksum, out.ChecksumSHA256);
}

/** Attempts at aborting a multipart upload: few and quick, as the process may be stopping. */
const ABORT_RETRY: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 500,
  throttleBaseDelayMs: 200,
};

async function multipartBlob(
  ctx: BlobUploadContext,
  blob: Blob,
  parts: Part[],
  check: Check,
): Promise<void> {
  const partSha256 = blob.partSha256;
  if (partSha256?.length !== parts.length)
    throw new Error(
      `multipart upload of ${blob.source} without the SHA-256 of each of its ${parts.length} parts`,
    );
  // Not cut off by an abort once sent: S3 may have made the upload, and only its answer says
  // which id to abort. (Parts of an upload never completed nor aborted are billed until a
  // lifecycle rule removes them.)
  const created = await request(ctx, "CreateMultipartUpload", blob.key, () =>
    ctx.client.send(
      new CreateMultipartUploadCommand({
        Bucket: ctx.bucket,
        Key: blob.key,
        ContentType: "application/octet-stream",
        ChecksumAlgorithm: "SHA256",
      }),
    ),
  );
  const uploadId = created.UploadId;
  if (!uploadId)
    throw toS3UploadError(
      new Error("no UploadId in the answer"),
      "CreateMultipartUpload",
      ctx.bucket,
      blob.key,
    );
  if (ctx.signal?.aborted) {
    await abortUpload(ctx, blob.key, uploadId);
    throw ctx.signal.reason;
  }

  // One failed part stops its siblings at once rather than after they finish.
  const local = new AbortController();
  setMaxListeners(0, local.signal); // one listener per part in flight
  const stop = (): void => local.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener("abort", stop, { once: true });
  let failed: { err: unknown } | undefined;
  try {
    // Every part settles (the others cut off) before the upload is aborted: S3 may keep a part
    // that was still being uploaded when the abort came, billed and out of sight.
    const settled = await Promise.allSettled(
      parts.map((part) =>
        uploadPart(ctx, blob, uploadId, part, local.signal, check).catch((err: unknown) => {
          failed ??= { err };
          local.abort(err);
          throw err;
        }),
      ),
    );
    if (failed) throw failed.err;
    const done = settled.map((r) => (r as PromiseFulfilledResult<CompletedPart>).value);
    const completed = await request(ctx, "CompleteMultipartUpload", blob.key, (abortSignal) =>
      ctx.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: ctx.bucket,
          Key: blob.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: done },
        }),
        { abortSignal },
      ),
    );
    // The object is made of the parts S3 verified; its checksum, when S3 gives it, says so too.
    checkEcho(
      ctx,
      "CompleteMultipartUpload",
      blob.key,
      compositeChecksum(partSha256),
      completed.ChecksumSHA256,
    );
  } catch (err) {
    await abortUpload(ctx, blob.key, uploadId);
    throw err;
  } finally {
    ctx.signal?.removeEventListener("abort", stop);
  }
}

/** Aborts of one upload at most, each checked with ListParts. */
const ABORT_ROUNDS = 3;

/**
 * Aborts a multipart upload, so its parts stop costing storage, retrying a few times (not under
 * the run's abort signal: this is the clean-up after it). Failing that, the upload stays and
 * `onAbortFailed` says so; it is never visible as the object. S3 documents that a part still
 * arriving during an abort may outlive it, and that the abort may need repeating: so ListParts
 * checks that the upload is gone, and it is aborted again while it is not.
 */
async function abortUpload(ctx: BlobUploadContext, key: string, uploadId: string): Promise<void> {
  const id = { Bucket: ctx.bucket, Key: key, UploadId: uploadId };
  for (let round = 1; ; round++) {
    try {
      await withRetry(() => ctx.client.send(new AbortMultipartUploadCommand(id)), ABORT_RETRY);
    } catch (err) {
      // Gone already: completed just as the run stopped, or aborted.
      if (errorCode(err) !== "NoSuchUpload") ctx.onAbortFailed?.(key, uploadId, err);
      return;
    }
    const parts = await withRetry(() => ctx.client.send(new ListPartsCommand(id)), ABORT_RETRY)
      .then((out) => out.Parts?.length ?? 0)
      // NoSuchUpload: gone, as it should be. Any other refusal (a role without
      // s3:ListMultipartUploadParts) cannot tell; the abort itself was accepted.
      .catch(() => undefined);
    if (parts === undefined) return;
    if (round === ABORT_ROUNDS) {
      ctx.onAbortFailed?.(
        key,
        uploadId,
        new Error(`the upload still lists ${parts} parts after ${round} aborts`),
      );
      return;
    }
  }
}

async function uploadPart(
  ctx: BlobUploadContext,
  blob: Blob,
  uploadId: string,
  part: Part,
  signal: AbortSignal,
  check: Check,
): Promise<CompletedPart> {
  const size = part.end - part.start;
  // The part's digest from the hash worker (multipartBlob checked there is one for every part).
  const sha256 = blob.partSha256?.[part.number - 1] as string;
  const out = await request(
    ctx,
    `UploadPart ${part.number}`,
    blob.key,
    (abortSignal) =>
      sendBody(ctx, { source: blob.source, start: part.start, end: part.end }, (Body) =>
        ctx.client.send(
          new UploadPartCommand({
            Bucket: ctx.bucket,
            Key: blob.key,
            UploadId: uploadId,
            PartNumber: part.number,
            Body,
            ContentLength: size,
            ChecksumSHA256: sha256,
          }),
          { abortSignal },
        ),
      ),
    signal,
    check,
  );
  if (!out.ETag || !out.ChecksumSHA256)
    throw toS3UploadError(
      new Error("the answer lacks the ETag or the SHA-256 checksum of the part"),
      `UploadPart ${part.number}`,
      ctx.bucket,
      blob.key,
    );
  checkEcho(ctx, `UploadPart ${part.number}`, blob.key, sha256, out.ChecksumSHA256);
  return { PartNumber: part.number, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256 };
}
