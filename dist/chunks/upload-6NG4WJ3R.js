import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  Progress,
  formatSummary
} from "./chunk-S6A6OYJH.js";
import {
  buildManifest,
  chooseStrategy,
  createExistenceCheck,
  uploadBlob,
  writeManifest
} from "./chunk-L6EIFXPF.js";
import "./chunk-Y2LMNQ7K.js";
import {
  createHashPool,
  describeChange,
  fileState
} from "./chunk-SXOEG5ZL.js";
import {
  createLimiter
} from "./chunk-VEHN3BLQ.js";
import "./chunk-IJQPKFB2.js";
import {
  resolveArtifacts
} from "./chunk-EEXP2E6B.js";
import {
  blobKey
} from "./chunk-BCMFZ37F.js";
import "./chunk-5UPG5FBY.js";
import {
  createS3Client
} from "./chunk-7VA77F3F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import {
  ArtifactConfigError,
  DEFAULT_RETRY,
  FileChangedError,
  S3UploadError
} from "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";

// src/artifacts/pipeline.ts
import { setMaxListeners } from "node:events";

// src/artifacts/parts.ts
var MIB = 1024 * 1024;
var MAX_PARTS = 1e4;
var MIN_PART = 5 * MIB;
var DEFAULT_PART_OPTIONS = {
  partSize: 16 * MIB,
  multipartThreshold: 64 * MIB
};
var MAX_SINGLE_PUT = 4 * 1024 * MIB;
function balancedOptions(totalBytes, concurrency, options = DEFAULT_PART_OPTIONS) {
  const fairShare = 2 * totalBytes / Math.max(1, concurrency);
  return {
    partSize: options.partSize,
    multipartThreshold: Math.min(MAX_SINGLE_PUT, Math.max(options.multipartThreshold, fairShare))
  };
}
function planUpload(size, options = DEFAULT_PART_OPTIONS) {
  if (size <= options.multipartThreshold) return { multipart: false };
  const wanted = Math.max(options.partSize, MIN_PART, Math.ceil(size / MAX_PARTS));
  const partSize = Math.ceil(wanted / MIB) * MIB;
  const parts = [];
  for (let start = 0, number = 1; start < size; start += partSize, number++)
    parts.push({ number, start, end: Math.min(size, start + partSize) });
  return { multipart: true, partSize, parts };
}

// src/artifacts/pipeline.ts
var SMALL_FILE = 1024 * 1024;
var KEPT_BYTES = 64 * 1024 * 1024;
var isSmallFile = (size) => size < SMALL_FILE;
function keptBytesBudget() {
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
      }
    };
  };
}
async function runPipeline(options) {
  const { client, bucket, prefix, progress } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const limiter = createLimiter(options.concurrency, 2);
  const smallLane = limiter.lane(1);
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([abort.signal, options.signal]) : abort.signal;
  setMaxListeners(0, signal);
  const ctx = { client, bucket, prefix, limiter, retry, signal };
  const sources = /* @__PURE__ */ new Map();
  for (const api of options.apis) for (const f of api.files) sources.set(f.source, f.size);
  const totalBytes = [...sources.values()].reduce((a, b) => a + b, 0);
  progress.planned(sources.size, totalBytes);
  const parts = balancedOptions(
    totalBytes,
    options.concurrency,
    options.parts ?? DEFAULT_PART_OPTIONS
  );
  const strategy = !options.existence || options.existence === "auto" ? chooseStrategy(sources.size) : options.existence;
  const existence = createExistenceCheck(ctx, strategy);
  const pool = createHashPool({ threads: options.hashThreads });
  const digests = /* @__PURE__ */ new Map();
  const blobs = /* @__PURE__ */ new Map();
  const ensureBlob = (source, digest) => {
    let task = blobs.get(digest.sha256);
    if (!task) {
      task = (async () => {
        if (await existence.has(digest.sha256, digest.size, digest.partSha256)) {
          progress.skipped(digest.size);
          return;
        }
        signal.throwIfAborted();
        const plan = planUpload(digest.size, parts);
        await uploadBlob(
          {
            ...ctx,
            limiter: isSmallFile(digest.size) ? smallLane : limiter,
            onSent: (n) => progress.sent(n),
            ...options.onRetry ? { onRetry: options.onRetry } : {},
            ...options.onAbortFailed ? { onAbortFailed: options.onAbortFailed } : {}
          },
          {
            key: blobKey(prefix, digest.sha256),
            source,
            size: digest.size,
            sha256: digest.sha256,
            ...digest.bytes ? { bytes: digest.bytes } : {},
            ...digest.partSha256 ? { partSha256: digest.partSha256 } : {}
          },
          plan
        );
        progress.uploaded(digest.size);
      })();
      blobs.set(digest.sha256, task);
    }
    return task;
  };
  const claimKept = keptBytesBudget();
  const fileTask = (source) => {
    let task = digests.get(source);
    if (!task) {
      const size = sources.get(source) ?? 0;
      const { keep, release } = claimKept(size);
      const plan = planUpload(size, parts);
      task = pool.hash(source, size, { keep, ...plan.multipart ? { partSize: plan.partSize } : {} }).then(async (digest) => {
        if (digest.size !== size)
          throw new FileChangedError({
            path: source,
            why: `it had ${size} bytes when listed and ${digest.size} when hashed`
          });
        progress.hashed(digest.size);
        await ensureBlob(source, digest);
        const left = "no manifest names it";
        const change = describeChange(digest.state, await fileState(source, left));
        if (change) throw new FileChangedError({ path: source, why: change, left });
        return { sha256: digest.sha256, size: digest.size };
      }).finally(release);
      digests.set(source, task);
    }
    return task;
  };
  const ticker = setInterval(() => progress.tick(), 1e3);
  ticker.unref();
  try {
    for (const source of [...sources.keys()].sort(
      (a, b) => (sources.get(a) ?? 0) - (sources.get(b) ?? 0)
    ))
      fileTask(source).catch(() => void 0);
    const results = await Promise.all(
      options.apis.map(async (api) => {
        if (api.files.length === 0) return null;
        const files = await Promise.all(
          api.files.map(async (f) => {
            const d = await fileTask(f.source);
            return { path: f.path, mount: f.mount, sha256: d.sha256, size: d.size, mode: f.mode };
          })
        );
        signal.throwIfAborted();
        const manifest = buildManifest(prefix, files);
        await writeManifest(ctx, manifest);
        return {
          name: api.name,
          manifest: manifest.sha256,
          files: files.length,
          bytes: files.reduce((a, f) => a + f.size, 0)
        };
      }).map(
        (p) => p.catch((err) => {
          if (!signal.aborted) abort.abort(err);
          throw err;
        })
      )
    );
    return results.filter((r) => r !== null);
  } catch (err) {
    if (!signal.aborted) abort.abort(err);
    await Promise.allSettled([...blobs.values()]);
    throw signal.reason instanceof Error ? signal.reason : err;
  } finally {
    clearInterval(ticker);
    await pool.close();
  }
}

// src/commands/upload.ts
var DEFAULT_UPLOAD_CONCURRENCY = 16;
async function uploadArtifacts(opts) {
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
    connectionTimeoutMs: advanced.connectionTimeoutMs
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
      onAbortFailed: (key, uploadId, err) => opts.log?.(
        `warning: could not abort multipart upload ${uploadId} of s3://${opts.bucket}/${key} (${err.message}); its parts are billed until a lifecycle rule (AbortIncompleteMultipartUpload) or an abort removes them`
      )
    });
    const summary = progress.summary();
    opts.log?.(formatSummary(summary));
    return { apis: results, summary };
  } finally {
    client.destroy();
  }
}
export {
  ArtifactConfigError,
  DEFAULT_UPLOAD_CONCURRENCY,
  S3UploadError,
  uploadArtifacts
};
