// SHA-256 of files, streamed through a fixed buffer so memory stays bounded whatever the file
// sizes. Hashing runs in worker threads: node's hash.update is synchronous, so hashing on the main
// thread would use one core and stall the uploads that run beside it. Small files travel to the
// workers in batches so message passing does not dominate. A caller may ask for a small file's
// bytes back with its digest (moved, not copied), so uploading it needs no second read.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type FileState, localFileError } from "./file-state.ts";

export interface FileDigest {
  /** Lowercase hex. */
  sha256: string;
  /** Bytes actually read, which is what the digest covers. */
  size: number;
  /** The file's bytes, when asked for and the file was no larger than expected. */
  bytes?: Uint8Array;
  /** Base64 SHA-256 of each part, when asked for with a part size. */
  partSha256?: string[];
  /** The file's size, modification time and inode as it was opened, before any byte was read. */
  state: FileState;
}

export interface HashRequest {
  /**
   * Asked when the file's turn comes: true returns the file's bytes too (meant for small files;
   * the caller keeps count of what it holds).
   */
  keep?: () => boolean;
  /** Also digest each part of this size, for a multipart upload. */
  partSize?: number;
}

interface Job {
  path: string;
  /** Expected size, for batching and for the buffer of a kept file. */
  size: number;
  request: HashRequest;
  resolve(d: FileDigest): void;
  reject(e: Error): void;
}

type WorkerResult =
  | {
      ok: true;
      sha256: string;
      size: number;
      bytes?: Uint8Array;
      parts?: string[];
      state: FileState;
    }
  | { ok: false; error: string; code?: string };

// Plain JavaScript run with `eval`, so it works the same from tsx, the bundled Action and the CLI
// without shipping a second entry file.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { openSync, readSync, closeSync, fstatSync } = require("node:fs");
const { createHash } = require("node:crypto");
const buf = Buffer.allocUnsafe(workerData.bufferSize);
parentPort.on("message", (jobs) => {
  const moved = [];
  const results = jobs.map((job) => {
    let fd = -1;
    try {
      fd = openSync(job.path, "r");
      const st = fstatSync(fd, { bigint: true });
      const result = job.keep ? readKept(fd, job.size) : readStreamed(fd, job.partSize);
      if (result.bytes) moved.push(result.bytes.buffer);
      result.state = { size: st.size, mtimeNs: st.mtimeNs, ino: st.ino, dev: st.dev };
      return result;
    } catch (e) {
      return { ok: false, error: e && e.message ? e.message : String(e), code: e && e.code };
    } finally {
      if (fd !== -1) closeSync(fd);
    }
  });
  parentPort.postMessage(results, moved);
});
// Into a buffer of its own, one byte longer than expected: a file that grew since it was listed
// fills it, and is then hashed the ordinary way and not kept.
function readKept(fd, expected) {
  const own = Buffer.allocUnsafeSlow(expected + 1);
  let size = 0;
  for (;;) {
    const n = readSync(fd, own, size, own.length - size, size);
    if (n === 0) break;
    size += n;
    if (size === own.length) return readStreamed(fd, 0);
  }
  const bytes = own.subarray(0, size);
  return { ok: true, sha256: createHash("sha256").update(bytes).digest("hex"), size, bytes };
}
// Through the fixed buffer; with a part size, each part's own digest too (base64, as S3 takes it).
function readStreamed(fd, partSize) {
  const h = createHash("sha256");
  const parts = partSize > 0 ? [] : undefined;
  let part = parts && createHash("sha256");
  let partLeft = partSize;
  let size = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, size);
    if (n === 0) break;
    const chunk = buf.subarray(0, n);
    h.update(chunk);
    size += n;
    for (let at = 0; parts && at < n; ) {
      const take = Math.min(partLeft, n - at);
      part.update(chunk.subarray(at, at + take));
      at += take;
      partLeft -= take;
      if (partLeft === 0) {
        parts.push(part.digest("base64"));
        part = createHash("sha256");
        partLeft = partSize;
      }
    }
  }
  if (parts && partLeft < partSize) parts.push(part.digest("base64"));
  return { ok: true, sha256: h.digest("hex"), size, parts };
}
`;

export interface HashPoolOptions {
  /** Worker threads; default: the number of cores, at most 8. */
  threads?: number;
  /** Read buffer per worker. */
  bufferSize?: number;
  /** Files below this size are sent to workers in batches. */
  batchBytes?: number;
}

export interface HashPool {
  hash(path: string, size: number, request?: HashRequest): Promise<FileDigest>;
  close(): Promise<void>;
}

export function createHashPool(options: HashPoolOptions = {}): HashPool {
  const threads = Math.max(1, options.threads ?? Math.min(availableParallelism(), 8));
  const bufferSize = options.bufferSize ?? 1024 * 1024;
  const batchBytes = options.batchBytes ?? 4 * 1024 * 1024;
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const all: Worker[] = [];
  let closed = false;

  // Served from both ends in turn: callers submit small files first and large ones last, so the
  // quick, request-bound small files reach the uploader at once while the large ones (which take
  // long to send anyway) are hashed beside them, instead of one kind waiting for the other.
  let fromBack = false;
  const takeBatch = (): Job[] => {
    fromBack = !fromBack;
    const take = fromBack ? () => queue.pop() : () => queue.shift();
    const peek = fromBack ? () => queue[queue.length - 1] : () => queue[0];
    const batch: Job[] = [];
    let bytes = 0;
    for (let next = peek(); next && batch.length < 256; next = peek()) {
      if (batch.length > 0 && bytes + next.size > batchBytes) break;
      batch.push(take() as Job);
      bytes += next.size;
    }
    return batch;
  };

  const inflight = new Map<Worker, Job[]>();

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker;
      const batch = takeBatch();
      inflight.set(worker, batch);
      // A busy worker keeps the process alive; an idle one must not.
      worker.ref();
      worker.once("message", (results: WorkerResult[]) => {
        inflight.delete(worker);
        worker.unref();
        batch.forEach((job, i) => {
          const r = results[i];
          if (r?.ok)
            job.resolve({
              sha256: r.sha256,
              size: r.size,
              ...(r.bytes ? { bytes: r.bytes } : {}),
              ...(r.parts ? { partSha256: r.parts } : {}),
              state: r.state,
            });
          else
            job.reject(
              localFileError(
                job.path,
                Object.assign(new Error(r?.error ?? "no result"), { code: r?.code }),
              ),
            );
        });
        idle.push(worker);
        dispatch();
      });
      worker.postMessage(
        batch.map(({ path, size, request }) => ({
          path,
          size,
          keep: request.keep?.() ?? false,
          partSize: request.partSize ?? 0,
        })),
      );
    }
  };

  const spawn = (): void => {
    // No inherited loader flags (tsx, coverage): the worker is plain JavaScript.
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bufferSize },
      execArgv: [],
    });
    worker.unref();
    worker.on("error", (err) => {
      for (const job of [...(inflight.get(worker) ?? []), ...queue.splice(0)]) job.reject(err);
      inflight.delete(worker);
    });
    all.push(worker);
    idle.push(worker);
  };

  return {
    hash(path, size, request = {}) {
      if (closed) return Promise.reject(new Error("hash pool is closed"));
      if (all.length < threads) spawn();
      return new Promise<FileDigest>((resolve, reject) => {
        queue.push({ path, size, request, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
