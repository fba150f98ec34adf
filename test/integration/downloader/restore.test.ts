// The downloader as a real process against the sandbox's versitygw: a mixed set of files restored
// byte for byte, a second run that downloads nothing, and clear failures for a corrupted and a
// missing blob. Objects are put here with @aws-sdk/client-s3, not with the uploader.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blobKey,
  type ManifestFile,
  manifestKey,
  serializeManifest,
} from "../../../src/artifacts/manifest.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the sandbox global setup did not run`);
  return value;
}

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

let s3: S3Client;
let bucket: string;
let root: string;
// A fresh prefix per run, so a reused sandbox never sees an earlier run's objects.
const prefix = `downloader-test/${randomBytes(4).toString("hex")}`;

interface Spec {
  path: string;
  mount: string;
  body: Buffer;
  mode: number;
}

async function put(key: string, body: Buffer | string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

/** Uploads each distinct blob (or `override` bytes in its place) and the manifest; returns its hash. */
async function publish(
  files: Spec[],
  options: { override?: Map<string, Buffer>; skip?: Set<string> } = {},
): Promise<string> {
  const entries: ManifestFile[] = files.map((f) => ({
    path: f.path,
    mount: f.mount,
    sha256: sha256(f.body),
    size: f.body.length,
    mode: f.mode,
  }));
  const blobs = new Map(files.map((f) => [sha256(f.body), f.body]));
  for (const [hex, body] of blobs) {
    if (options.skip?.has(hex)) continue;
    await put(blobKey(prefix, hex), options.override?.get(hex) ?? body);
  }
  const text = serializeManifest(entries);
  const hex = sha256(text);
  await put(manifestKey(prefix, hex), text);
  return hex;
}

interface Run {
  code: number | null;
  log: string;
}

function download(manifest: string, into: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(repoRoot, "controller/src/main.ts"),
        "downloader",
        "--bucket",
        bucket,
        "--prefix",
        prefix,
        "--manifest",
        manifest,
        "--root",
        into,
        ...args,
      ],
      // The S3 endpoint and credentials come from the standard AWS variables.
      { cwd: repoRoot, stdio: ["ignore", "inherit", "pipe"], env: { ...process.env } },
    );
    let log = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (c: string) => {
      log += c;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, log }));
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

beforeAll(async () => {
  bucket = env("CORTEX_DEPLOY_BUCKET");
  s3 = new S3Client({
    endpoint: env("AWS_ENDPOINT_URL"),
    region: env("AWS_REGION"),
    forcePathStyle: true,
    credentials: {
      accessKeyId: env("AWS_ACCESS_KEY_ID"),
      secretAccessKey: env("AWS_SECRET_ACCESS_KEY"),
    },
  });
  root = await mkdtemp(path.join(tmpdir(), "cortex-downloader-it-"));
});

afterAll(async () => {
  s3?.destroy();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("downloader against versitygw", () => {
  const shared = randomBytes(256 * 1024);
  const mixed: Spec[] = [
    {
      path: "model/weights.bin",
      mount: "/mnt/model",
      body: randomBytes(6 * 1024 * 1024),
      mode: 0o644,
    },
    {
      path: "model/config.json",
      mount: "/mnt/model",
      body: Buffer.from('{"layers":12}\n'),
      mode: 0o644,
    },
    { path: "empty.txt", mount: "/mnt/model", body: Buffer.alloc(0), mode: 0o644 },
    {
      path: "bin/predict.sh",
      mount: "/mnt/model",
      body: Buffer.from("#!/bin/sh\necho ok\n"),
      mode: 0o755,
    },
    { path: "secret.key", mount: "/mnt/model", body: randomBytes(32), mode: 0o600 },
    {
      path: "deep/a/b/c/labels with space é.txt",
      mount: "/mnt/model",
      body: Buffer.from("cat\ndog\n"),
      mode: 0o644,
    },
    { path: "shared.bin", mount: "/mnt/model", body: shared, mode: 0o644 },
    { path: "vocab/shared-copy.bin", mount: "/opt/tokenizer", body: shared, mode: 0o444 },
    ...Array.from({ length: 40 }, (_, i) => ({
      path: `shards/part-${String(i).padStart(3, "0")}`,
      mount: "/mnt/model",
      body: randomBytes(1 + i * 997),
      mode: 0o644,
    })),
  ];
  const dest = (f: Spec) => path.join(root, "restore", f.mount, f.path);

  it("restores a mixed set byte for byte, with modes", async () => {
    const manifest = await publish(mixed);
    const run = await download(manifest, path.join(root, "restore"));
    expect(run.log).not.toContain('"level":"error"');
    expect(run.code).toBe(0);
    // JSON lines only: a log collector parses every line (no runtime warnings in plain text).
    for (const line of run.log.split("\n").filter(Boolean))
      expect(() => JSON.parse(line), line).not.toThrow();
    for (const f of mixed) {
      const bytes = await readFile(dest(f));
      expect(bytes.length, f.path).toBe(f.body.length);
      expect(bytes.equals(f.body), f.path).toBe(true);
      expect((await stat(dest(f))).mode & 0o7777, f.path).toBe(f.mode);
    }
    // Nothing else: no temp files left.
    expect(await filesUnder(path.join(root, "restore"))).toEqual(
      mixed.map((f) => path.relative(path.join(root, "restore"), dest(f))).sort(),
    );
    expect(run.log).toContain(`"msg":"downloaded ${mixed.length - 1} files`);
    expect(run.log).toContain("copied 1,");
  });

  it("skips every file on a second run and leaves them untouched", async () => {
    const manifest = await publish(mixed);
    const before = await Promise.all(mixed.map((f) => stat(dest(f))));
    const run = await download(manifest, path.join(root, "restore"));
    expect(run.code).toBe(0);
    expect(run.log).toContain(
      `downloaded 0 files (0.0 MiB), copied 0, skipped ${mixed.length} already present`,
    );
    const after = await Promise.all(mixed.map((f) => stat(dest(f))));
    after.forEach((s, i) => {
      expect(s.ino).toBe(before[i]?.ino);
      expect(s.mtimeMs).toBe(before[i]?.mtimeMs);
    });
  });

  it("fails clearly on a corrupted blob, naming the file and the key, leaving no file", async () => {
    const good = randomBytes(100_000);
    const files: Spec[] = [
      { path: "fine.txt", mount: "/mnt/model", body: Buffer.from("fine"), mode: 0o644 },
      { path: "model/bad.bin", mount: "/mnt/model", body: good, mode: 0o644 },
    ];
    const corrupted = Buffer.from(good);
    corrupted[500] = (corrupted[500] ?? 0) ^ 0xff;
    const manifest = await publish(files, { override: new Map([[sha256(good), corrupted]]) });
    const into = path.join(root, "corrupted");
    const run = await download(manifest, into);
    expect(run.code).toBe(1);
    const key = blobKey(prefix, sha256(good));
    const badPath = path.join(into, "mnt/model/model/bad.bin");
    expect(run.log).toContain(
      `blob corrupted for ${badPath}: s3://${bucket}/${key} has SHA-256 ${sha256(corrupted)}, the manifest says ${sha256(good)}`,
    );
    expect(await filesUnder(into)).not.toContain("mnt/model/model/bad.bin");
    expect((await filesUnder(into)).filter((f) => f.includes("partial"))).toEqual([]);
  });

  it("fails clearly on a missing blob, naming the file and the key", async () => {
    const absent = randomBytes(2048);
    const files: Spec[] = [
      { path: "here.txt", mount: "/mnt/model", body: Buffer.from("here"), mode: 0o644 },
      { path: "gone/absent.bin", mount: "/mnt/model", body: absent, mode: 0o644 },
    ];
    const manifest = await publish(files, { skip: new Set([sha256(absent)]) });
    const into = path.join(root, "missing");
    const why = path.join(root, "missing-termination-log");
    const run = await download(manifest, into, "--termination-log", why);
    expect(run.code).toBe(1);
    const key = blobKey(prefix, sha256(absent));
    const remedy = "run cortex-deploy upload or deploy again to upload it";
    const dest = path.join(into, "mnt/model/gone/absent.bin");
    expect(run.log).toContain(
      `blob missing for ${dest}: s3://${bucket}/${key} does not exist; ${remedy}`,
    );
    // The pod's status gets the same sentence, its digest cut short.
    const shortKey = key.replace(/[0-9a-f]{52}$/, "…");
    expect(await readFile(why, "utf8")).toBe(
      `blob missing for ${dest}: s3://${bucket}/${shortKey} does not exist; ${remedy}`,
    );
    expect(await filesUnder(into)).not.toContain("mnt/model/gone/absent.bin");
  });

  it("fails clearly when the manifest does not exist", async () => {
    const hex = sha256("no such manifest");
    const run = await download(hex, path.join(root, "nomanifest"));
    expect(run.code).toBe(1);
    expect(run.log).toContain(
      `artifact manifest s3://${bucket}/${manifestKey(prefix, hex)} does not exist`,
    );
  });
});
