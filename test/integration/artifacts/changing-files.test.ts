// Files that change while they are uploaded, against the sandbox's versitygw: the upload must fail
// naming the file, and never leave a blob whose bytes are not the SHA-256 it is named by, nor a
// manifest naming a file as it was half written. Each change is made at a fixed point of the
// upload (after listing, or when a request reaches the fault proxy), never by racing a writer.
import { createHash } from "node:crypto";
import { appendFileSync, closeSync, openSync, truncateSync, unlinkSync, writeSync } from "node:fs";
import { appendFile, readFile, utimes } from "node:fs/promises";
import { join } from "node:path";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileChangedError } from "../../../src/artifacts/errors.ts";
import { blobKey } from "../../../src/artifacts/manifest.ts";
import { runPipeline } from "../../../src/artifacts/pipeline.ts";
import { Progress } from "../../../src/artifacts/progress.ts";
import { resolveArtifacts } from "../../../src/artifacts/resolve.ts";
import { createS3Client } from "../../../src/artifacts/s3-client.ts";
import type { ResolvedApi } from "../../../src/artifacts/types.ts";
import { S3UploadError, uploadArtifacts } from "../../../src/commands/upload.ts";
import { type FaultProxy, startFaultProxy } from "../../support/fault-proxy.ts";
import {
  config,
  listKeys,
  makeRepo,
  removeDir,
  type S3Env,
  s3FromEnv,
  storedChecksum,
  uniquePrefix,
  verifyPrefix,
  writeBigFile,
} from "./helpers.ts";

const MIB = 1024 * 1024;
// 8 MiB parts from 16 MiB on, so a 24 MiB file goes multipart in 3 parts.
const parts = { partSize: 8 * MIB, multipartThreshold: 16 * MIB };
const retry = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50, throttleBaseDelayMs: 10 };

let s3: S3Env;
beforeAll(() => {
  s3 = s3FromEnv();
});
afterAll(() => {
  s3.client.destroy();
});

/**
 * Overwrites `length` bytes at `offset` in place, as `dd conv=notrunc` does; synchronously, so it
 * is done before the request that set it off goes on.
 */
function overwrite(path: string, offset: number, length: number): void {
  const fd = openSync(path, "r+");
  try {
    writeSync(fd, Buffer.alloc(length, 0xab), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

/** The pipeline alone, for files resolved (listed) earlier by the test. */
async function upload(apis: ResolvedApi[], prefix: string, endpoint: string) {
  const client = createS3Client({ endpoint, maxSockets: 16 });
  try {
    return await runPipeline({
      client,
      bucket: s3.bucket,
      prefix,
      apis,
      progress: new Progress(),
      concurrency: 4,
      parts,
      retry,
      existence: "head",
    });
  } finally {
    client.destroy();
  }
}

describe("a multipart file that grows after it was listed and changes before it is sent", () => {
  let dir: string;
  let proxy: FaultProxy | undefined;
  afterAll(async () => {
    await proxy?.close();
    await removeDir(dir);
  });

  it("fails naming the file, and stores no blob and no manifest", async () => {
    dir = await makeRepo();
    const file = join(dir, "w.bin");
    await writeBigFile(file, 24 * MIB);
    const prefix = uniquePrefix("grown");
    const apis = await resolveArtifacts(config(dir, { one: [{ path: "w.bin", mount: "/m" }] }));
    // Grown between listing and hashing, as a file still being written does...
    await appendFile(file, Buffer.alloc(MIB, 1));
    // ...and rewritten in the middle between hashing and sending (the blob's existence HEAD).
    let rewrites = 0;
    proxy = await startFaultProxy({
      target: s3.endpoint,
      seed: 1,
      rates: {},
      eligible: ({ method, url }) => {
        if (method === "HEAD" && url.includes("/blobs/") && rewrites++ === 0)
          overwrite(file, 12 * MIB, 64 * 1024);
        return false;
      },
    });

    const err = await upload(apis, prefix, proxy.endpoint).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(FileChangedError);
    expect((err as Error).message).toBe(
      `${file} changed while it was being uploaded (it had ${24 * MIB} bytes when listed and ` +
        `${25 * MIB} when hashed); nothing was written for it. Upload again once it no longer changes.`,
    );
    // Every object under the prefix hashes to its name, and there are none.
    expect(await listKeys(s3, prefix)).toEqual([]);
  });
});

/**
 * Completes a multipart upload of `bytes` at `key`, with SHA-256 checksums, as another writer (or
 * an older version of the uploader, sending a file that changed under it) would.
 */
async function multipartPut(client: S3Client, bucket: string, key: string, bytes: Buffer) {
  const created = await client.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm: "SHA256" }),
  );
  const done = [];
  for (let start = 0, n = 1; start < bytes.length; start += parts.partSize, n++) {
    const body = bytes.subarray(start, start + parts.partSize);
    const out = await client.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: key,
        UploadId: created.UploadId,
        PartNumber: n,
        Body: body,
        ChecksumSHA256: createHash("sha256").update(body).digest("base64"),
      }),
    );
    done.push({ PartNumber: n, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256 });
  }
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId: created.UploadId,
      MultipartUpload: { Parts: done },
    }),
  );
}

describe("a multipart blob whose bytes are not its name's", () => {
  it("is replaced, not skipped, when its composite checksum is not the file's", async () => {
    const dir = await makeRepo();
    const prefix = uniquePrefix("wrong-multipart");
    try {
      const file = join(dir, "w.bin");
      await writeBigFile(file, 24 * MIB);
      const good = await readFile(file);
      const sha256 = createHash("sha256").update(good).digest("hex");
      // What an older version left: the blob's key, its size and part size, other bytes.
      const wrong = Buffer.from(good);
      wrong.fill(0xab, 12 * MIB, 12 * MIB + 64 * 1024);
      await multipartPut(s3.client, s3.bucket, blobKey(prefix, sha256), wrong);
      await expect(verifyPrefix(s3, prefix)).rejects.toThrow(/holds bytes hashing to/);

      const project = config(dir, { one: [{ path: "w.bin", mount: "/m" }] });
      const target = {
        config: project,
        bucket: s3.bucket,
        prefix,
        endpoint: s3.endpoint,
        concurrency: 4,
        advanced: { parts },
      };
      const first = await uploadArtifacts(target);
      expect(first.summary.uploadedFiles).toBe(1);
      expect(first.summary.skippedFiles).toBe(0);
      const stored = await verifyPrefix(s3, prefix);
      expect(stored.blobs).toEqual([sha256]);
      expect(await storedChecksum(s3, blobKey(prefix, sha256))).toMatch(/-3$/);

      // Our own multipart blob is recognised as such: skipped on the next run.
      const second = await uploadArtifacts(target);
      expect(second.summary.uploadedFiles).toBe(0);
      expect(second.summary.skippedFiles).toBe(1);
    } finally {
      await removeDir(dir);
    }
  });
});

describe("a file that changes after it was hashed, while its blob is sent", () => {
  // The change is made when the blob's existence HEAD reaches the proxy: hashed, not yet sent.
  // Each file's time is set an hour back first, so a write always gives it a new one.
  const cases = [
    { name: "grows (sent from the bytes hashed)", size: 200_000, change: "append" },
    { name: "grows (streamed from disk)", size: 3 * MIB, change: "append" },
    {
      name: "is rewritten in place (sent from the bytes hashed)",
      size: 200_000,
      change: "rewrite",
    },
  ] as const;
  for (const c of cases)
    it(`fails naming the file, and writes no manifest, when it ${c.name}`, async () => {
      const dir = await makeRepo();
      const prefix = uniquePrefix("written");
      const file = join(dir, "w.bin");
      await writeBigFile(file, c.size);
      const anHourAgo = new Date(Date.now() - 3600_000);
      await utimes(file, anHourAgo, anHourAgo);
      let changed = false;
      const proxy = await startFaultProxy({
        target: s3.endpoint,
        seed: 1,
        rates: {},
        eligible: ({ method, url }) => {
          if (method === "HEAD" && url.includes("/blobs/") && !changed) {
            changed = true;
            if (c.change === "append") appendFileSync(file, Buffer.alloc(MIB, 1));
            else overwrite(file, 1000, 64 * 1024);
          }
          return false;
        },
      });
      try {
        const err = await uploadArtifacts({
          config: config(dir, { one: [{ path: "w.bin", mount: "/m" }] }),
          bucket: s3.bucket,
          prefix,
          endpoint: proxy.endpoint,
          concurrency: 4,
          advanced: { parts, retry },
        }).catch((e: unknown) => e);
        expect(changed).toBe(true);
        expect(err).toBeInstanceOf(FileChangedError);
        const why =
          c.change === "append"
            ? `it had ${c.size} bytes when hashed and has ${c.size + MIB} now`
            : "it was modified after it was hashed";
        expect((err as Error).message).toBe(
          `${file} changed while it was being uploaded (${why}); no manifest names it. ` +
            "Upload again once it no longer changes.",
        );
        // What was sent is the file as hashed, and no manifest names it.
        const stored = await verifyPrefix(s3, prefix);
        expect(stored.manifests.size).toBe(0);
      } finally {
        await proxy.close();
        await removeDir(dir);
      }
    });
});

describe("a file removed or shortened after it was hashed, before it is sent", () => {
  // Reported as the file's doing (which file, what happened, what to do), not as S3 failing.
  const cases = [
    { name: "removed", size: 3 * MIB, why: () => "it was removed" },
    {
      name: "shortened",
      size: 3 * MIB,
      why: () => `it ends at byte ${MIB}, and had at least ${3 * MIB} when hashed`,
    },
    {
      name: "shortened, in a multipart upload",
      size: 24 * MIB,
      // Whichever of the parts past the new end fails first.
      why: (message: string) =>
        /\(it ends at byte (\d+), and had at least (\d+) when hashed\)/
          .exec(message)?.[0]
          .slice(1, -1),
    },
  ] as const;
  for (const c of cases)
    it(`fails naming the file when it is ${c.name}`, async () => {
      const dir = await makeRepo();
      const prefix = uniquePrefix("vanished");
      const file = join(dir, "w.bin");
      await writeBigFile(file, c.size);
      let changed = false;
      const proxy = await startFaultProxy({
        target: s3.endpoint,
        seed: 1,
        rates: {},
        eligible: ({ method, url }) => {
          if (method === "HEAD" && url.includes("/blobs/") && !changed) {
            changed = true;
            if (c.name === "removed") unlinkSync(file);
            else truncateSync(file, MIB);
          }
          return false;
        },
      });
      try {
        const err = await uploadArtifacts({
          config: config(dir, { one: [{ path: "w.bin", mount: "/m" }] }),
          bucket: s3.bucket,
          prefix,
          endpoint: proxy.endpoint,
          concurrency: 4,
          advanced: { parts, retry },
        }).catch((e: unknown) => e);
        expect(changed).toBe(true);
        expect(err).toBeInstanceOf(FileChangedError);
        expect(err).not.toBeInstanceOf(S3UploadError);
        const message = (err as Error).message;
        const why = c.why(message);
        expect(why).toBeDefined();
        expect(message).toBe(
          `${file} changed while it was being uploaded (${why}); nothing was written for it. ` +
            "Upload again once it no longer changes.",
        );
        expect(await listKeys(s3, prefix)).toEqual([]);
        const open = await s3.client.send(
          new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: `${prefix}/` }),
        );
        expect(open.Uploads ?? []).toEqual([]);
      } finally {
        await proxy.close();
        await removeDir(dir);
      }
    });
});
