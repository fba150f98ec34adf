// Errors the downloader reports, and which failures are worth another try.

export type FailureKind = "missing" | "corrupted" | "manifest" | "access" | "bucket" | "local";

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

/** A failure of the pod's own file system (EROFS, ENOSPC, EISDIR...), not of S3 or the network. */
export function isLocalFileError(err: unknown): err is NodeJS.ErrnoException {
  if (!(err instanceof Error)) return false;
  const e = err as NodeJS.ErrnoException;
  return typeof e.path === "string" && typeof e.code === "string" && !TRANSIENT_CODES.has(e.code);
}

/** The byte lengths of a path's longest component and of the whole path, as a phrase. */
function nameLengths(dest: string): string {
  const longest = Math.max(...dest.split("/").map((part) => Buffer.byteLength(part)));
  return `longest name ${longest} bytes, whole path ${Buffer.byteLength(dest)} bytes`;
}

/** A blob that could not be put in place, once retries are over (or at once, when retrying
 * cannot help): the disk, S3 or the network, each said as such. */
export function blobFailure(
  err: unknown,
  dest: string,
  url: string,
  attempts: number,
  fields: Readonly<Record<string, string>>,
): DownloadError {
  if (isLocalFileError(err) && err.code === "ENAMETOOLONG") {
    // Not a volume problem: no free space or write access would help.
    return new DownloadError(
      "local",
      `cannot write ${dest}: its name is too long for the file system of the artifacts' mount ` +
        `(${nameLengths(dest)}; Linux allows at most 255 bytes per name and 4096 per path)`,
      fields,
    );
  }
  if (isLocalFileError(err)) {
    return new DownloadError(
      "local",
      `cannot write ${dest}: ${err.message} (the artifacts' mount must be a writable volume ` +
        "with room for them)",
      fields,
    );
  }
  const tries = isTransient(err) ? ` after ${attempts} attempts` : "";
  return new DownloadError(
    "access",
    `cannot download ${dest} from ${url}${tries}: ${String(err)}`,
    fields,
  );
}

/** True when S3 says the bucket does not exist (a 404 too, but not a missing object). */
export function isNoSuchBucket(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as MaybeAwsError).name === "NoSuchBucket";
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
