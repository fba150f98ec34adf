// Uploads against the sandbox's versitygw: what lands in S3 is checked byte for byte, straight
// from the gateway.
import { createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileChangedError } from "../../../src/artifacts/errors.ts";
import { blobKey, manifestKey } from "../../../src/artifacts/manifest.ts";
import {
  ArtifactConfigError,
  S3UploadError,
  uploadArtifacts,
} from "../../../src/commands/upload.ts";
import { startFaultProxy } from "../../support/fault-proxy.ts";
import {
  config,
  expectedChecksum,
  listKeys,
  makeRepo,
  removeDir,
  type S3Env,
  s3FromEnv,
  storedChecksum,
  uniquePrefix,
  verifyPrefix,
  writeBigFile,
  writeFiles,
} from "./helpers.ts";

let s3: S3Env;
let repo: string;
const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  s3 = s3FromEnv();
  repo = await makeRepo();
  await writeFiles(repo, {
    "models/iris/model.onnx": randomBytes(200_000),
    "models/iris/labels.txt": "setosa\nversicolor\nvirginica\n",
    "models/iris/empty": "",
    "models/iris/nested/deep/config.json": '{"a":1}',
    "models/shared/tokenizer.json": randomBytes(5000),
    "models/other/tokenizer.json": "", // filled below: same bytes as shared/tokenizer.json
    "weights/w1.bin": randomBytes(3 * 1024 * 1024),
    "weights/w2.bin": randomBytes(1024),
    "weights/notes.md": "not a weight",
  });
  await writeFile(
    join(repo, "models/other/tokenizer.json"),
    await readFile(join(repo, "models/shared/tokenizer.json")),
  );
  await writeBigFile(join(repo, "weights/big.bin"), 40 * 1024 * 1024);
});

afterAll(async () => {
  s3.client.destroy();
  await removeDir(repo);
});

const apis = () =>
  config(repo, {
    iris: [
      { path: "models/iris", mount: "/mnt/model" },
      { path: "models/shared/tokenizer.json", mount: "/mnt/tok" },
    ],
    weights: [
      { path: "weights/*.bin", mount: "/mnt/artifacts" },
      { path: "models/other/tokenizer.json", mount: "/mnt/tok" },
    ],
  });

const MIB = 1024 * 1024;
const target = (prefix: string) => ({
  bucket: s3.bucket,
  prefix,
  endpoint: s3.endpoint,
  concurrency: 8,
  // Small parts, so the 40 MiB file goes multipart (5 parts) in this small set.
  advanced: { parts: { partSize: 8 * MIB, multipartThreshold: 16 * MIB } },
});

describe("uploadArtifacts against versitygw", () => {
  const prefix = uniquePrefix("mixed");

  it("uploads a mixed set: every object's bytes and stored SHA-256 checksum match", async () => {
    const lines: string[] = [];
    const result = await uploadArtifacts({
      config: apis(),
      ...target(prefix),
      log: (l) => lines.push(l),
    });
    const distinct = 8; // 9 files, the two tokenizers identical
    expect(result.summary.uploadedFiles).toBe(distinct);
    expect(result.summary.skippedFiles).toBe(0);
    expect(result.apis.map((a) => [a.name, a.files])).toEqual([
      ["iris", 5],
      ["weights", 4],
    ]);
    expect(lines.at(-1)).toMatch(/^artifacts: uploaded 8 files/);

    const stored = await verifyPrefix(s3, prefix);
    expect(stored.blobs).toHaveLength(distinct);
    expect([...stored.manifests.keys()].sort()).toEqual(result.apis.map((a) => a.manifest).sort());
    const iris = stored.manifests.get(result.apis[0]?.manifest ?? "");
    expect(iris?.files.map((f) => `${f.mount}/${f.path}`)).toEqual([
      "/mnt/model/empty",
      "/mnt/model/labels.txt",
      "/mnt/model/model.onnx",
      "/mnt/model/nested/deep/config.json",
      "/mnt/tok/tokenizer.json",
    ]);
    for (const f of iris?.files ?? []) {
      const source =
        f.mount === "/mnt/tok" ? "models/shared/tokenizer.json" : `models/iris/${f.path}`;
      const bytes = await readFile(join(repo, source));
      expect(f.sha256).toBe(sha(bytes));
      expect(f.size).toBe(bytes.length);
    }
    // S3 verified and kept our SHA-256 for every blob, the multipart one as a composite.
    const bigSha = sha(await readFile(join(repo, "weights/big.bin")));
    expect(await storedChecksum(s3, blobKey(prefix, bigSha))).toBe(
      await expectedChecksum(join(repo, "weights/big.bin"), 8 * MIB),
    );
    expect(await storedChecksum(s3, blobKey(prefix, bigSha))).toMatch(/-5$/);
    for (const file of ["weights/w1.bin", "models/iris/model.onnx", "models/iris/empty"]) {
      const bytes = await readFile(join(repo, file));
      expect(await storedChecksum(s3, blobKey(prefix, sha(bytes)))).toBe(
        await expectedChecksum(join(repo, file), null),
      );
    }
  });

  it("sends no bytes on a second run, and names the same manifests", async () => {
    const before = await listKeys(s3, prefix);
    const first = (await verifyPrefix(s3, prefix)).manifests;
    const result = await uploadArtifacts({ config: apis(), ...target(prefix) });
    expect(result.summary.uploadedFiles).toBe(0);
    expect(result.summary.uploadedBytes).toBe(0);
    expect(result.summary.skippedFiles).toBe(8);
    expect(result.apis.map((a) => a.manifest).sort()).toEqual([...first.keys()].sort());
    expect(await listKeys(s3, prefix)).toEqual(before);
  });

  it("uploads exactly one blob when one file changes, and only its API's manifest changes", async () => {
    const previous = await uploadArtifacts({ config: apis(), ...target(prefix) });
    const changed = randomBytes(1024);
    await writeFile(join(repo, "weights/w2.bin"), changed);
    const result = await uploadArtifacts({ config: apis(), ...target(prefix) });
    expect(result.summary.uploadedFiles).toBe(1);
    expect(result.summary.uploadedBytes).toBe(changed.length);
    expect(result.apis[0]?.manifest).toBe(previous.apis[0]?.manifest);
    expect(result.apis[1]?.manifest).not.toBe(previous.apis[1]?.manifest);
    const stored = await verifyPrefix(s3, prefix);
    expect(stored.blobs).toContain(sha(changed));
    expect(stored.blobs).toHaveLength(9);
  });
});

describe("uploadArtifacts with larger and repeated files", () => {
  it("sends a 300 MB file as a multipart upload with per-part SHA-256", async () => {
    const big = await makeRepo();
    const prefix = uniquePrefix("big");
    try {
      const size = 300 * 1000 * 1000;
      await writeBigFile(join(big, "model.bin"), size);
      const result = await uploadArtifacts({
        config: config(big, { big: [{ path: "model.bin", mount: "/m" }] }),
        bucket: s3.bucket,
        prefix,
        endpoint: s3.endpoint,
      });
      expect(result.summary.uploadedBytes).toBe(size);
      const stored = await verifyPrefix(s3, prefix);
      expect(stored.blobs).toHaveLength(1);
      const checksum = await storedChecksum(s3, blobKey(prefix, stored.blobs[0] ?? ""));
      // 300 MB in 16 MiB parts: 18 parts, each verified by S3, combined into a composite.
      expect(checksum).toMatch(/-18$/);
      expect(checksum).toBe(await expectedChecksum(join(big, "model.bin"), 16 * MIB));
    } finally {
      await removeDir(big);
    }
  });

  it("stores identical files of two APIs once", async () => {
    const dup = await makeRepo();
    const prefix = uniquePrefix("dedupe");
    try {
      const bytes = randomBytes(100_000);
      await writeFiles(dup, { "a/model.bin": bytes, "b/copy.bin": bytes });
      const result = await uploadArtifacts({
        config: config(dup, {
          one: [{ path: "a/model.bin", mount: "/m" }],
          two: [{ path: "b/copy.bin", mount: "/m" }],
        }),
        ...target(prefix),
      });
      expect(result.summary.uploadedFiles).toBe(1);
      const stored = await verifyPrefix(s3, prefix);
      expect(stored.blobs).toEqual([sha(bytes)]);
      expect(stored.manifests.size).toBe(2);
    } finally {
      await removeDir(dup);
    }
  });
});

describe("uploadArtifacts and an object with the right size but other bytes", () => {
  it("replaces a blob and a manifest whose SHA-256 checksum is not theirs", async () => {
    const dir = await makeRepo();
    const prefix = uniquePrefix("wrong-bytes");
    try {
      const good = randomBytes(5000);
      await writeFiles(dir, { "w.bin": good });
      const project = config(dir, { one: [{ path: "w.bin", mount: "/m" }] });
      const first = await uploadArtifacts({ config: project, ...target(prefix) });
      const mkey = manifestKey(prefix, first.apis[0]?.manifest ?? "");
      const manifestLength = (
        await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: mkey }))
      ).ContentLength;

      // Another writer puts other bytes of the same size at both keys, with their own checksum
      // (as any writer that sends one does), so S3 reports a SHA-256 that is not the key's.
      const seed = async (key: string, bytes: Buffer) => {
        await s3.client.send(
          new PutObjectCommand({
            Bucket: s3.bucket,
            Key: key,
            Body: bytes,
            ChecksumSHA256: createHash("sha256").update(bytes).digest("base64"),
          }),
        );
      };
      await seed(blobKey(prefix, sha(good)), randomBytes(good.length));
      await seed(mkey, Buffer.alloc(manifestLength ?? 0, "x"));
      await expect(verifyPrefix(s3, prefix)).rejects.toThrow(/holds bytes hashing to/);

      const second = await uploadArtifacts({ config: project, ...target(prefix) });
      expect(second.summary.uploadedFiles).toBe(1);
      expect(second.summary.skippedFiles).toBe(0);
      expect(second.apis[0]?.manifest).toBe(first.apis[0]?.manifest);
      // verifyPrefix reads every object back: the blob and the manifest hash to their keys again.
      const stored = await verifyPrefix(s3, prefix);
      expect(stored.blobs).toEqual([sha(good)]);
      expect([...stored.manifests.keys()]).toEqual([first.apis[0]?.manifest]);
      expect(await storedChecksum(s3, blobKey(prefix, sha(good)))).toBe(
        createHash("sha256").update(good).digest("base64"),
      );

      // Repaired, it is skipped again.
      const third = await uploadArtifacts({ config: project, ...target(prefix) });
      expect(third.summary.uploadedFiles).toBe(0);
      expect(third.summary.skippedFiles).toBe(1);
    } finally {
      await removeDir(dir);
    }
  });
});

describe("uploadArtifacts and a file that changes after it was hashed", () => {
  // The file is changed in place (same size) when the blob's existence HEAD passes the proxy: after
  // hashing, before the upload. S3 then refuses the bytes (BadDigest) as they do not match the
  // digest sent with them; retrying would send them again and again, to the same answer.
  const cases = [
    { name: "a single PUT", size: 3 * MIB, parts: 0 },
    { name: "a multipart upload", size: 24 * MIB, parts: 3 },
  ];
  for (const c of cases)
    it(`fails at once, naming the file, for ${c.name}`, async () => {
      const dir = await makeRepo();
      const prefix = uniquePrefix("changed");
      const file = join(dir, "w.bin");
      await writeBigFile(file, c.size);
      const puts = new Map<string, number>();
      let changed = false;
      const proxy = await startFaultProxy({
        target: s3.endpoint,
        seed: 1,
        rates: {},
        eligible: ({ method, url }) => {
          if (!url.includes("/blobs/")) return false;
          if (method === "HEAD" && !changed) {
            changed = true;
            const fd = openSync(file, "r+");
            writeSync(fd, Buffer.from("changed"), 0, 7, 1000);
            closeSync(fd);
          }
          if (method === "PUT") puts.set(url, (puts.get(url) ?? 0) + 1);
          return false; // no faults: every request goes to versitygw
        },
      });
      try {
        const retries: string[] = [];
        const err = await uploadArtifacts({
          config: config(dir, { one: [{ path: "w.bin", mount: "/m" }] }),
          ...target(prefix),
          endpoint: proxy.endpoint,
          advanced: {
            ...target(prefix).advanced,
            retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 100, throttleBaseDelayMs: 10 },
            onRetry: (what) => retries.push(what),
          },
        }).catch((e: unknown) => e);
        expect(changed).toBe(true);
        expect(retries).toEqual([]);
        // The file's doing, not S3's.
        expect(err).toBeInstanceOf(FileChangedError);
        expect(err).not.toBeInstanceOf(S3UploadError);
        const message = (err as Error).message;
        expect(
          message.startsWith(`${file} changed while it was being uploaded (its SHA-256 `),
        ).toBe(true);
        expect(message).toContain("; nothing was written for it");
        // The changed bytes went once; a multipart's other parts at most once each.
        const attempts = [...puts.values()];
        expect(attempts.every((n) => n === 1)).toBe(true);
        expect(attempts.length).toBeGreaterThanOrEqual(1);
        expect(attempts.length).toBeLessThanOrEqual(Math.max(1, c.parts));
        // Nothing stored: no blob (a multipart is aborted), and no manifest.
        expect(await listKeys(s3, prefix)).toEqual([]);
      } finally {
        await proxy.close();
        await removeDir(dir);
      }
    });
});

describe("uploadArtifacts refuses bad artifact paths before touching S3", () => {
  it("reports a path escape and an empty glob with their lines, and writes nothing", async () => {
    const bad = await makeRepo();
    const prefix = uniquePrefix("bad");
    try {
      await writeFiles(bad, { "models/a.bin": "a" });
      const err = await uploadArtifacts({
        config: config(bad, {
          ok: [{ path: "models/a.bin", mount: "/m" }],
          escape: [{ path: "../../etc/passwd", mount: "/m" }],
          empty: [
            { path: "models/a.bin", mount: "/m" },
            { path: "models/*.onnx", mount: "/m" },
          ],
        }),
        ...target(prefix),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ArtifactConfigError);
      const errors = (err as ArtifactConfigError).errors;
      expect(errors.map((e) => [e.line, e.path])).toEqual([
        [101, "[1].artifacts[0].path"],
        [202, "[2].artifacts[1].path"],
      ]);
      expect(errors[0]?.message).toContain("leaves the repository");
      expect(errors[1]?.message).toContain("matches no files");
      expect((err as Error).message).toContain(`${join(bad, "cortex.yaml")}:101:11: error:`);
      expect(await listKeys(s3, prefix)).toEqual([]);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
