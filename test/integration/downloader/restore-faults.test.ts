// restore() in-process against the sandbox's real versitygw, reached through the suite's fault
// proxy (test/support/fault-proxy.ts): retries under resets, 500s and SlowDowns, clear failures,
// de-duplication, skipping present files. The proxy also counts the GETs each key receives and
// the body bytes it passes on for each, and can drop an answer's Content-Length.
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DownloadError } from "../../../controller/src/downloader/errors.ts";
import { restore } from "../../../controller/src/downloader/restore.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";
import {
  blobKey,
  type ManifestFile,
  manifestKey,
  serializeManifest,
} from "../../../src/artifacts/manifest.ts";
import { createS3Client } from "../../../src/artifacts/s3-client.ts";
import { type FaultProxy, startFaultProxy } from "../../support/fault-proxy.ts";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the sandbox global setup did not run`);
  return value;
}

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

let BUCKET: string;
let PREFIX: string;
let direct: S3Client;
let proxy: FaultProxy;
let viaProxy: S3Client;
/** GETs per object key that went through the proxy since the last reset. */
const gets = new Map<string, number>();
/** Body bytes per object key the proxy passed on to the client since the last reset. */
const sent = new Map<string, number>();
/** Which keys' GETs the proxy may break (the others always pass). */
let faultable: (key: string) => boolean = () => true;
/** Which keys' answers the proxy sends without a Content-Length (chunked). */
let unsized: (key: string) => boolean = () => false;
let root: string;
let logLines: string[];

function client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    forcePathStyle: true,
    region: env("AWS_REGION"),
    credentials: {
      accessKeyId: env("AWS_ACCESS_KEY_ID"),
      secretAccessKey: env("AWS_SECRET_ACCESS_KEY"),
    },
  });
}

function keyOf(url: string): string {
  return decodeURIComponent(new URL(url, "http://x").pathname).replace(`/${BUCKET}/`, "");
}

beforeAll(async () => {
  BUCKET = env("CORTEX_DEPLOY_BUCKET");
  direct = client(env("AWS_ENDPOINT_URL"));
  proxy = await startFaultProxy({
    target: env("AWS_ENDPOINT_URL"),
    seed: 7,
    rates: {},
    stallMs: 200,
    eligible: ({ method, url }) => {
      if (method !== "GET") return false;
      const key = keyOf(url);
      gets.set(key, (gets.get(key) ?? 0) + 1);
      return faultable(key);
    },
    responseHeaders: ({ method, url }, headers) => {
      if (method === "GET" && unsized(keyOf(url))) delete headers["content-length"];
      return headers;
    },
    onBody: ({ method, url }, bytes) => {
      if (method !== "GET") return;
      const key = keyOf(url);
      sent.set(key, (sent.get(key) ?? 0) + bytes);
    },
  });
  // The client the downloader makes (SDK retries off: it retries whole downloads itself).
  viaProxy = createS3Client({ endpoint: proxy.endpoint, maxSockets: 8 });
});

afterAll(async () => {
  direct.destroy();
  viaProxy.destroy();
  await proxy.close();
});

beforeEach(async () => {
  PREFIX = `restore-test/${randomBytes(4).toString("hex")}`;
  root = await mkdtemp(path.join(tmpdir(), "cortex-restore-"));
  logLines = [];
  gets.clear();
  sent.clear();
  faultable = () => true;
  unsized = () => false;
  proxy.setRates({});
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(key: string, body: Buffer | string): Promise<void> {
  await direct.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

async function remove(key: string): Promise<void> {
  await direct.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
}

/** Puts blobs and a manifest for `files` into versitygw; returns the manifest's hash. */
async function publish(
  files: Array<{ path: string; mount?: string; body: Buffer; mode?: number }>,
): Promise<{ hex: string; entries: ManifestFile[] }> {
  const entries = files.map((f) => ({
    path: f.path,
    mount: f.mount ?? "/mnt/model",
    sha256: sha(f.body),
    size: f.body.length,
    mode: f.mode ?? 0o644,
  }));
  for (const f of files) await put(blobKey(PREFIX, sha(f.body)), f.body);
  const text = serializeManifest(entries);
  const hex = sha(text);
  await put(manifestKey(PREFIX, hex), text);
  return { hex, entries };
}

function run(hex: string, attempts = 4, client: S3Client = viaProxy) {
  return restore({
    client,
    bucket: BUCKET,
    prefix: PREFIX,
    manifestSha256: hex,
    root,
    concurrency: 4,
    attempts,
    progressIntervalMs: 60_000,
    retryBaseMs: 1,
    log: createLogger("downloader", { write: (l) => logLines.push(l) }),
  });
}

async function listAll(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("restore through a faulty network to versitygw", () => {
  it("retries resets, 500s and SlowDowns, then writes the right bytes", async () => {
    const files = Array.from({ length: 12 }, (_, i) => ({
      path: `w/${i}.bin`,
      body: randomBytes(100_000 + i),
    }));
    const { hex } = await publish(files);
    // 30% of GETs fail; with 8 attempts a file fails for good with odds of 0.3^8 (about 1 in
    // 15,000), so a red run means the retry logic broke, not bad luck.
    proxy.setRates({ reset: 0.1, internalError: 0.1, slowDown: 0.1 });
    const summary = await run(hex, 8);
    expect(summary.downloaded).toBe(files.length);
    for (const f of files) {
      expect((await readFile(path.join(root, "mnt/model", f.path))).equals(f.body)).toBe(true);
    }
    const faults = proxy.counts.reset + proxy.counts.internalError + proxy.counts.slowDown;
    expect(faults).toBeGreaterThan(0);
    expect(logLines.some((l) => l.includes("retrying"))).toBe(true);
    // No temp file left behind by the failed attempts.
    expect(await listAll(root)).toEqual(files.map((f) => `mnt/model/${f.path}`).sort());
  });

  it("abandons a stalled connection by its socket timeout and retries", async () => {
    // This proxy never ends a stall itself: only the client's timeout can.
    const stalling = await startFaultProxy({
      target: env("AWS_ENDPOINT_URL"),
      seed: 11,
      rates: {},
      stallMs: 600_000,
      eligible: ({ method }) => method === "GET",
    });
    const client = createS3Client({
      endpoint: stalling.endpoint,
      maxSockets: 8,
      socketTimeoutMs: 300,
    });
    try {
      const files = Array.from({ length: 8 }, (_, i) => ({
        path: `s/${i}.bin`,
        body: randomBytes(50_000 + i),
      }));
      const { hex } = await publish(files);
      stalling.setRates({ stall: 0.3 });
      const summary = await run(hex, 8, client);
      expect(summary.downloaded).toBe(files.length);
      for (const f of files)
        expect((await readFile(path.join(root, "mnt/model", f.path))).equals(f.body)).toBe(true);
      expect(stalling.counts.stall).toBeGreaterThan(0);
      expect(logLines.some((l) => l.includes("retrying") && l.includes("timed out"))).toBe(true);
    } finally {
      client.destroy();
      await stalling.close();
    }
  });

  it("gives up after the last attempt with a message naming the file and the blob", async () => {
    const body = Buffer.from("x".repeat(1000));
    const { hex } = await publish([{ path: "a.txt", body }]);
    const key = blobKey(PREFIX, sha(body));
    // The manifest passes; every GET of the blob fails.
    faultable = (k) => k === key;
    proxy.setRates({ internalError: 1 });
    const err = await run(hex).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toContain(path.join(root, "mnt/model/a.txt"));
    expect((err as Error).message).toContain(`s3://${BUCKET}/${key}`);
    expect((err as Error).message).toContain("after 4 attempts");
    expect(gets.get(key)).toBe(4);
    expect(await listAll(root)).toEqual([]);
  });

  it("fails at once on a missing blob, naming the file and the key", async () => {
    const body = Buffer.from("present");
    const gone = Buffer.from("gone");
    const { hex } = await publish([
      { path: "present.txt", body },
      { path: "sub/gone.txt", body: gone },
    ]);
    await remove(blobKey(PREFIX, sha(gone)));
    const err = (await run(hex).catch((e: unknown) => e)) as DownloadError;
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.kind).toBe("missing");
    expect(err.message).toBe(
      `blob missing for ${path.join(root, "mnt/model/sub/gone.txt")}: s3://${BUCKET}/${blobKey(PREFIX, sha(gone))} does not exist; ` +
        "run cortex-deploy upload or deploy again to upload it",
    );
    // Permanent: not retried.
    expect(gets.get(blobKey(PREFIX, sha(gone)))).toBe(1);
  });

  it("fails on a corrupted blob and leaves no file at its path", async () => {
    const good = Buffer.from("the real weights");
    const { hex } = await publish([{ path: "w.bin", body: good }]);
    const key = blobKey(PREFIX, sha(good));
    await put(key, Buffer.from("the fake weights")); // same size, other bytes
    const err = (await run(hex).catch((e: unknown) => e)) as DownloadError;
    expect(err.kind).toBe("corrupted");
    expect(err.message).toContain(path.join(root, "mnt/model/w.bin"));
    expect(err.message).toContain(key);
    expect(err.message).toContain(`has SHA-256 ${sha("the fake weights")}`);
    expect(await listAll(root)).toEqual([]);

    await put(key, Buffer.from("short"));
    const sizeErr = (await run(hex).catch((e: unknown) => e)) as DownloadError;
    expect(sizeErr.kind).toBe("corrupted");
    expect(sizeErr.message).toContain("is 5 bytes, the manifest says 16");
  });

  it("refuses a manifest whose bytes do not match its hash, or that does not exist", async () => {
    const { hex } = await publish([{ path: "a", body: Buffer.from("a") }]);
    await put(manifestKey(PREFIX, hex), serializeManifest([]));
    const err = (await run(hex).catch((e: unknown) => e)) as DownloadError;
    expect(err.kind).toBe("manifest");
    expect(err.message).toContain(`expected ${hex}`);

    const missing = (await run("0".repeat(64)).catch((e: unknown) => e)) as DownloadError;
    expect(missing.message).toBe(
      `artifact manifest s3://${BUCKET}/${manifestKey(PREFIX, "0".repeat(64))} does not exist`,
    );
  });

  it("says a missing bucket is missing, not the manifest", async () => {
    const err = (await restore({
      client: viaProxy,
      bucket: "no-such-bucket-here",
      prefix: PREFIX,
      manifestSha256: "0".repeat(64),
      root,
      concurrency: 4,
      attempts: 2,
      progressIntervalMs: 60_000,
      retryBaseMs: 1,
      log: createLogger("downloader", { write: () => {} }),
    }).catch((e: unknown) => e)) as DownloadError;
    expect(err.kind).toBe("bucket");
    expect(err.message).toContain("bucket no-such-bucket-here does not exist");
  });

  it("says a file that cannot be written is the disk's problem, not S3's", async () => {
    const { hex } = await publish([{ path: "w.bin", body: Buffer.from("weights") }]);
    // A file where the mount's folder must go: writing fails locally, the same on every try.
    await writeFile(path.join(root, "mnt"), "in the way");
    const err = (await run(hex).catch((e: unknown) => e)) as DownloadError;
    expect(err.kind).toBe("local");
    expect(err.message).toContain(`cannot write ${path.join(root, "mnt/model/w.bin")}`);
    expect(err.message).not.toContain("attempts");
    expect(logLines.join("")).not.toContain("retrying blob");
  });

  it("downloads shared content once, copies it, sets modes, and skips it all on a second run", async () => {
    const shared = randomBytes(50_000);
    const other = Buffer.from("#!/bin/sh\necho hi\n");
    const { hex } = await publish([
      { path: "a/copy1.bin", body: shared },
      { path: "copy2.bin", mount: "/mnt/other", body: shared },
      { path: "run.sh", body: other, mode: 0o755 },
      { path: "empty", body: Buffer.alloc(0), mode: 0o600 },
    ]);
    const first = await run(hex);
    expect(first).toMatchObject({ downloaded: 3, copied: 1, skipped: 0 });
    expect(gets.get(blobKey(PREFIX, sha(shared)))).toBe(1);
    expect((await readFile(path.join(root, "mnt/other/copy2.bin"))).equals(shared)).toBe(true);
    expect((await stat(path.join(root, "mnt/model/run.sh"))).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(root, "mnt/model/empty"))).mode & 0o777).toBe(0o600);

    // A wrong mode is fixed without downloading again.
    await chmod(path.join(root, "mnt/model/run.sh"), 0o644);
    gets.clear();
    const second = await run(hex);
    expect(second).toMatchObject({ downloaded: 0, copied: 0, skipped: 4, bytesDownloaded: 0 });
    expect([...gets.keys()]).toEqual([manifestKey(PREFIX, hex)]);
    expect((await stat(path.join(root, "mnt/model/run.sh"))).mode & 0o777).toBe(0o755);

    // One of two files with the same content lost: copied from the other, not downloaded.
    await rm(path.join(root, "mnt/other/copy2.bin"));
    gets.clear();
    const third = await run(hex);
    expect(third).toMatchObject({ downloaded: 0, copied: 1, bytesDownloaded: 0 });
    expect([...gets.keys()]).toEqual([manifestKey(PREFIX, hex)]);
    expect((await readFile(path.join(root, "mnt/other/copy2.bin"))).equals(shared)).toBe(true);
  });

  it("removes partial files a killed earlier run left behind", async () => {
    const body = Buffer.from("weights");
    const { hex } = await publish([{ path: "w.bin", body }]);
    await mkdir(path.join(root, "mnt/model"), { recursive: true });
    // An older version's temp name, then this version's.
    await writeFile(path.join(root, "mnt/model/.w.bin.partial-0badf00d"), "half");
    await writeFile(path.join(root, "mnt/model/.cdpartial-0123456789abcdef"), "half");
    await writeFile(path.join(root, "mnt/model/.keep-me"), "not ours");
    await run(hex);
    expect(await listAll(root)).toEqual(["mnt/model/.keep-me", "mnt/model/w.bin"]);
    expect(logLines.some((l) => l.includes("removed 2 partial files"))).toBe(true);
  });

  it("restores names near the file system's 255-byte limit, downloaded and copied", async () => {
    const body = Buffer.from("weights");
    const long = "b".repeat(250);
    const cjk = "模".repeat(80); // 240 bytes in UTF-8
    const { hex } = await publish([
      { path: `dir/${long}`, body },
      { path: cjk, mount: "/mnt/other", body },
    ]);
    const got = await run(hex);
    expect(got).toMatchObject({ downloaded: 1, copied: 1 });
    expect(await listAll(root)).toEqual([`mnt/model/dir/${long}`, `mnt/other/${cjk}`].sort());
    expect(await readFile(path.join(root, "mnt/model/dir", long), "utf8")).toBe("weights");
    expect(await readFile(path.join(root, "mnt/other", cjk), "utf8")).toBe("weights");
  });

  it("replaces a present file whose content differs", async () => {
    const body = Buffer.from("version two");
    const { hex } = await publish([{ path: "v.txt", body }]);
    await run(hex);
    await writeFile(path.join(root, "mnt/model/v.txt"), "version one"); // same size, other bytes
    const again = await run(hex);
    expect(again).toMatchObject({ downloaded: 1, skipped: 0 });
    expect(await readFile(path.join(root, "mnt/model/v.txt"), "utf8")).toBe("version two");
  });
});

describe("objects larger than the downloader may read", () => {
  // Far more than the limits below and than what the sockets between proxy and client buffer
  // (a few MiB each way on loopback), so "stopped early" cannot be a fluke of buffering.
  const BIG = 48 * 1024 * 1024;
  const BOUND = 16 * 1024 * 1024;

  /** Lets the proxy notice the client hung up before its count is read. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it("refuses an object at the manifest key past the cap, having read little of it", async () => {
    const hex = sha("the manifest the deploy wrote");
    const key = manifestKey(PREFIX, hex);
    await put(key, Buffer.alloc(BIG, 0x20));
    // Also without a Content-Length: the cap must hold while reading, not only up front.
    for (const withLength of [true, false]) {
      unsized = () => !withLength;
      sent.clear();
      gets.clear();
      const err = (await restore({
        client: viaProxy,
        bucket: BUCKET,
        prefix: PREFIX,
        manifestSha256: hex,
        root,
        concurrency: 4,
        attempts: 4,
        progressIntervalMs: 60_000,
        retryBaseMs: 1,
        manifestMaxBytes: 1024 * 1024,
        log: createLogger("downloader", { write: (l) => logLines.push(l) }),
      }).catch((e: unknown) => e)) as DownloadError;
      expect(err).toBeInstanceOf(DownloadError);
      expect(err.kind).toBe("manifest");
      expect(err.message).toContain(`artifact manifest s3://${BUCKET}/${key} is larger than the`);
      expect(err.message).toContain(
        withLength ? `(S3 says ${BIG} bytes)` : "(reading stopped after",
      );
      // Permanent: not retried, and the rest of the object was never read.
      expect(gets.get(key)).toBe(1);
      await settle();
      expect(sent.get(key) ?? 0).toBeLessThan(BOUND);
    }
    expect(await listAll(root)).toEqual([]);
  });

  it("cuts off a blob sent without a Content-Length once it is longer than the manifest says", async () => {
    const real = randomBytes(100_000);
    const { hex } = await publish([{ path: "w.bin", body: real }]);
    const key = blobKey(PREFIX, sha(real));
    // Someone with write access replaces the blob with a huge one, and its answer carries no
    // length, so nothing up front tells the downloader it is too large.
    await put(key, Buffer.alloc(BIG, 0x61));
    unsized = (k) => k === key;
    const err = (await run(hex).catch((e: unknown) => e)) as DownloadError;
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.kind).toBe("corrupted");
    expect(err.message).toContain(
      `blob corrupted for ${path.join(root, "mnt/model/w.bin")}: s3://${BUCKET}/${key} is larger than the 100000 bytes the manifest says`,
    );
    // Permanent: not retried; no partial file left; the rest of the body was never read.
    expect(gets.get(key)).toBe(1);
    expect(await listAll(root)).toEqual([]);
    await settle();
    expect(sent.get(key) ?? 0).toBeLessThan(BOUND);
  });
});
