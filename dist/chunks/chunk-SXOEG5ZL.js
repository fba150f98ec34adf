import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  ArtifactReadError,
  FileChangedError,
  PERMISSION_HINT
} from "./chunk-VQJSBGHP.js";

// src/artifacts/hash.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

// src/artifacts/file-state.ts
import { stat } from "node:fs/promises";
function localFileError(path, err, left) {
  if (err instanceof ArtifactReadError) return err;
  const code = err?.code;
  if (code === "ENOENT" || code === "ENOTDIR")
    return new FileChangedError({ path, why: "it was removed", left });
  const message = err instanceof Error ? err.message : String(err);
  const hint = code === "EACCES" || code === "EPERM" ? ` ${PERMISSION_HINT}` : "";
  return new ArtifactReadError(`cannot read the artifact ${path}: ${message}${hint}`);
}
async function fileState(path, left) {
  try {
    const s = await stat(path, { bigint: true });
    return { size: s.size, mtimeNs: s.mtimeNs, ino: s.ino, dev: s.dev };
  } catch (err) {
    throw localFileError(path, err, left);
  }
}
function describeChange(before, after) {
  if (after.dev !== before.dev || after.ino !== before.ino)
    return "another file was put in its place after it was hashed";
  if (after.size !== before.size)
    return `it had ${before.size} bytes when hashed and has ${after.size} now`;
  if (after.mtimeNs !== before.mtimeNs) return "it was modified after it was hashed";
  return void 0;
}

// src/artifacts/hash.ts
var WORKER_SOURCE = `
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
function createHashPool(options = {}) {
  const threads = Math.max(1, options.threads ?? Math.min(availableParallelism(), 8));
  const bufferSize = options.bufferSize ?? 1024 * 1024;
  const batchBytes = options.batchBytes ?? 4 * 1024 * 1024;
  const queue = [];
  const idle = [];
  const all = [];
  let closed = false;
  let fromBack = false;
  const takeBatch = () => {
    fromBack = !fromBack;
    const take = fromBack ? () => queue.pop() : () => queue.shift();
    const peek = fromBack ? () => queue[queue.length - 1] : () => queue[0];
    const batch = [];
    let bytes = 0;
    for (let next = peek(); next && batch.length < 256; next = peek()) {
      if (batch.length > 0 && bytes + next.size > batchBytes) break;
      batch.push(take());
      bytes += next.size;
    }
    return batch;
  };
  const inflight = /* @__PURE__ */ new Map();
  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop();
      const batch = takeBatch();
      inflight.set(worker, batch);
      worker.ref();
      worker.once("message", (results) => {
        inflight.delete(worker);
        worker.unref();
        batch.forEach((job, i) => {
          const r = results[i];
          if (r?.ok)
            job.resolve({
              sha256: r.sha256,
              size: r.size,
              ...r.bytes ? { bytes: r.bytes } : {},
              ...r.parts ? { partSha256: r.parts } : {},
              state: r.state
            });
          else
            job.reject(
              localFileError(
                job.path,
                Object.assign(new Error(r?.error ?? "no result"), { code: r?.code })
              )
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
          partSize: request.partSize ?? 0
        }))
      );
    }
  };
  const spawn = () => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bufferSize },
      execArgv: []
    });
    worker.unref();
    worker.on("error", (err) => {
      for (const job of [...inflight.get(worker) ?? [], ...queue.splice(0)]) job.reject(err);
      inflight.delete(worker);
    });
    all.push(worker);
    idle.push(worker);
  };
  return {
    hash(path, size, request = {}) {
      if (closed) return Promise.reject(new Error("hash pool is closed"));
      if (all.length < threads) spawn();
      return new Promise((resolve, reject) => {
        queue.push({ path, size, request, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await Promise.all(all.map((w) => w.terminate()));
    }
  };
}

export {
  localFileError,
  fileState,
  describeChange,
  createHashPool
};
