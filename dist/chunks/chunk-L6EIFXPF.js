import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  listByHexDigit
} from "./chunk-Y2LMNQ7K.js";
import {
  createHashPool,
  localFileError
} from "./chunk-SXOEG5ZL.js";
import {
  blobKey,
  manifestKey,
  serializeManifest
} from "./chunk-BCMFZ37F.js";
import {
  require_dist_cjs
} from "./chunk-2B7W3GXR.js";
import {
  FileChangedError,
  errorCode,
  statusOf,
  toS3UploadError,
  withRetry
} from "./chunk-VQJSBGHP.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/artifacts/manifest-write.ts
var import_client_s33 = __toESM(require_dist_cjs(), 1);
import { createHash as createHash2 } from "node:crypto";

// src/artifacts/existence.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);

// src/artifacts/checksum.ts
import { createHash } from "node:crypto";
function hexToBase64(hex) {
  return Buffer.from(hex, "hex").toString("base64");
}
function compositeChecksum(partSha256) {
  const digest = createHash("sha256");
  for (const part of partSha256) digest.update(Buffer.from(part, "base64"));
  return `${digest.digest("base64")}-${partSha256.length}`;
}
function compositeParts(checksum) {
  const match = /-(\d+)$/.exec(checksum);
  return match ? Number(match[1]) : void 0;
}

// src/artifacts/existence.ts
var HEAD_MAX_FILES = 200;
function chooseStrategy(files) {
  return files < HEAD_MAX_FILES ? "head" : "list";
}
async function listBlobs(ctx) {
  const root = blobKey(ctx.prefix, "");
  const objects = await listByHexDigit(ctx, root);
  return new Map(objects.map((o) => [o.key.slice(root.length), o.size]));
}
function checksumAllows(stored, sha256, partSha256) {
  if (stored === void 0) return true;
  const parts = compositeParts(stored);
  if (parts === void 0) return stored === hexToBase64(sha256);
  if (partSha256 && partSha256.length === parts) return stored === compositeChecksum(partSha256);
  return true;
}
async function headWithChecksum(client, bucket, key, signal) {
  const head = (ChecksumMode) => client.send(new import_client_s3.HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode }), {
    abortSignal: signal
  });
  try {
    return await head("ENABLED");
  } catch (err) {
    if (statusOf(err) !== 403) throw err;
    return head();
  }
}
async function headBlob(ctx, sha256, size, partSha256) {
  const key = blobKey(ctx.prefix, sha256);
  try {
    const head = await ctx.limiter.run(
      () => withRetry(
        () => headWithChecksum(ctx.client, ctx.bucket, key, ctx.signal),
        ctx.retry,
        ctx.signal
      )
    );
    return head.ContentLength === size && checksumAllows(head.ChecksumSHA256, sha256, partSha256);
  } catch (err) {
    if (statusOf(err) === 404) return false;
    throw toS3UploadError(err, "HEAD", ctx.bucket, key);
  }
}
function createExistenceCheck(ctx, strategy) {
  if (strategy === "head")
    return { has: (sha, size, partSha256) => headBlob(ctx, sha, size, partSha256) };
  const listing = listBlobs(ctx);
  listing.catch(() => void 0);
  return { has: async (sha, size) => (await listing).get(sha) === size };
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
  #failure;
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
  /**
   * Why the file could not be read, when it could not (removed, shortened, unreadable): the
   * request this body is sent with fails too, but only this says it was the file's doing.
   */
  get failure() {
    return this.#failure;
  }
  /** Reads the next chunk into `buf`; an empty result means the range is done. */
  async #next(buf) {
    const want = Math.min(buf.length, this.#end - this.#pos);
    if (want <= 0) return buf.subarray(0, 0);
    let bytesRead;
    try {
      const fh = await this.#handle();
      ({ bytesRead } = await fh.read(buf, 0, want, this.#pos));
    } catch (err) {
      this.#failure ??= localFileError(this.#path, err);
      throw this.#failure;
    }
    if (bytesRead === 0) {
      this.#failure ??= new FileChangedError({
        path: this.#path,
        why: `it ends at byte ${this.#pos}, and had at least ${this.#end} when hashed`
      });
      throw this.#failure;
    }
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
    throw (body instanceof FileBody ? body.failure : void 0) ?? err;
  } finally {
    settled = true;
  }
}
async function hashAgain(path, size) {
  const pool = createHashPool({ threads: 1 });
  try {
    return (await pool.hash(path, size)).sha256;
  } finally {
    await pool.close();
  }
}
function fileCheck(ctx, blob) {
  let pending;
  return async (err, action) => {
    if (errorCode(err) !== "BadDigest" || blob.bytes) return err;
    pending ??= hashAgain(blob.source, blob.size).then(
      (sha256) => sha256 === blob.sha256 ? void 0 : `its SHA-256 is now ${sha256}, it was ${blob.sha256} when hashed`,
      (e) => e instanceof FileChangedError ? e.why : `it can no longer be read: ${e instanceof Error ? e.message : String(e)}`
    );
    const why = await pending;
    if (why === void 0) {
      pending = void 0;
      return err;
    }
    return new FileChangedError({
      path: blob.source,
      why,
      refused: { action, bucket: ctx.bucket, key: blob.key }
    });
  };
}
function request(ctx, action, key, send, signal = ctx.signal, check) {
  return ctx.limiter.run(
    () => withRetry(
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
      (err, attempt) => ctx.onRetry?.(`${action} ${key}`, err, attempt)
    )
  ).catch((err) => {
    throw toS3UploadError(err, action, ctx.bucket, key);
  });
}
async function uploadBlob(ctx, blob, plan) {
  const check = fileCheck(ctx, blob);
  if (!plan.multipart) return putBlob(ctx, blob, check);
  return multipartBlob(ctx, blob, plan.parts, check);
}
async function putBlob(ctx, blob, check) {
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
    ),
    ctx.signal,
    check
  );
  checkEcho(ctx, "PUT", blob.key, checksum, out.ChecksumSHA256);
}
var ABORT_RETRY = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 500,
  throttleBaseDelayMs: 200
};
async function multipartBlob(ctx, blob, parts, check) {
  const partSha256 = blob.partSha256;
  if (partSha256?.length !== parts.length)
    throw new Error(
      `multipart upload of ${blob.source} without the SHA-256 of each of its ${parts.length} parts`
    );
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
  let failed;
  try {
    const settled = await Promise.allSettled(
      parts.map(
        (part) => uploadPart(ctx, blob, uploadId, part, local.signal, check).catch((err) => {
          failed ??= { err };
          local.abort(err);
          throw err;
        })
      )
    );
    if (failed) throw failed.err;
    const done = settled.map((r) => r.value);
    const completed = await request(
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
    checkEcho(
      ctx,
      "CompleteMultipartUpload",
      blob.key,
      compositeChecksum(partSha256),
      completed.ChecksumSHA256
    );
  } catch (err) {
    await abortUpload(ctx, blob.key, uploadId);
    throw err;
  } finally {
    ctx.signal?.removeEventListener("abort", stop);
  }
}
var ABORT_ROUNDS = 3;
async function abortUpload(ctx, key, uploadId) {
  const id = { Bucket: ctx.bucket, Key: key, UploadId: uploadId };
  for (let round = 1; ; round++) {
    try {
      await withRetry(() => ctx.client.send(new import_client_s32.AbortMultipartUploadCommand(id)), ABORT_RETRY);
    } catch (err) {
      if (errorCode(err) !== "NoSuchUpload") ctx.onAbortFailed?.(key, uploadId, err);
      return;
    }
    const parts = await withRetry(() => ctx.client.send(new import_client_s32.ListPartsCommand(id)), ABORT_RETRY).then((out) => out.Parts?.length ?? 0).catch(() => void 0);
    if (parts === void 0) return;
    if (round === ABORT_ROUNDS) {
      ctx.onAbortFailed?.(
        key,
        uploadId,
        new Error(`the upload still lists ${parts} parts after ${round} aborts`)
      );
      return;
    }
  }
}
async function uploadPart(ctx, blob, uploadId, part, signal, check) {
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
          ChecksumSHA256: sha256
        }),
        { abortSignal }
      )
    ),
    signal,
    check
  );
  if (!out.ETag || !out.ChecksumSHA256)
    throw toS3UploadError(
      new Error("the answer lacks the ETag or the SHA-256 checksum of the part"),
      `UploadPart ${part.number}`,
      ctx.bucket,
      blob.key
    );
  checkEcho(ctx, `UploadPart ${part.number}`, blob.key, sha256, out.ChecksumSHA256);
  return { PartNumber: part.number, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256 };
}

// src/artifacts/manifest-write.ts
function buildManifest(prefix, files) {
  const bytes = Buffer.from(serializeManifest(files), "utf8");
  const sha256 = createHash2("sha256").update(bytes).digest("hex");
  return { sha256, key: manifestKey(prefix, sha256), bytes };
}
async function writeManifest(ctx, manifest) {
  const run = (action, send) => ctx.limiter.run(() => withRetry(send, ctx.retry, ctx.signal)).catch((err) => {
    if (action === "HEAD" && statusOf(err) === 404) throw err;
    throw toS3UploadError(err, action, ctx.bucket, manifest.key);
  });
  const exists = await run(
    "HEAD",
    () => headWithChecksum(ctx.client, ctx.bucket, manifest.key, ctx.signal)
  ).then(
    (head) => head.ContentLength === manifest.bytes.length && checksumAllows(head.ChecksumSHA256, manifest.sha256),
    (err) => {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  );
  if (exists) return false;
  await run(
    "PUT",
    () => ctx.client.send(
      new import_client_s33.PutObjectCommand({
        Bucket: ctx.bucket,
        Key: manifest.key,
        Body: manifest.bytes,
        ContentType: "application/json",
        ChecksumSHA256: hexToBase64(manifest.sha256)
      }),
      { abortSignal: ctx.signal }
    )
  );
  return true;
}

export {
  chooseStrategy,
  createExistenceCheck,
  uploadBlob,
  buildManifest,
  writeManifest
};
