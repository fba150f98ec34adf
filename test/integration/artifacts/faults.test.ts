// The uploader against a network that misbehaves: test/support/fault-proxy.ts sits between it and
// versitygw, resetting connections, stalling and answering 500 / 503 SlowDown on a seeded share of
// requests. What lands in S3 is then checked straight from versitygw.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBytes } from "../../../src/artifacts/progress.ts";
import { S3UploadError, uploadArtifacts } from "../../../src/commands/upload.ts";
import { checkManifest } from "../../../src/kube/manifest-check.ts";
import { type FaultProxy, startFaultProxy } from "../../support/fault-proxy.ts";
import {
  config,
  listKeys,
  makeRepo,
  removeDir,
  type S3Env,
  s3FromEnv,
  uniquePrefix,
  verifyPrefix,
  writeBigFile,
  writeFiles,
} from "./helpers.ts";

let s3: S3Env;
let repo: string;
const smallFiles = 60;

beforeAll(async () => {
  s3 = s3FromEnv();
  repo = await makeRepo();
  const tree: Record<string, Buffer> = {};
  for (let i = 0; i < smallFiles; i++) tree[`models/small/f${i}.bin`] = randomBytes(1000 + i * 500);
  await writeFiles(repo, tree);
  await writeBigFile(join(repo, "models/big.bin"), 40 * 1024 * 1024);
});

afterAll(async () => {
  s3.client.destroy();
  await removeDir(repo);
});

const project = () =>
  config(repo, {
    small: [{ path: "models/small", mount: "/m" }],
    big: [{ path: "models/big.bin", mount: "/m" }],
  });

// Short timeouts and backoffs so the test spends its time on faults, not on waiting.
const advanced = {
  // Small parts, so the 40 MiB file goes multipart and parts meet faults too.
  parts: { partSize: 8 * 1024 * 1024, multipartThreshold: 16 * 1024 * 1024 },
  socketTimeoutMs: 1000,
  connectionTimeoutMs: 1000,
  retry: { maxAttempts: 10, baseDelayMs: 20, throttleBaseDelayMs: 50, maxDelayMs: 400 },
};

describe("uploads through a faulty network", () => {
  let proxy: FaultProxy;

  afterAll(async () => {
    await proxy?.close();
  });

  it("completes despite resets, stalls, 500s and SlowDowns, with every object verified", async () => {
    proxy = await startFaultProxy({
      target: s3.endpoint,
      seed: 2024,
      rates: { reset: 0.08, stall: 0.04, internalError: 0.08, slowDown: 0.08 },
      stallMs: 3000,
    });
    const prefix = uniquePrefix("faults");
    const retries: string[] = [];
    const lines: string[] = [];
    const result = await uploadArtifacts({
      config: project(),
      bucket: s3.bucket,
      prefix,
      endpoint: proxy.endpoint,
      concurrency: 8,
      log: (line) => lines.push(line),
      advanced: {
        ...advanced,
        progressIntervalMs: 0,
        onRetry: (what) => retries.push(what),
      },
    });
    // Every kind of fault really happened, and was retried through.
    expect(proxy.counts.reset).toBeGreaterThan(0);
    expect(proxy.counts.stall).toBeGreaterThan(0);
    expect(proxy.counts.internalError).toBeGreaterThan(0);
    expect(proxy.counts.slowDown).toBeGreaterThan(0);
    expect(retries.length).toBeGreaterThan(0);

    expect(result.summary.uploadedFiles).toBe(smallFiles + 1);
    // Bytes of failed attempts were taken back from the progress count, not counted twice.
    const lastProgress = lines.filter((l) => l.startsWith("artifacts: hashed")).at(-1);
    expect(lastProgress).toContain(
      `sent ${formatBytes(result.summary.uploadedBytes)}, ${smallFiles + 1} files done`,
    );
    const stored = await verifyPrefix(s3, prefix);
    expect(stored.blobs).toHaveLength(smallFiles + 1);
    expect([...stored.manifests.keys()].sort()).toEqual(result.apis.map((a) => a.manifest).sort());
  });
});

describe("the manifest check of rollback and plan", () => {
  it("rides out failed HEADs (503 SlowDown, resets), and tells a missing manifest from no answer", async () => {
    const prefix = uniquePrefix("check");
    const [uploaded] = (
      await uploadArtifacts({ config: project(), bucket: s3.bucket, prefix, endpoint: s3.endpoint })
    ).apis;
    if (!uploaded) throw new Error("nothing uploaded");
    // The first two HEADs fail (each a SlowDown or a reset), the rest pass.
    let heads = 0;
    const proxy = await startFaultProxy({
      target: s3.endpoint,
      seed: 1,
      rates: { slowDown: 0.5, reset: 0.5 },
      eligible: (req) => req.method === "HEAD" && ++heads <= 2,
    });
    try {
      const ref = { bucket: s3.bucket, prefix, manifest: uploaded.manifest, mounts: ["/m"] };
      expect(await checkManifest(ref, { endpoint: proxy.endpoint })).toEqual({ ok: true });
      expect(proxy.counts.slowDown + proxy.counts.reset).toBe(2);
      const gone = await checkManifest(
        { ...ref, manifest: "0".repeat(64) },
        { endpoint: proxy.endpoint },
      );
      expect(gone).toMatchObject({ ok: false, missing: true });
      proxy.setRates({ internalError: 1 });
      heads = -100; // every HEAD from now on fails
      const down = await checkManifest(ref, { endpoint: proxy.endpoint });
      // S3 failing (500 after the retries) is no answer, not a refusal: a plan shows it and passes.
      expect(down).toMatchObject({ ok: false, missing: false, refused: false });
      if (!down.ok) expect(down.message).toMatch(/^S3 HEAD s3:\/\/\S+ failed: .*\(HTTP 500\)/);
    } finally {
      await proxy.close();
    }
  });
});

describe("uploads when the failure does not go away", () => {
  it("fails with a clear error naming the key, and writes no manifest", async () => {
    // Every blob PUT (whole or part) fails; listings, HEADs and the multipart start go through.
    const proxy = await startFaultProxy({
      target: s3.endpoint,
      seed: 7,
      rates: { internalError: 1 },
      eligible: (req) => req.method === "PUT" && req.url.includes("/blobs/"),
    });
    const prefix = uniquePrefix("permanent");
    try {
      const err = await uploadArtifacts({
        config: project(),
        bucket: s3.bucket,
        prefix,
        endpoint: proxy.endpoint,
        concurrency: 8,
        advanced: { ...advanced, retry: { ...advanced.retry, maxAttempts: 3 } },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(S3UploadError);
      const message = (err as Error).message;
      expect(message).toMatch(
        new RegExp(
          `^S3 (PUT|UploadPart \\d+) s3://${s3.bucket}/${prefix}/blobs/sha256/[0-9a-f]{64} failed: InternalError: injected InternalError \\(HTTP 500\\)$`,
        ),
      );
      expect(proxy.counts.internalError).toBeGreaterThanOrEqual(3);
      const keys = await listKeys(s3, prefix);
      expect(keys.filter((k) => k.includes("/manifests/"))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it("names the bucket when it does not exist, without retrying", async () => {
    const prefix = uniquePrefix("nobucket");
    const retries: string[] = [];
    const err = await uploadArtifacts({
      config: project(),
      bucket: "no-such-bucket-here",
      prefix,
      endpoint: s3.endpoint,
      advanced: { ...advanced, onRetry: (what) => retries.push(what) },
    }).catch((e: unknown) => e);
    expect(retries).toEqual([]);
    expect(err).toBeInstanceOf(S3UploadError);
    expect((err as S3UploadError).code).toBe("NoSuchBucket");
    expect((err as Error).message).toContain("s3://no-such-bucket-here/");
    expect((err as Error).message).toContain("the bucket does not exist");
  });
});
