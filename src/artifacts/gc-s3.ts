// The S3 side of gc: list the prefix's manifests and blobs, read the manifests references need,
// and delete keys in DeleteObjects batches. Every request is retried as the uploader's are.
import type { Readable } from "node:stream";
import { DeleteObjectsCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { readAtMost, TooLargeError } from "./bounded-read.ts";
import { toS3UploadError } from "./errors.ts";
import type { ArtifactRoot } from "./gc-plan.ts";
import { type DeleteFailure, deleteAccessHint, users } from "./gc-report.ts";
import { type ListContext, listByHexDigit, type StoredObject } from "./list.ts";
import {
  blobKey,
  MANIFEST_MAX_BYTES,
  type Manifest,
  manifestDigestMismatch,
  manifestKey,
  manifestsRoot,
  parseManifest,
} from "./manifest.ts";
import { errorCode, isRetryable, statusOf, withRetry } from "./retry.ts";

/** S3's limit on keys per DeleteObjects request. */
export const MAX_DELETE_BATCH = 1000;

/** Every manifest and blob under the prefix (keys of other shapes below them included). */
export async function listPrefix(ctx: ListContext, prefix: string): Promise<StoredObject[]> {
  const [manifests, blobs] = await Promise.all([
    listByHexDigit(ctx, manifestsRoot(prefix)),
    listByHexDigit(ctx, blobKey(prefix, "")),
  ]);
  return [...manifests, ...blobs];
}

export interface ManifestsRead {
  manifests: Map<string, Manifest>;
  /**
   * One line per manifest that could not be read or parsed, is too large, or whose bytes do not
   * hash to its key, naming who uses it.
   */
  problems: string[];
}

/**
 * Reads, checks and parses each manifest the roots name, once each, skipping those in `known`.
 * Reads at most `maxBytes` of each, as the downloader does: a manifest it would refuse, or other
 * bytes at a manifest's key, would tell gc wrongly what a reference needs.
 */
export async function readManifests(
  ctx: ListContext,
  prefix: string,
  roots: readonly ArtifactRoot[],
  known: ReadonlyMap<string, Manifest> = new Map(),
  maxBytes = MANIFEST_MAX_BYTES,
): Promise<ManifestsRead> {
  const byManifest = new Map<string, string[]>();
  for (const r of roots) {
    if (known.has(r.manifest)) continue;
    byManifest.set(r.manifest, [...(byManifest.get(r.manifest) ?? []), r.source]);
  }
  const out: ManifestsRead = { manifests: new Map(known), problems: [] };
  await Promise.all(
    [...byManifest].map(async ([sha256, sources]) => {
      const key = manifestKey(prefix, sha256);
      const where = `s3://${ctx.bucket}/${key}`;
      let bytes: Buffer;
      try {
        bytes = await ctx.limiter.run(() =>
          withRetry(
            async () => {
              const got = await ctx.client.send(
                new GetObjectCommand({ Bucket: ctx.bucket, Key: key }),
                { abortSignal: ctx.signal },
              );
              if (got.Body === undefined) return Buffer.alloc(0);
              // A TooLargeError is not retried: the object is too large, not the request unlucky.
              return await readAtMost(got.Body as Readable, maxBytes, got.ContentLength);
            },
            ctx.retry,
            ctx.signal,
          ),
        );
      } catch (err) {
        if (ctx.signal?.aborted) throw err;
        const missing = statusOf(err) === 404 || errorCode(err) === "NoSuchKey";
        out.problems.push(
          err instanceof TooLargeError
            ? `${where}, used by ${users(sources)}, is larger than the ${maxBytes} bytes gc reads of a manifest (${err.detail})`
            : missing
              ? `${where} is not in S3 but is used by ${users(sources)}`
              : `${where}, used by ${users(sources)}, cannot be read: ${toS3UploadError(err, "GET", ctx.bucket, key, ctx.hints).message}`,
        );
        return;
      }
      const actual = manifestDigestMismatch(bytes, sha256);
      if (actual !== undefined) {
        out.problems.push(
          `${where}, used by ${users(sources)}, has SHA-256 ${actual}, not the ${sha256} its key names`,
        );
        return;
      }
      try {
        out.manifests.set(sha256, parseManifest(bytes.toString("utf8")));
      } catch (err) {
        out.problems.push(
          `${where}, used by ${users(sources)}, cannot be parsed: ${(err as Error).message}`,
        );
      }
    }),
  );
  out.problems.sort();
  return out;
}

export type { DeleteFailure };

/**
 * Deletes up to MAX_DELETE_BATCH keys in one request; returns the keys S3 refused. The request is
 * retried as a whole on the usual transient failures, and so are keys S3 refused with a transient
 * code (InternalError, SlowDown), alone. A key already gone counts as deleted, as S3 says. The
 * signal stops retries, not a request under way.
 */
export async function deleteBatch(
  ctx: ListContext,
  prefix: string,
  keys: readonly string[],
): Promise<DeleteFailure[]> {
  if (keys.length > MAX_DELETE_BATCH)
    throw new RangeError(`at most ${MAX_DELETE_BATCH} keys a DeleteObjects request`);
  let pending = [...keys];
  const failed: DeleteFailure[] = [];
  /** Per-key failures worth another attempt, thrown so withRetry backs off and tries again. */
  class TransientKeys extends Error {
    constructor(readonly failures: DeleteFailure[]) {
      super(failures[0]?.message ?? "transient");
      this.name = failures[0]?.code ?? "InternalError";
    }
  }
  try {
    await ctx.limiter.run(() =>
      withRetry(
        async () => {
          const out = await ctx.client.send(
            new DeleteObjectsCommand({
              Bucket: ctx.bucket,
              Delete: { Objects: pending.map((Key) => ({ Key })), Quiet: true },
            }),
            // Not aborted by Ctrl-C: S3 may have deleted the keys of a request cut off, and gc
            // must be able to say what it deleted. Ctrl-C stops the retries instead.
          );
          const again: DeleteFailure[] = [];
          for (const e of out.Errors ?? []) {
            const failure = {
              key: e.Key ?? "?",
              code: e.Code ?? "Error",
              message: e.Message ?? "",
            };
            (isRetryable({ name: failure.code }) ? again : failed).push(failure);
          }
          pending = again.map((f) => f.key);
          if (again.length > 0) throw new TransientKeys(again);
        },
        ctx.retry,
        ctx.signal,
      ),
    );
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    if (!(err instanceof TransientKeys)) {
      throw toS3UploadError(err, "DeleteObjects", ctx.bucket, pending[0] ?? "", {
        AccessDenied: deleteAccessHint(ctx.bucket, prefix),
      });
    }
    failed.push(...err.failures);
  }
  return failed;
}
