// Errors the artifact code throws on purpose. Both carry a message meant for people, so front ends
// print the message and never a stack trace.
import { bucketNameWarning } from "./bucket-name.ts";
import { errorCode, statusOf } from "./retry.ts";
import type { ConfigErrorLike } from "./types.ts";

/** cortex.yaml names artifacts that cannot be uploaded; each error points at its line. */
export class ArtifactConfigError extends Error {
  readonly errors: readonly ConfigErrorLike[];

  constructor(errors: readonly ConfigErrorLike[]) {
    super(errors.map(formatLocated).join("\n"));
    this.name = "ArtifactConfigError";
    this.errors = errors;
  }
}

function formatLocated(e: ConfigErrorLike): string {
  return `${e.file}:${e.line}:${e.column}: error: ${e.path}: ${e.message}`;
}

/** What to check when a local artifact is refused: an earlier step may have written it as root. */
export const PERMISSION_HINT = "(check its permissions for the user this runs as)";

/** A local artifact file could not be read, or changed, during the upload: not S3's doing. */
export class ArtifactReadError extends Error {
  override readonly name: string = "ArtifactReadError";
  /** Read by isRetryable: sending again cannot help, whatever the message says. */
  readonly retryable = false;
}

/** The S3 endpoint given cannot be used (not an http(s) URL, or credentials inside it). */
export class S3EndpointError extends Error {
  override readonly name = "S3EndpointError";
}

/** An S3 request failed for good (after retries, or at once for errors retrying cannot fix). */
export class S3UploadError extends Error {
  readonly code: string;
  readonly bucket: string;
  readonly key: string;

  constructor(opts: {
    action: string;
    bucket: string;
    key: string;
    code: string;
    detail: string;
    /** What to change, when the usual hint for the code (the uploader's) does not fit. */
    hint?: string | undefined;
  }) {
    const hint = opts.hint ?? HINTS[opts.code];
    super(
      `S3 ${opts.action} s3://${opts.bucket}/${opts.key} failed: ${opts.code}: ${opts.detail}` +
        (hint ? ` (${hint})` : ""),
    );
    this.name = "S3UploadError";
    this.code = opts.code;
    this.bucket = opts.bucket;
    this.key = opts.key;
  }
}

/**
 * A local artifact file changed (grew, shrank, was rewritten or removed) while it was being
 * uploaded: whatever is stored for it would not be the file as it ends up, or its bytes would not
 * be the ones its name is the SHA-256 of. Every attempt would fail alike, so none is retried, and
 * no manifest names the file. A local problem, not S3's: it is never wrapped as an S3UploadError.
 */
export class FileChangedError extends ArtifactReadError {
  override readonly name = "FileChangedError";
  readonly path: string;
  /** What changed, as given. */
  readonly why: string;

  constructor(opts: {
    path: string;
    /** What changed, e.g. "it had 10 bytes when listed and 12 when hashed". */
    why: string;
    /** What is left in S3, when something was (default: nothing was written for it). */
    left?: string | undefined;
    /** The S3 request that refused the bytes, when S3 is the one that noticed (BadDigest). */
    refused?: { action: string; bucket: string; key: string } | undefined;
  }) {
    const { refused } = opts;
    const by = refused
      ? ` (S3 ${refused.action} s3://${refused.bucket}/${refused.key} refused its bytes: BadDigest)`
      : "";
    super(
      `${opts.path} changed while it was being uploaded (${opts.why}); ` +
        `${opts.left ?? "nothing was written for it"}${by}. ` +
        "Upload again once it no longer changes.",
    );
    this.path = opts.path;
    this.why = opts.why;
  }
}

// What people usually need to change for the common S3 refusals.
const HINTS: Record<string, string> = {
  NoSuchBucket: "the bucket does not exist: check --bucket and the region or endpoint",
  AccessDenied:
    "the credentials are wrong or lack permission: the role needs s3:ListBucket on the bucket and " +
    "s3:GetObject, s3:PutObject and s3:AbortMultipartUpload on the prefix (without the last, a " +
    "failed multipart upload leaves its parts billed in the bucket)",
  InvalidAccessKeyId: "the access key is unknown to this S3 endpoint",
  SignatureDoesNotMatch: "the secret key does not match the access key",
  PermanentRedirect: "the bucket is in another region: set the region to the bucket's",
  AuthorizationHeaderMalformed: "the region does not match the bucket's region",
  BadDigest:
    "the bytes S3 received do not match the file's SHA-256, though the file hashes as before: " +
    "something between here and S3 damages them",
  RegionMissing: "set the region input, AWS_REGION or AWS_DEFAULT_REGION",
  BadRequest:
    "S3 gave no reason (an answer to HEAD has no body); the usual causes are a region other than " +
    "the bucket's (--aws-region, AWS_REGION) and an invalid or expired session token",
  CredentialsProviderError:
    "no AWS credentials found: configure credentials (e.g. aws-actions/configure-aws-credentials)",
};

/**
 * Wraps whatever an S3 call threw into an S3UploadError naming the bucket, key and action. `hints`
 * replace the usual hint for their codes (gc needs other permissions than the uploader).
 */
export function toS3UploadError(
  err: unknown,
  action: string,
  bucket: string,
  key: string,
  hints: Readonly<Record<string, string>> = {},
): Error {
  // Ours already, or a local file's problem that S3 had no part in.
  if (
    err instanceof S3UploadError ||
    err instanceof ArtifactConfigError ||
    err instanceof ArtifactReadError
  )
    return err;
  const status = statusOf(err);
  let code = errorCode(err);
  // An answer to HEAD has no body, so the SDK names a 403 "Forbidden", "Unknown" or "UnknownError".
  const unnamed = /^(Unknown(Error)?|BadRequest|MovedPermanently)$/.test(code);
  if (code === "Forbidden" || (status === 403 && unnamed)) code = "AccessDenied";
  if (status === 301 && unnamed) code = "PermanentRedirect";
  if (status === 400 && unnamed) code = "BadRequest";
  if (code === "NotFound" && action === "list") code = "NoSuchBucket";
  if (/Region is missing/i.test(String((err as { message?: unknown })?.message)))
    code = "RegionMissing";
  const message = err instanceof Error ? err.message : String(err);
  const detail = status === undefined ? message : `${message} (HTTP ${status})`;
  // A store that refuses an old-style name says only "BadRequest": the name is the likelier cause.
  const badName = /^(BadRequest|InvalidBucketName)$/.test(code)
    ? bucketNameWarning(bucket)
    : undefined;
  return new S3UploadError({ action, bucket, key, code, detail, hint: hints[code] ?? badName });
}
