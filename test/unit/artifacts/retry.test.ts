import { describe, expect, it } from "vitest";
import { toS3UploadError } from "../../../src/artifacts/errors.ts";
import {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryable,
  isThrottling,
  withRetry,
} from "../../../src/artifacts/retry.ts";

const s3Error = (name: string, status: number, message = name) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const netError = (code: string, message: string) => Object.assign(new Error(message), { code });

const fast = { ...DEFAULT_RETRY, baseDelayMs: 1, throttleBaseDelayMs: 1, maxDelayMs: 2 };

describe("isRetryable", () => {
  it("retries throttling, 5xx, timeouts and connection failures", () => {
    expect(isRetryable(s3Error("SlowDown", 503))).toBe(true);
    expect(isRetryable(s3Error("InternalError", 500))).toBe(true);
    expect(isRetryable(s3Error("UnknownError", 502))).toBe(true);
    expect(isRetryable(s3Error("RequestTimeout", 400))).toBe(true);
    expect(isRetryable(netError("ECONNRESET", "read ECONNRESET"))).toBe(true);
    expect(isRetryable(netError("EPIPE", "write EPIPE"))).toBe(true);
    expect(
      isRetryable(Object.assign(new Error("socket timed out"), { name: "TimeoutError" })),
    ).toBe(true);
    expect(isRetryable(new Error("socket hang up"))).toBe(true);
  });

  it("does not retry what the caller must fix", () => {
    expect(isRetryable(s3Error("AccessDenied", 403))).toBe(false);
    expect(isRetryable(s3Error("NoSuchBucket", 404))).toBe(false);
    expect(isRetryable(s3Error("InvalidAccessKeyId", 403))).toBe(false);
    expect(isRetryable(new TypeError("x is not a function"))).toBe(false);
  });

  it("recognises throttling by code and by status", () => {
    expect(isThrottling(s3Error("SlowDown", 503))).toBe(true);
    expect(isThrottling(s3Error("Whatever", 429))).toBe(true);
    expect(isThrottling(s3Error("InternalError", 500))).toBe(false);
  });
});

describe("backoffDelay", () => {
  it("draws uniformly below an exponentially growing, capped ceiling", () => {
    expect(backoffDelay(1, false, DEFAULT_RETRY, () => 0.999)).toBe(99);
    expect(backoffDelay(3, false, DEFAULT_RETRY, () => 0.5)).toBe(200);
    expect(backoffDelay(30, false, DEFAULT_RETRY, () => 0.999)).toBe(9990);
    expect(backoffDelay(1, true, DEFAULT_RETRY, () => 0.999)).toBe(499);
    expect(backoffDelay(5, false, DEFAULT_RETRY, () => 0)).toBe(0);
  });
});

describe("withRetry", () => {
  it("retries transient failures until the task succeeds", async () => {
    let calls = 0;
    const out = await withRetry(async (attempt) => {
      calls++;
      if (attempt < 3) throw s3Error("SlowDown", 503);
      return "done";
    }, fast);
    expect(out).toBe("done");
    expect(calls).toBe(3);
  });

  it("gives up after maxAttempts with the last error", async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw s3Error("InternalError", 500, `fail ${calls}`);
        },
        { ...fast, maxAttempts: 4 },
      ),
    ).rejects.toThrow("fail 4");
    expect(calls).toBe(4);
  });

  it("fails at once on an error retrying cannot fix", async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw s3Error("AccessDenied", 403);
      }, fast),
    ).rejects.toThrow("AccessDenied");
    expect(calls).toBe(1);
  });

  it("stops waiting when aborted", async () => {
    const abort = new AbortController();
    const p = withRetry(
      async () => {
        throw s3Error("SlowDown", 503);
      },
      { ...DEFAULT_RETRY, baseDelayMs: 60_000, throttleBaseDelayMs: 60_000, maxDelayMs: 60_000 },
      abort.signal,
    );
    // Abort while it sleeps before the second attempt.
    setTimeout(() => abort.abort(new Error("cancelled")), 10);
    await expect(p).rejects.toThrow("cancelled");
  });
});

describe("toS3UploadError", () => {
  it("names the action, bucket, key and S3's code, with a hint", () => {
    const e = toS3UploadError(
      s3Error("NoSuchBucket", 404, "The specified bucket does not exist"),
      "PUT",
      "b",
      "p/blobs/sha256/00",
    );
    expect(e.message).toBe(
      "S3 PUT s3://b/p/blobs/sha256/00 failed: NoSuchBucket: The specified bucket does not exist (HTTP 404) (the bucket does not exist: check --bucket and the region or endpoint)",
    );
  });

  it("calls a bare 403 (a HEAD has no body) AccessDenied", () => {
    const e = toS3UploadError(s3Error("Forbidden", 403, "Forbidden"), "HEAD", "b", "k");
    expect(e.message).toContain("AccessDenied");
    // What the SDK throws for a HEAD signed with a wrong secret key, seen against versitygw.
    const wrongKey = toS3UploadError(s3Error("Unknown", 403, "UnknownError"), "HEAD", "b", "k");
    expect(wrongKey.message).toMatch(/failed: AccessDenied: .*the credentials are wrong or lack/);
    // A role written from the hint must be able to abort its failed multipart uploads.
    for (const action of [
      "s3:ListBucket",
      "s3:GetObject",
      "s3:PutObject",
      "s3:AbortMultipartUpload",
    ])
      expect(wrongKey.message).toContain(action);
  });

  it("gives a bare 400 or 301 (a HEAD has no body) the usual causes", () => {
    const region = toS3UploadError(s3Error("Unknown", 400, "UnknownError"), "HEAD", "b", "k");
    expect(region.message).toMatch(/failed: BadRequest: .*region other than the bucket's/);
    const moved = toS3UploadError(s3Error("Unknown", 301, "UnknownError"), "HEAD", "b", "k");
    expect(moved.message).toMatch(/failed: PermanentRedirect: .*the bucket is in another region/);
  });
});
