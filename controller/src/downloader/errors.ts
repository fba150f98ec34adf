// Errors the downloader reports, and which failures are worth another try.

export type FailureKind = "missing" | "corrupted" | "manifest" | "access";

/** A permanent failure with a message that names the file and the object. */
export class DownloadError extends Error {
  override name = "DownloadError";
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly fields: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

/** A body that ended before Content-Length bytes: the connection broke, the blob is fine. */
export class TruncatedError extends Error {
  override name = "TruncatedError";
}

interface MaybeAwsError {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "ERR_STREAM_PREMATURE_CLOSE",
  "UND_ERR_SOCKET",
]);

const TRANSIENT_NAMES = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeTooSkewed",
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "InternalError",
  "ServiceUnavailable",
  "TruncatedError",
]);

/** True for network failures, timeouts, throttling and 5xx answers: all worth retrying. */
export function isTransient(err: unknown): boolean {
  if (err instanceof DownloadError) return false;
  if (typeof err !== "object" || err === null) return false;
  const e = err as MaybeAwsError & { message?: string };
  if (e.code !== undefined && TRANSIENT_CODES.has(e.code)) return true;
  if (e.name !== undefined && TRANSIENT_NAMES.has(e.name)) return true;
  if (e.$retryable !== undefined) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429 || status === 408)) return true;
  return e.message === "socket hang up" || e.message === "aborted";
}

/** True when S3 says the object does not exist. */
export function isNotFound(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as MaybeAwsError;
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
}

/** True when S3 refuses the credentials or the access. */
export function isAccessDenied(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as MaybeAwsError;
  const status = e.$metadata?.httpStatusCode;
  return status === 401 || status === 403 || e.name === "AccessDenied";
}
