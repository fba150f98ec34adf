import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  bucketNameWarning
} from "./chunk-PU3PLDT3.js";

// src/artifacts/retry.ts
var DEFAULT_RETRY = {
  maxAttempts: 8,
  baseDelayMs: 100,
  maxDelayMs: 1e4,
  throttleBaseDelayMs: 500
};
var THROTTLING = /* @__PURE__ */ new Set([
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottled",
  "RequestLimitExceeded",
  "TooManyRequestsException"
]);
var TRANSIENT_CODES = /* @__PURE__ */ new Set([
  "InternalError",
  "ServiceUnavailable",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
  // Bytes damaged on the way. A file that changed since it was hashed fails every attempt, so the
  // upload hashes it again first and, if so, fails at once (upload-blob.ts, FileChangedError).
  "BadDigest",
  "IncompleteBody",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "UND_ERR_SOCKET"
]);
var NETWORK_MESSAGE = /socket|hang up|ECONNRESET|EPIPE|timed? ?out|premature close|aborted|Unexpected end|closed|Deserialization/i;
function shape(err) {
  return typeof err === "object" && err !== null ? err : {};
}
function statusOf(err) {
  const status = shape(err).$metadata?.httpStatusCode;
  return typeof status === "number" ? status : void 0;
}
function errorCode(err) {
  const e = shape(err);
  if (typeof e.name === "string" && e.name !== "Error") return e.name;
  if (typeof e.code === "string") return e.code;
  return typeof e.name === "string" ? e.name : "Error";
}
function isThrottling(err) {
  const e = shape(err);
  return THROTTLING.has(errorCode(err)) || statusOf(err) === 429 || e.$retryable?.throttling === true;
}
function isRetryable(err) {
  const e = shape(err);
  if (e.retryable === false) return false;
  if (isThrottling(err)) return true;
  const status = statusOf(err);
  if (status !== void 0 && status >= 500) return true;
  if (status === 408) return true;
  if (TRANSIENT_CODES.has(errorCode(err)) || typeof e.code === "string" && TRANSIENT_CODES.has(e.code))
    return true;
  if (status === void 0 && typeof e.message === "string" && NETWORK_MESSAGE.test(e.message))
    return true;
  return false;
}
function backoffDelay(attempt, throttled, options, random = Math.random) {
  const base = throttled ? options.throttleBaseDelayMs : options.baseDelayMs;
  const ceiling = Math.min(options.maxDelayMs, base * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
async function withRetry(task, options, signal, onRetry) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (err) {
      if (signal?.aborted || attempt >= options.maxAttempts || !isRetryable(err)) throw err;
      const delay = backoffDelay(attempt, isThrottling(err), options);
      onRetry?.(err, attempt, delay);
      await sleep(delay, signal);
    }
  }
}

// src/artifacts/errors.ts
var ArtifactConfigError = class extends Error {
  errors;
  constructor(errors) {
    super(errors.map(formatLocated).join("\n"));
    this.name = "ArtifactConfigError";
    this.errors = errors;
  }
};
function formatLocated(e) {
  return `${e.file}:${e.line}:${e.column}: error: ${e.path}: ${e.message}`;
}
var PERMISSION_HINT = "(check its permissions for the user this runs as)";
var ArtifactReadError = class extends Error {
  name = "ArtifactReadError";
  /** Read by isRetryable: sending again cannot help, whatever the message says. */
  retryable = false;
};
var S3EndpointError = class extends Error {
  name = "S3EndpointError";
};
var S3UploadError = class extends Error {
  code;
  bucket;
  key;
  constructor(opts) {
    const hint = opts.hint ?? HINTS[opts.code];
    super(
      `S3 ${opts.action} s3://${opts.bucket}/${opts.key} failed: ${opts.code}: ${opts.detail}` + (hint ? ` (${hint})` : "")
    );
    this.name = "S3UploadError";
    this.code = opts.code;
    this.bucket = opts.bucket;
    this.key = opts.key;
  }
};
var FileChangedError = class extends ArtifactReadError {
  name = "FileChangedError";
  path;
  /** What changed, as given. */
  why;
  constructor(opts) {
    const { refused } = opts;
    const by = refused ? ` (S3 ${refused.action} s3://${refused.bucket}/${refused.key} refused its bytes: BadDigest)` : "";
    super(
      `${opts.path} changed while it was being uploaded (${opts.why}); ${opts.left ?? "nothing was written for it"}${by}. Upload again once it no longer changes.`
    );
    this.path = opts.path;
    this.why = opts.why;
  }
};
var HINTS = {
  NoSuchBucket: "the bucket does not exist: check --bucket and the region or endpoint",
  AccessDenied: "the credentials are wrong or lack permission: the role needs s3:ListBucket on the bucket and s3:GetObject, s3:PutObject and s3:AbortMultipartUpload on the prefix (without the last, a failed multipart upload leaves its parts billed in the bucket)",
  InvalidAccessKeyId: "the access key is unknown to this S3 endpoint",
  SignatureDoesNotMatch: "the secret key does not match the access key",
  PermanentRedirect: "the bucket is in another region: set the region to the bucket's",
  AuthorizationHeaderMalformed: "the region does not match the bucket's region",
  BadDigest: "the bytes S3 received do not match the file's SHA-256, though the file hashes as before: something between here and S3 damages them",
  RegionMissing: "set the region input, AWS_REGION or AWS_DEFAULT_REGION",
  BadRequest: "S3 gave no reason (an answer to HEAD has no body); the usual causes are a region other than the bucket's (--aws-region, AWS_REGION) and an invalid or expired session token",
  CredentialsProviderError: "no AWS credentials found: configure credentials (e.g. aws-actions/configure-aws-credentials)"
};
function toS3UploadError(err, action, bucket, key, hints = {}) {
  if (err instanceof S3UploadError || err instanceof ArtifactConfigError || err instanceof ArtifactReadError)
    return err;
  const status = statusOf(err);
  let code = errorCode(err);
  const unnamed = /^(Unknown(Error)?|BadRequest|MovedPermanently)$/.test(code);
  if (code === "Forbidden" || status === 403 && unnamed) code = "AccessDenied";
  if (status === 301 && unnamed) code = "PermanentRedirect";
  if (status === 400 && unnamed) code = "BadRequest";
  if (code === "NotFound" && action === "list") code = "NoSuchBucket";
  if (/Region is missing/i.test(String(err?.message)))
    code = "RegionMissing";
  const message = err instanceof Error ? err.message : String(err);
  const detail = status === void 0 ? message : `${message} (HTTP ${status})`;
  const badName = /^(BadRequest|InvalidBucketName)$/.test(code) ? bucketNameWarning(bucket) : void 0;
  return new S3UploadError({ action, bucket, key, code, detail, hint: hints[code] ?? badName });
}

export {
  DEFAULT_RETRY,
  statusOf,
  errorCode,
  isRetryable,
  withRetry,
  ArtifactConfigError,
  PERMISSION_HINT,
  ArtifactReadError,
  S3EndpointError,
  S3UploadError,
  FileChangedError,
  toS3UploadError
};
