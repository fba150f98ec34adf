// The upload itself, for files already resolved: hash every distinct file (in worker threads),
// check which blobs S3 has, send the others, and write each API's manifest once all of its blobs
// are confirmed. Stages overlap: a file's upload starts as soon as its hash is known, while the
// rest are still hashing. The first failure stops everything and no further manifest is written.
import { setMaxListeners } from "node:events";
import type { S3Client } from "@aws-sdk/client-s3";
import { FileChangedError } from "./errors.ts";
import {
  chooseStrategy,
  createExistenceCheck,
  type ExistenceCheck,
  type ExistenceStrategy,
} from "./existence.ts";
import { describeChange, fileState } from "./file-state.ts";
import { createHashPool, type FileDigest } from "./hash.ts";
import { createLimiter } from "./limit.ts";
import { blobKey, type ManifestFile } from "./manifest.ts";
import { buildManifest, writeManifest } from "./manifest-write.ts";
import { balancedOptions, DEFAULT_PART_OPTIONS, type PartOptions, planUpload } from "./parts.ts";
import type { Progress } from "./progress.ts";
import { DEFAULT_RETRY, type RetryOptions } from "./retry.ts";
import type { ResolvedApi } from "./types.ts";
import { uploadBlob } from "./upload-blob.ts";

/** Below this size a file is "small": its cost is the request, not the bytes. */
const SMALL_FILE = 1024 * 1024;
/**
 * Small files' bytes held between hashing and upload, at most. The hash workers read them anyway;
 * keeping them saves the upload an open, a read and a stream per file. Beyond this, files are
 * read again when their turn to upload comes, so memory stays bounded however many there are.
 */
const KEPT_BYTES = 64 * 1024 * 1024;

/** Whether a file is small: its cost is the request, not the bytes. */
export const isSmallFile = (size: number): boolean => size < SMALL_FILE;

/**
 * The budget of kept bytes: `claim(size)` gives the hash pool's `keep` for one file (true, and
 * the bytes counted, when the file is small and they fit) and the `release` to call once they
 * are sent or no longer needed.
 */
export function keptBytesBudget(): (size: number) => { keep: () => boolean; release: () => void } {
  let kept = 0;
  return (size) => {
    let reserved = 0;
    return {
      keep: () => {
        if (!isSmallFile(size) || kept + size > KEPT_BYTES) return false;
        reserved = size;
        kept += size;
        return true;
      },
      release: () => {
        kept -= reserved;
        reserved = 0;
      },
    };
  };
}

export interface PipelineOptions {
  client: S3Client;
  bucket: string;
  prefix: string;
  apis: readonly ResolvedApi[];
  progress: Progress;
  /** S3 requests in flight at once, whole files and parts alike. */
  concurrency: number;
  hashThreads?: number | undefined;
  parts?: PartOptions | undefined;
  retry?: RetryOptions | undefined;
  existence?: ExistenceStrategy | "auto" | undefined;
  onRetry?: ((what: string, err: unknown, attempt: number) => void) | undefined;
  onAbortFailed?: ((key: string, uploadId: string, err: unknown) => void) | undefined;
  /** Stops the upload (Ctrl-C, a cancelled job): no new request starts, multiparts are aborted. */
  signal?: AbortSignal | undefined;
}

export interface ApiUploadResult {
  name: string;
  /** Hex SHA-256 of the manifest, which is also its key. */
  manifest: string;
  files: number;
  bytes: number;
}

export async function runPipeline(options: PipelineOptions): Promise<ApiUploadResult[]> {
  const { client, bucket, prefix, progress } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  // Two lanes of one budget: small files (a request each) and the rest (bandwidth).
  const limiter = createLimiter(options.concurrency, 2);
  const smallLane = limiter.lane(1);
  const abort = new AbortController();
  // The first failure aborts the rest; so does the caller's signal (Ctrl-C, a cancelled job).
  const signal = options.signal ? AbortSignal.any([abort.signal, options.signal]) : abort.signal;
  // Every request in flight listens to it (the SDK adds one listener per send): not a leak.
  setMaxListeners(0, signal);
  const ctx = { client, bucket, prefix, limiter, retry, signal };

  // Each distinct source file is hashed once, whichever APIs name it.
  const sources = new Map<string, number>();
  for (const api of options.apis) for (const f of api.files) sources.set(f.source, f.size);
  const totalBytes = [...sources.values()].reduce((a, b) => a + b, 0);
  progress.planned(sources.size, totalBytes);
  const parts = balancedOptions(
    totalBytes,
    options.concurrency,
    options.parts ?? DEFAULT_PART_OPTIONS,
  );
  const strategy =
    !options.existence || options.existence === "auto"
      ? chooseStrategy(sources.size)
      : options.existence;
  const existence: ExistenceCheck = createExistenceCheck(ctx, strategy);

  const pool = createHashPool({ threads: options.hashThreads });
  const digests = new Map<string, Promise<Pick<FileDigest, "sha256" | "size">>>();
  const blobs = new Map<string, Promise<void>>();

  const ensureBlob = (source: string, digest: FileDigest): Promise<void> => {
    let task = blobs.get(digest.sha256);
    if (!task) {
      task = (async () => {
        if (await existence.has(digest.sha256, digest.size, digest.partSha256)) {
          progress.skipped(digest.size);
          return;
        }
        signal.throwIfAborted();
        // The size hashed is the size listed (fileTask checks), so this is the plan the hash worker
        // took the parts' digests for.
        const plan = planUpload(digest.size, parts);
        await uploadBlob(
          {
            ...ctx,
            limiter: isSmallFile(digest.size) ? smallLane : limiter,
            onSent: (n) => progress.sent(n),
            ...(options.onRetry ? { onRetry: options.onRetry } : {}),
            ...(options.onAbortFailed ? { onAbortFailed: options.onAbortFailed } : {}),
          },
          {
            key: blobKey(prefix, digest.sha256),
            source,
            size: digest.size,
            sha256: digest.sha256,
            ...(digest.bytes ? { bytes: digest.bytes } : {}),
            ...(digest.partSha256 ? { partSha256: digest.partSha256 } : {}),
          },
          plan,
        );
        progress.uploaded(digest.size);
      })();
      blobs.set(digest.sha256, task);
    }
    return task;
  };

  const claimKept = keptBytesBudget();
  const fileTask = (source: string): Promise<Pick<FileDigest, "sha256" | "size">> => {
    let task = digests.get(source);
    if (!task) {
      const size = sources.get(source) ?? 0;
      const { keep, release } = claimKept(size);
      // A file that will go multipart has its parts digested in the same read, so S3 can check
      // each part without the SDK hashing it again on the main thread.
      const plan = planUpload(size, parts);
      task = pool
        .hash(source, size, { keep, ...(plan.multipart ? { partSize: plan.partSize } : {}) })
        .then(async (digest) => {
          // Grown or shrunk since it was listed: still being written, most likely. Its parts were
          // planned (and digested) for the listed size, and the manifest would name a file the
          // writer has not finished.
          if (digest.size !== size)
            throw new FileChangedError({
              path: source,
              why: `it had ${size} bytes when listed and ${digest.size} when hashed`,
            });
          progress.hashed(digest.size);
          await ensureBlob(source, digest);
          // The blob is the file as it was hashed; the manifest may name it only if that is still
          // the file (not one being written, whose blob holds some moment of it).
          const left = "no manifest names it";
          const change = describeChange(digest.state, await fileState(source, left));
          if (change) throw new FileChangedError({ path: source, why: change, left });
          // The bytes are sent (or not needed): the manifest wants only the digest.
          return { sha256: digest.sha256, size: digest.size };
        })
        .finally(release);
      digests.set(source, task);
    }
    return task;
  };

  const ticker = setInterval(() => progress.tick(), 1000);
  ticker.unref();
  try {
    // Smallest first: the hash pool serves both ends of its queue, so the many small files and the
    // few large ones start together.
    for (const source of [...sources.keys()].sort(
      (a, b) => (sources.get(a) ?? 0) - (sources.get(b) ?? 0),
    ))
      fileTask(source).catch(() => undefined); // awaited below, per API

    const results = await Promise.all(
      options.apis
        .map(async (api): Promise<ApiUploadResult | null> => {
          if (api.files.length === 0) return null;
          const files: ManifestFile[] = await Promise.all(
            api.files.map(async (f) => {
              const d = await fileTask(f.source);
              return { path: f.path, mount: f.mount, sha256: d.sha256, size: d.size, mode: f.mode };
            }),
          );
          signal.throwIfAborted();
          const manifest = buildManifest(prefix, files);
          await writeManifest(ctx, manifest);
          return {
            name: api.name,
            manifest: manifest.sha256,
            files: files.length,
            bytes: files.reduce((a, f) => a + f.size, 0),
          };
        })
        .map((p) =>
          p.catch((err: unknown) => {
            // Stop the other APIs' work at once; their manifests are not written either.
            if (!signal.aborted) abort.abort(err);
            throw err;
          }),
        ),
    );
    return results.filter((r): r is ApiUploadResult => r !== null);
  } catch (err) {
    if (!signal.aborted) abort.abort(err);
    // Uploads still running abort their multiparts on the way out; the caller closes the client
    // after this returns, so wait for them. (A blob that has not started will not: it checks.)
    await Promise.allSettled([...blobs.values()]);
    // The first failure is the one to report; later ones are mostly "aborted".
    throw signal.reason instanceof Error ? signal.reason : err;
  } finally {
    clearInterval(ticker);
    await pool.close();
  }
}
