import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  createHashPool
} from "./chunk-JT5U536H.js";
import {
  buildManifest,
  writeManifest
} from "./chunk-7NSWBM2D.js";
import {
  createLimiter
} from "./chunk-VEHN3BLQ.js";
import {
  resolveArtifacts
} from "./chunk-TZXKOOA7.js";
import {
  blobKey
} from "./chunk-YB5KCKJP.js";
import {
  createS3Client
} from "./chunk-4LPKX6YL.js";
import {
  require_dist_cjs
} from "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import {
  ArtifactConfigError,
  DEFAULT_RETRY,
  S3UploadError,
  errorCode,
  statusOf,
  toS3UploadError,
  withRetry
} from "./chunk-E4RQTGAK.js";
import "./chunk-GQRYKDSJ.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/artifacts/pipeline.ts
import { setMaxListeners as setMaxListeners2 } from "node:events";

// src/artifacts/existence.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
var HEAD_MAX_FILES = 200;
function chooseStrategy(files) {
  return files < HEAD_MAX_FILES ? "head" : "list";
}
var HEX = "0123456789abcdef";
async function listBlobs(ctx) {
  const found = /* @__PURE__ */ new Map();
  const root = blobKey(ctx.prefix, "");
  await Promise.all(
    [...HEX].map(async (digit) => {
      let token;
      do {
        const page = await ctx.limiter.run(
          () => withRetry(
            () => ctx.client.send(
              new import_client_s3.ListObjectsV2Command({
                Bucket: ctx.bucket,
                Prefix: root + digit,
                ContinuationToken: token,
                MaxKeys: 1e3
              }),
              { abortSignal: ctx.signal }
            ),
            ctx.retry,
            ctx.signal
          ).catch((err) => {
            throw toS3UploadError(err, "list", ctx.bucket, root + digit);
          })
        );
        for (const o of page.Contents ?? []) {
          if (o.Key && o.Size !== void 0) found.set(o.Key.slice(root.length), o.Size);
        }
        token = page.IsTruncated ? page.NextContinuationToken : void 0;
      } while (token);
    })
  );
  return found;
}
async function headBlob(ctx, sha256, size) {
  const key = blobKey(ctx.prefix, sha256);
  try {
    const head = await ctx.limiter.run(
      () => withRetry(
        () => ctx.client.send(new import_client_s3.HeadObjectCommand({ Bucket: ctx.bucket, Key: key }), {
          abortSignal: ctx.signal
        }),
        ctx.retry,
        ctx.signal
      )
    );
    return head.ContentLength === size;
  } catch (err) {
    if (statusOf(err) === 404) return false;
    throw toS3UploadError(err, "HEAD", ctx.bucket, key);
  }
}
function createExistenceCheck(ctx, strategy) {
  if (strategy === "head") return { has: (sha, size) => headBlob(ctx, sha, size) };
  const listing = listBlobs(ctx);
  listing.catch(() => void 0);
  return { has: async (sha, size) => (await listing).get(sha) === size };
}

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

// src/artifacts/upload-blob.ts
var import_client_s32 = __toESM(require_dist_cjs(), 1);
import { setMaxListeners } from "node:events";

// src/artifacts/file-body.ts
import { open } from "node:fs/promises";
import { ClientRequest } from "node:http";
import { Readable } from "node:stream";
var CHUNK = 1024 * 1024;
var free = [];
var KEEP = 64;
function take() {
  return free.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
}
function give(buf) {
  if (free.length < KEEP) free.push(buf);
}
var FileBody = class extends Readable {
  #path;
  #end;
  #pos;
  #fh;
  #piped = false;
  #onWritten;
  /** Bytes [start, end) of the file at `path`; `onWritten` hears of each chunk sent. */
  constructor(path, start, end, onWritten) {
    super({ highWaterMark: CHUNK });
    this.#path = path;
    this.#pos = start;
    this.#end = end;
    this.#onWritten = onWritten;
  }
  async #handle() {
    this.#fh ??= await open(this.#path, "r");
    return this.#fh;
  }
  /** Reads the next chunk into `buf`; an empty result means the range is done. */
  async #next(buf) {
    const want = Math.min(buf.length, this.#end - this.#pos);
    if (want <= 0) return buf.subarray(0, 0);
    const fh = await this.#handle();
    const { bytesRead } = await fh.read(buf, 0, want, this.#pos);
    if (bytesRead === 0) throw new Error(`${this.#path} ended early, at byte ${this.#pos}`);
    this.#pos += bytesRead;
    return buf.subarray(0, bytesRead);
  }
  _read() {
    this.#next(Buffer.allocUnsafe(CHUNK)).then(
      (chunk) => {
        if (chunk.length > 0) this.#onWritten?.(chunk.length);
        this.push(chunk.length > 0 ? chunk : null);
      },
      (err) => this.#fail(err)
    );
  }
  /**
   * Destroys the body, with `err` for whoever listens. An 'error' nobody listens to would end the
   * process (the request already failed and its wrapper let go); and 'error' is emitted a tick
   * after destroy(), by when the last listener may have left, hence the no-op one.
   */
  #fail(err) {
    if (this.listenerCount("error") === 0) {
      this.destroy();
      return;
    }
    this.on("error", () => {
    });
    this.destroy(err);
  }
  _destroy(err, callback) {
    const fh = this.#fh;
    this.#fh = void 0;
    if (!fh) {
      callback(err);
      return;
    }
    const done = () => callback(err);
    fh.close().then(done, done);
  }
  pipe(dest, options) {
    if (this.#piped || this.readableFlowing !== null || !(dest instanceof ClientRequest))
      return super.pipe(dest, options);
    this.#piped = true;
    this.#pump(dest, options?.end !== false).catch((err) => {
      const error = err instanceof Error ? err : new Error(String(err));
      dest.destroy(error);
      this.#fail(error);
    });
    return dest;
  }
  async #pump(dest, end) {
    let failed;
    const onClose = () => {
      failed ??= new Error("the request closed before its body was sent");
    };
    dest.once("close", onClose);
    try {
      for (; ; ) {
        if (failed || dest.destroyed) throw failed ?? new Error("the request was destroyed");
        const buf = take();
        let chunk;
        try {
          chunk = await this.#next(buf);
        } catch (err) {
          give(buf);
          throw err;
        }
        if (chunk.length === 0) {
          give(buf);
          break;
        }
        const more = dest.write(chunk, (err) => {
          give(buf);
          if (!err) this.#onWritten?.(chunk.length);
        });
        if (!more) await drained(dest);
      }
      if (end) dest.end();
      this.push(null);
      this.resume();
    } finally {
      dest.off("close", onClose);
    }
  }
};
function drained(dest) {
  if (dest.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      dest.off("drain", done);
      dest.off("close", done);
      resolve();
    };
    dest.on("drain", done);
    dest.on("close", done);
  });
}

// src/artifacts/upload-blob.ts
function hexToBase64(hex) {
  return Buffer.from(hex, "hex").toString("base64");
}
function checkEcho(ctx, action, key, sent, stored) {
  if (stored === void 0 || stored === sent) return;
  throw toS3UploadError(
    Object.assign(new Error(`stored checksum ${stored}, expected ${sent}`), { name: "BadDigest" }),
    action,
    ctx.bucket,
    key
  );
}
async function sendBody(ctx, range, send) {
  let counted = 0;
  let settled = false;
  const count = (n) => {
    if (settled) return;
    counted += n;
    ctx.onSent?.(n);
  };
  const { source, start, end, bytes } = range;
  const body = bytes ?? (end > start ? new FileBody(source, start, end, count) : new Uint8Array(0));
  try {
    const out = await send(body);
    if (counted < end - start) count(end - start - counted);
    return out;
  } catch (err) {
    if (counted > 0) ctx.onSent?.(-counted);
    throw err;
  } finally {
    settled = true;
  }
}
function request(ctx, action, key, send, signal = ctx.signal) {
  return ctx.limiter.run(
    () => withRetry(
      () => {
        signal?.throwIfAborted();
        return send(signal);
      },
      ctx.retry,
      signal,
      (err, attempt) => ctx.onRetry?.(`${action} ${key}`, err, attempt)
    )
  ).catch((err) => {
    throw toS3UploadError(err, action, ctx.bucket, key);
  });
}
async function uploadBlob(ctx, blob, plan) {
  if (!plan.multipart) return putBlob(ctx, blob);
  return multipartBlob(ctx, blob, plan.parts);
}
async function putBlob(ctx, blob) {
  const checksum = hexToBase64(blob.sha256);
  const range = { source: blob.source, start: 0, end: blob.size, bytes: blob.bytes };
  const out = await request(
    ctx,
    "PUT",
    blob.key,
    (abortSignal) => sendBody(
      ctx,
      range,
      (Body) => ctx.client.send(
        new import_client_s32.PutObjectCommand({
          Bucket: ctx.bucket,
          Key: blob.key,
          Body,
          ContentLength: blob.size,
          ContentType: "application/octet-stream",
          ChecksumSHA256: checksum
        }),
        { abortSignal }
      )
    )
  );
  checkEcho(ctx, "PUT", blob.key, checksum, out.ChecksumSHA256);
}
var ABORT_RETRY = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 500,
  throttleBaseDelayMs: 200
};
async function multipartBlob(ctx, blob, parts) {
  const created = await request(
    ctx,
    "CreateMultipartUpload",
    blob.key,
    () => ctx.client.send(
      new import_client_s32.CreateMultipartUploadCommand({
        Bucket: ctx.bucket,
        Key: blob.key,
        ContentType: "application/octet-stream",
        ChecksumAlgorithm: "SHA256"
      })
    )
  );
  const uploadId = created.UploadId;
  if (!uploadId)
    throw toS3UploadError(
      new Error("no UploadId in the answer"),
      "CreateMultipartUpload",
      ctx.bucket,
      blob.key
    );
  if (ctx.signal?.aborted) {
    await abortUpload(ctx, blob.key, uploadId);
    throw ctx.signal.reason;
  }
  const local = new AbortController();
  setMaxListeners(0, local.signal);
  const stop = () => local.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener("abort", stop, { once: true });
  try {
    const done = await Promise.all(
      parts.map(
        (part) => uploadPart(ctx, blob, uploadId, part, local.signal).catch((err) => {
          local.abort(err);
          throw err;
        })
      )
    );
    await request(
      ctx,
      "CompleteMultipartUpload",
      blob.key,
      (abortSignal) => ctx.client.send(
        new import_client_s32.CompleteMultipartUploadCommand({
          Bucket: ctx.bucket,
          Key: blob.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: done }
        }),
        { abortSignal }
      )
    );
  } catch (err) {
    await abortUpload(ctx, blob.key, uploadId);
    throw err;
  } finally {
    ctx.signal?.removeEventListener("abort", stop);
  }
}
async function abortUpload(ctx, key, uploadId) {
  await withRetry(
    () => ctx.client.send(
      new import_client_s32.AbortMultipartUploadCommand({ Bucket: ctx.bucket, Key: key, UploadId: uploadId })
    ),
    ABORT_RETRY
  ).catch((err) => {
    if (errorCode(err) !== "NoSuchUpload") ctx.onAbortFailed?.(key, uploadId, err);
  });
}
async function uploadPart(ctx, blob, uploadId, part, signal) {
  const size = part.end - part.start;
  const sha256 = blob.partSha256?.[part.number - 1];
  const out = await request(
    ctx,
    `UploadPart ${part.number}`,
    blob.key,
    (abortSignal) => sendBody(
      ctx,
      { source: blob.source, start: part.start, end: part.end },
      (Body) => ctx.client.send(
        new import_client_s32.UploadPartCommand({
          Bucket: ctx.bucket,
          Key: blob.key,
          UploadId: uploadId,
          PartNumber: part.number,
          Body,
          ContentLength: size,
          ...sha256 ? { ChecksumSHA256: sha256 } : { ChecksumAlgorithm: "SHA256" }
        }),
        { abortSignal }
      )
    ),
    signal
  );
  if (!out.ETag || !out.ChecksumSHA256)
    throw toS3UploadError(
      new Error("the answer lacks the ETag or the SHA-256 checksum of the part"),
      `UploadPart ${part.number}`,
      ctx.bucket,
      blob.key
    );
  if (sha256) checkEcho(ctx, `UploadPart ${part.number}`, blob.key, sha256, out.ChecksumSHA256);
  return { PartNumber: part.number, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256 };
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
  setMaxListeners2(0, signal);
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
        if (await existence.has(digest.sha256, digest.size)) {
          progress.skipped(digest.size);
          return;
        }
        signal.throwIfAborted();
        const plan = planUpload(digest.size, parts);
        const partSha256 = plan.multipart && digest.size === sources.get(source) ? digest.partSha256 : void 0;
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
            ...partSha256 ? { partSha256 } : {}
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
        progress.hashed(digest.size);
        await ensureBlob(source, digest);
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

// src/artifacts/progress.ts
function formatBytes(n) {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}
function formatSeconds(s) {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.ceil(s - m * 60)).padStart(2, "0")}s`;
}
function formatProgress(s) {
  const seconds = s.elapsedMs / 1e3;
  const rate = seconds > 0 ? s.sentBytes / seconds : 0;
  const parts = [
    `artifacts: hashed ${s.hashedFiles}/${s.totalFiles} files (${formatBytes(s.hashedBytes)}/${formatBytes(s.totalBytes)})`,
    `sent ${formatBytes(s.sentBytes)}, ${s.uploadedFiles} files done`,
    `skipped ${s.skippedFiles} (${formatBytes(s.skippedBytes)})`,
    `${(rate / 1e6).toFixed(1)} MB/s`
  ];
  const remaining = s.totalBytes - s.sentBytes - s.skippedBytes;
  if (rate > 0 && remaining > 0) parts.push(`ETA ${formatSeconds(remaining / rate)}`);
  return parts.join(", ");
}
function formatSummary(s) {
  return `artifacts: uploaded ${s.uploadedFiles} files (${formatBytes(s.uploadedBytes)}), skipped ${s.skippedFiles} already in S3 (${formatBytes(s.skippedBytes)}), ${s.seconds.toFixed(1)}s, ${s.mbPerSecond.toFixed(1)} MB/s`;
}
var Progress = class {
  state = {
    totalFiles: 0,
    totalBytes: 0,
    hashedFiles: 0,
    hashedBytes: 0,
    uploadedFiles: 0,
    sentBytes: 0,
    uploadedBytes: 0,
    skippedFiles: 0,
    skippedBytes: 0,
    elapsedMs: 0
  };
  now;
  started;
  intervalMs;
  log;
  lastLine;
  constructor(options = {}) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.lastLine = this.started;
    this.intervalMs = options.intervalMs ?? 5e3;
    this.log = options.log;
  }
  planned(files, bytes) {
    this.state.totalFiles += files;
    this.state.totalBytes += bytes;
  }
  hashed(bytes) {
    this.state.hashedFiles++;
    this.state.hashedBytes += bytes;
    this.tick();
  }
  skipped(bytes) {
    this.state.skippedFiles++;
    this.state.skippedBytes += bytes;
    this.tick();
  }
  sent(bytes) {
    this.state.sentBytes += bytes;
    this.tick();
  }
  uploaded(bytes) {
    this.state.uploadedFiles++;
    this.state.uploadedBytes += bytes;
    this.tick();
  }
  snapshot() {
    return { ...this.state, elapsedMs: this.now() - this.started };
  }
  /** Logs a line if the interval has passed since the last one. */
  tick() {
    if (!this.log) return;
    const t = this.now();
    if (t - this.lastLine < this.intervalMs) return;
    this.lastLine = t;
    this.log(formatProgress(this.snapshot()));
  }
  summary() {
    const s = this.snapshot();
    const seconds = s.elapsedMs / 1e3;
    return {
      uploadedFiles: s.uploadedFiles,
      uploadedBytes: s.uploadedBytes,
      skippedFiles: s.skippedFiles,
      skippedBytes: s.skippedBytes,
      seconds,
      mbPerSecond: seconds > 0 ? s.uploadedBytes / 1e6 / seconds : 0
    };
  }
};

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
