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

/** Codes only a file system gives: whichever call failed, the pod's disk did. */
const DISK_CODES = new Set(["ENOSPC", "EDQUOT", "EROFS", "EFBIG"]);
/** Codes that mean the volume has no room, as opposed to refusing writes. */
const NO_ROOM_CODES = new Set(["ENOSPC", "EDQUOT"]);
/** Calls on files: their failures are the disk's (a socket's connect can give EACCES too). */
const FILE_SYSCALLS = new Set([
  "open",
  "write",
  "writev",
  "fsync",
  "close",
  "rename",
  "chmod",
  "fchmod",
  "mkdir",
  "copyfile",
  "unlink",
  "ftruncate",
]);

/**
 * A failure of the pod's own file system (ENOSPC, EROFS, EACCES, EISDIR...), not of S3 or the
 * network. Errors of a write stream carry no `path` (only code and syscall), so the code and the
 * call decide too: without them a full disk mid-download passed for an S3 failure.
 */
export function isLocalFileError(err: unknown): err is NodeJS.ErrnoException {
  if (!(err instanceof Error)) return false;
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code !== "string" || TRANSIENT_CODES.has(e.code)) return false;
  return (
    typeof e.path === "string" ||
    DISK_CODES.has(e.code) ||
    (e.syscall !== undefined && FILE_SYSCALLS.has(e.syscall))
  );
}

/** The byte lengths of a path's longest component and of the whole path, as a phrase. */
function nameLengths(dest: string): string {
  const longest = Math.max(...dest.split("/").map((part) => Buffer.byteLength(part)));
  return `longest name ${longest} bytes, whole path ${Buffer.byteLength(dest)} bytes`;
}

/** "3.0 MiB (3145728 bytes)": rounded for reading, exact for comparing with `df -B1`. */
export function sizeText(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB (${bytes} bytes)`;
}

/** An artifacts' mount as the downloader writes it: its folder, and what its files take. */
export interface MountVolume {
  /** The mount's folder on this file system (root + mount). */
  folder: string;
  /** The bytes of all the manifest's files under it. */
  bytes: number;
}

/** Where the room for the artifacts comes from, and so what to change to get more. */
export const ROOM_REMEDY =
  "that volume is an emptyDir on the node's disk (its ephemeral storage): run the API on nodes " +
  "with more free disk (node_groups), or free space on this one";

/** A blob that could not be put in place, once retries are over (or at once, when retrying
 * cannot help): the disk, S3 or the network, each said as such. */
export function blobFailure(
  err: unknown,
  dest: string,
  url: string,
  attempts: number,
  fields: Readonly<Record<string, string>>,
  volume?: MountVolume,
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
  if (isLocalFileError(err) && NO_ROOM_CODES.has(err.code ?? "")) {
    const full =
      volume === undefined
        ? "the artifacts' volume is full"
        : `the volume of ${volume.folder} is full, and the artifacts under it need ${sizeText(volume.bytes)} in all`;
    return new DownloadError(
      "local",
      `cannot write ${dest}: ${err.message}: ${full}; ${ROOM_REMEDY}`,
      fields,
    );
  }
  if (isLocalFileError(err)) {
    const mount =
      volume === undefined ? "the artifacts' mount" : `the artifacts' mount ${volume.folder}`;
    return new DownloadError(
      "local",
      `cannot write ${dest}: ${err.message} (${mount} must be a writable volume with room for them)`,
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
