import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArtifactReadError, FileChangedError } from "../../../src/artifacts/errors.ts";
import { createHashPool, type FileDigest } from "../../../src/artifacts/hash.ts";
import { isExpectedFailure } from "../../../src/commands/common.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hash-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The digest without the file's state (its times and inode differ from run to run). */
const digestOnly = ({ state: _, ...rest }: FileDigest) => rest;

describe("createHashPool", () => {
  it("gives each file's SHA-256 and size, across buffer boundaries and in batches", async () => {
    // Sizes around the 64 KiB test buffer, an empty file, and many small files that get batched.
    const sizes = [0, 1, 65_535, 65_536, 65_537, 3 * 65_536 + 7, ...Array(40).fill(1000)];
    const files = await Promise.all(
      sizes.map(async (size, i) => {
        const data = randomBytes(size);
        const path = join(dir, `f${i}`);
        await writeFile(path, data);
        return { path, size, sha256: createHash("sha256").update(data).digest("hex") };
      }),
    );
    const pool = createHashPool({ threads: 2, bufferSize: 65_536, batchBytes: 8000 });
    try {
      const got = await Promise.all(files.map((f) => pool.hash(f.path, f.size)));
      expect(got.map(digestOnly)).toEqual(files.map((f) => ({ sha256: f.sha256, size: f.size })));
    } finally {
      await pool.close();
    }
  });

  it("rejects, naming the file, when it cannot be read, and goes on with the others", async () => {
    const ok = join(dir, "ok");
    await writeFile(ok, "hello");
    const pool = createHashPool({ threads: 1 });
    try {
      const [missing, good] = await Promise.allSettled([
        pool.hash(join(dir, "missing"), 1),
        pool.hash(ok, 5),
      ]);
      expect(missing.status).toBe("rejected");
      const reason = (missing as PromiseRejectedResult).reason;
      expect(String(reason)).toContain(join(dir, "missing"));
      // A worded failure for the front ends, not "a bug; please report it" with a stack.
      expect(reason).toBeInstanceOf(ArtifactReadError);
      expect(isExpectedFailure(reason)).toBe(true);
      // Listed, then gone: removed while the upload ran, as it says.
      expect(reason).toBeInstanceOf(FileChangedError);
      expect(String(reason)).toContain("changed while it was being uploaded (it was removed)");
      expect(good.status === "fulfilled" && digestOnly(good.value)).toEqual({
        sha256: createHash("sha256").update("hello").digest("hex"),
        size: 5,
      });
    } finally {
      await pool.close();
    }
  });

  it("returns a file's bytes when asked at its turn, and not when the file outgrew its size", async () => {
    const small = randomBytes(70_000);
    const grown = randomBytes(3000);
    const files = {
      kept: join(dir, "kept"),
      notKept: join(dir, "not-kept"),
      grown: join(dir, "grown"),
      empty: join(dir, "empty"),
    };
    await writeFile(files.kept, small);
    await writeFile(files.notKept, small);
    await writeFile(files.grown, grown);
    await writeFile(files.empty, "");
    const digest = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    const asked: string[] = [];
    const keep = (name: string, answer: boolean) => () => {
      asked.push(name);
      return answer;
    };
    // Small batches and buffers, so a kept file spans several reads of the 64 KiB buffer.
    const pool = createHashPool({ threads: 1, bufferSize: 65_536, batchBytes: 1 });
    try {
      const [kept, notKept, outgrew, empty] = await Promise.all([
        pool.hash(files.kept, small.length, { keep: keep("kept", true) }),
        pool.hash(files.notKept, small.length, { keep: keep("notKept", false) }),
        // Listed as 1000 bytes, but 3000 on disk (it changed after it was listed).
        pool.hash(files.grown, 1000, { keep: keep("grown", true) }),
        pool.hash(files.empty, 0, { keep: keep("empty", true) }),
      ]);
      expect(Buffer.from(kept.bytes ?? [])).toEqual(small);
      expect(kept).toMatchObject({ sha256: digest(small), size: small.length });
      expect(digestOnly(notKept)).toEqual({ sha256: digest(small), size: small.length });
      expect(digestOnly(outgrew)).toEqual({ sha256: digest(grown), size: grown.length });
      expect(empty.size).toBe(0);
      expect(empty.bytes?.length).toBe(0);
      expect(asked.sort()).toEqual(["empty", "grown", "kept", "notKept"]);
    } finally {
      await pool.close();
    }
  });

  it("gives the file's size, modification time and inode as it was opened", async () => {
    const path = join(dir, "stated");
    await writeFile(path, "twelve bytes");
    const before = await stat(path, { bigint: true });
    const pool = createHashPool({ threads: 1 });
    try {
      const got = await pool.hash(path, 12);
      expect(got.state).toEqual({
        size: 12n,
        mtimeNs: before.mtimeNs,
        ino: before.ino,
        dev: before.dev,
      });
    } finally {
      await pool.close();
    }
  });

  it("digests each part for a multipart upload in the same read, the last part short", async () => {
    const data = randomBytes(5 * 40_000 + 123);
    const path = join(dir, "parted");
    await writeFile(path, data);
    // Parts of 40,000 bytes straddle the 65,536-byte read buffer in every way.
    const pool = createHashPool({ threads: 1, bufferSize: 65_536 });
    try {
      const got = await pool.hash(path, data.length, { partSize: 40_000 });
      const parts = [0, 1, 2, 3, 4, 5].map((i) =>
        createHash("sha256")
          .update(data.subarray(i * 40_000, Math.min(data.length, (i + 1) * 40_000)))
          .digest("base64"),
      );
      expect(digestOnly(got)).toEqual({
        sha256: createHash("sha256").update(data).digest("hex"),
        size: data.length,
        partSha256: parts,
      });
    } finally {
      await pool.close();
    }
  });
});
