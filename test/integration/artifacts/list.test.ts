// Listing against the sandbox's S3 gateway: more keys than one ListObjectsV2 page holds, under one
// hex digit, so the paging is exercised; the uploader's blob listing and gc's prefix listing read
// the same pages.
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listBlobs } from "../../../src/artifacts/existence.ts";
import { listPrefix } from "../../../src/artifacts/gc-s3.ts";
import { createLimiter } from "../../../src/artifacts/limit.ts";
import { blobKey, manifestKey } from "../../../src/artifacts/manifest.ts";
import { DEFAULT_RETRY } from "../../../src/artifacts/retry.ts";
import { listKeys, type S3Env, s3FromEnv, uniquePrefix } from "./helpers.ts";

let s3: S3Env;
beforeAll(() => {
  s3 = s3FromEnv();
});
afterAll(() => s3.client.destroy());

describe("listing a prefix", () => {
  it("reads every page, with sizes and dates", async () => {
    const prefix = uniquePrefix("list");
    // 1,050 blobs whose names all start with "0": one digit's listing takes two pages.
    const blobs = Array.from({ length: 1050 }, (_, i) => `0${i.toString(16).padStart(63, "0")}`);
    const limiter = createLimiter(16);
    const started = Date.now();
    await Promise.all(
      blobs.map((sha, i) =>
        limiter.run(() =>
          s3.client.send(
            new PutObjectCommand({
              Bucket: s3.bucket,
              Key: blobKey(prefix, sha),
              Body: "x".repeat(i % 7),
            }),
          ),
        ),
      ),
    );
    await s3.client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: manifestKey(prefix, "f".repeat(64)),
        Body: "{}",
      }),
    );
    expect(await listKeys(s3, prefix)).toHaveLength(1051);

    const ctx = { client: s3.client, bucket: s3.bucket, limiter, retry: DEFAULT_RETRY };
    const sizes = await listBlobs({ ...ctx, prefix });
    expect(sizes.size).toBe(1050);
    expect(sizes).toEqual(new Map(blobs.map((sha, i) => [sha, i % 7])));

    const objects = await listPrefix(ctx, prefix);
    expect(objects).toHaveLength(1051);
    for (const o of objects) {
      // S3 dates have whole seconds.
      expect(o.lastModified?.getTime()).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
      expect(o.lastModified?.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });
});
