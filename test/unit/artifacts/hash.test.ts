import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHashPool } from "../../../src/artifacts/hash.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hash-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
      expect(got).toEqual(files.map((f) => ({ sha256: f.sha256, size: f.size })));
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
      expect(String((missing as PromiseRejectedResult).reason)).toContain(join(dir, "missing"));
      expect(good).toEqual({
        status: "fulfilled",
        value: { sha256: createHash("sha256").update("hello").digest("hex"), size: 5 },
      });
    } finally {
      await pool.close();
    }
  });
});
