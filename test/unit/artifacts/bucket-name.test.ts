import { describe, expect, it } from "vitest";
import { bucketNameProblem, bucketNameWarning } from "../../../src/artifacts/bucket-name.ts";
import { toS3UploadError } from "../../../src/artifacts/errors.ts";
import { s3Location } from "../../../src/commands/artifact-refs.ts";
import { configOf, realtimeYaml } from "../kube/helpers.ts";

describe("bucketNameProblem", () => {
  it("refuses a bucket given as a URL or a path", () => {
    expect(bucketNameProblem("s3://models/")).toBe(
      'the bucket "s3://models/" is an S3 URL; give the bucket\'s name alone: "models" (--bucket and --prefix; in the Action, the bucket and prefix inputs)',
    );
    expect(bucketNameProblem("https://minio.local:9000/b")).toBe(
      'the bucket "https://minio.local:9000/b" is a URL; give the bucket\'s name alone, and an S3-compatible endpoint as --s3-endpoint (in the Action, the s3-endpoint input)',
    );
    expect(bucketNameProblem("b/models/v1")).toContain(
      'is a path; give the bucket\'s name alone and the key path as the prefix: bucket "b", prefix "models/v1"',
    );
    expect(bucketNameProblem("my bucket")).toBe(
      'the bucket "my bucket" has white space in it; a bucket name has none',
    );
  });

  it("refuses what no S3 bucket name ever had: other characters, under 3 or over 255, an IP", () => {
    expect(bucketNameProblem("Bad_Bucket!")).toBe(
      'the bucket "Bad_Bucket!" has "!" in it, which no S3 bucket name has: a name has lowercase letters, digits, dots and hyphens (--bucket; in the Action, the bucket input)',
    );
    expect(bucketNameProblem("a:b@c")).toContain('has ":", "@" in it');
    expect(bucketNameProblem("ab")).toBe(
      'the bucket "ab" is shorter than any S3 bucket name (at least 3 characters) (--bucket; in the Action, the bucket input)',
    );
    expect(bucketNameProblem("a".repeat(256))).toContain("256 characters long, longer than any");
    expect(bucketNameProblem("192.168.5.4")).toContain(
      'the bucket "192.168.5.4" is an IP address, which S3 does not allow as a bucket name',
    );
  });

  it("lets through S3's names, and those only old buckets (or relaxed stores) have", () => {
    for (const ok of [
      "abc",
      "my-bucket.example",
      "a".repeat(63),
      "1.2.3.4.5",
      "Legacy_Bucket",
      "a".repeat(255),
      "-odd-",
    ])
      expect(bucketNameProblem(ok), ok).toBeUndefined();
  });
});

describe("bucketNameWarning", () => {
  it("says which of S3's rules for new buckets a legal old name breaks", () => {
    for (const ok of ["abc", "my-bucket.example", "a".repeat(63), "0models9"])
      expect(bucketNameWarning(ok), ok).toBeUndefined();
    expect(bucketNameWarning("Legacy_Bucket")).toBe(
      'the bucket name "Legacy_Bucket" has uppercase letters and underscores, which S3 allows only in buckets made in us-east-1 before March 2018 (most S3-compatible stores refuse them); if S3 refuses the bucket, check its name (--bucket; in the Action, the bucket input)',
    );
    expect(bucketNameWarning("a..b")).toContain("has two dots in a row,");
    expect(bucketNameWarning("-models")).toContain("a first or last character that is not");
    expect(bucketNameWarning("models.")).toContain("a first or last character that is not");
    expect(bucketNameWarning("a".repeat(64))).toContain(
      "has 64 characters (new buckets have at most 63),",
    );
  });

  it("is the hint for a bare 400 to a name S3 may refuse, instead of the region", () => {
    const bare = Object.assign(new Error("UnknownError"), {
      name: "Unknown",
      $metadata: { httpStatusCode: 400 },
    });
    expect(toS3UploadError(bare, "HEAD", "Legacy_Bucket", "k").message).toMatch(
      /failed: BadRequest: UnknownError \(HTTP 400\) \(the bucket name "Legacy_Bucket" has uppercase letters and underscores, /,
    );
    expect(toS3UploadError(bare, "HEAD", "models", "k").message).toContain(
      "region other than the bucket's",
    );
  });
});

describe("s3Location", () => {
  const withFiles = configOf(realtimeYaml("iris", "x/iris:1", "  artifacts:\n    - path: model\n"));

  it("refuses a bad bucket name before any request, and warns of an old-style one", () => {
    expect(() => s3Location(withFiles, { bucket: "Bad_Bucket!", prefix: "p" })).toThrow(
      'the bucket "Bad_Bucket!" has "!" in it',
    );
    const warned: string[] = [];
    const where = s3Location(withFiles, { bucket: "Legacy_Bucket", prefix: "p" }, (w) =>
      warned.push(w),
    );
    expect(where?.bucket).toBe("Legacy_Bucket");
    expect(warned).toEqual([bucketNameWarning("Legacy_Bucket")]);
    s3Location(withFiles, { bucket: "models", prefix: "p" }, (w) => warned.push(w));
    expect(warned).toHaveLength(1);
  });
});
