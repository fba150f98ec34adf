// The downloader's local file operations on a real temp folder: atomic writes of names near the
// file system's limit, and the clean-up of temp files a killed earlier run left behind.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blobFailure } from "../../../controller/src/downloader/errors.ts";
import {
  isPartialName,
  removeStalePartials,
  writeAtomically,
} from "../../../controller/src/downloader/files.ts";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cortex-files-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Linux allows 255 bytes per name; the uploader accepts any name the file system holds.
const LONG_ASCII = "b".repeat(250);
const LONG_CJK = "模".repeat(80); // 3 bytes each in UTF-8: 240 bytes

describe("writeAtomically with names near NAME_MAX", () => {
  it.each([
    ["a 250-byte name", LONG_ASCII],
    ["a 240-byte CJK name", LONG_CJK],
  ])("writes %s, leaving nothing else in the folder", async (_label, name) => {
    expect(Buffer.byteLength(name)).toBeGreaterThanOrEqual(240);
    const dest = path.join(dir, "model", name);
    await writeAtomically(dest, 0o640, (temp) => writeFile(temp, "weights"));
    expect(await readFile(dest, "utf8")).toBe("weights");
    expect((await stat(dest)).mode & 0o7777).toBe(0o640);
    expect(await readdir(path.join(dir, "model"))).toEqual([name]);
  });

  it("removes its temp file when the write fails, and leaves dest untouched", async () => {
    const dest = path.join(dir, LONG_ASCII);
    await writeFile(dest, "old");
    const failed = writeAtomically(dest, 0o644, async (temp) => {
      await writeFile(temp, "half");
      throw new Error("connection reset");
    });
    await expect(failed).rejects.toThrow("connection reset");
    expect(await readdir(dir)).toEqual([LONG_ASCII]);
    expect(await readFile(dest, "utf8")).toBe("old");
  });

  it("uses a temp name that removeStalePartials recognises", async () => {
    const seen: string[] = [];
    await writeAtomically(path.join(dir, LONG_CJK), 0o644, async (temp) => {
      seen.push(path.basename(temp));
      await writeFile(temp, "x");
    });
    expect(seen).toHaveLength(1);
    expect(isPartialName(seen[0] as string)).toBe(true);
  });
});

describe("removeStalePartials", () => {
  it("removes leftovers of this version and of older ones, and nothing else", async () => {
    const model = path.join(dir, "model");
    await mkdir(model);
    const names = {
      // This version's temp name.
      current: ".cdpartial-0123456789abcdef",
      // Older pods' temp name: `.<name>.partial-<8 hex>`.
      older: ".w.bin.partial-0badf00d",
      // The longest they could write: a 237-byte name, 255 bytes in all.
      olderLong: `.${"b".repeat(237)}.partial-deadbeef`,
      // Not ours.
      hidden: ".keep-me",
      lookalike: ".cdpartial-0123",
      real: "w.bin",
    };
    for (const name of Object.values(names)) await writeFile(path.join(model, name), "x");
    const removed = await removeStalePartials([model, path.join(dir, "absent")]);
    expect(removed).toBe(3);
    expect((await readdir(model)).sort()).toEqual(
      [names.hidden, names.lookalike, names.real].sort(),
    );
  });
});

describe("blobFailure for a name the file system refuses", () => {
  it("says the name is too long, and does not blame the volume", () => {
    const dest = `/mnt/model/${"c".repeat(300)}`;
    const err = Object.assign(new Error(`ENAMETOOLONG: name too long, open '${dest}'`), {
      code: "ENAMETOOLONG",
      errno: -36,
      syscall: "open",
      path: dest,
    });
    const failure = blobFailure(err, dest, "s3://b/blobs/x", 5, { dest });
    expect(failure.kind).toBe("local");
    expect(failure.message).toBe(
      `cannot write ${dest}: its name is too long for the file system of the artifacts' mount ` +
        "(longest name 300 bytes, whole path 311 bytes; Linux allows at most 255 bytes per name " +
        "and 4096 per path)",
    );
    expect(failure.message).not.toContain("writable volume");
  });
});
