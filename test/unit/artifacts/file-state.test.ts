// How the uploader tells that a file is no longer the one it hashed (pipeline.ts checks once the
// blob is in S3, before any manifest may name the file).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileChangedError } from "../../../src/artifacts/errors.ts";
import { describeChange, type FileState, fileState } from "../../../src/artifacts/file-state.ts";

const hashed: FileState = { size: 10n, mtimeNs: 1000n, ino: 7n, dev: 1n };

describe("describeChange", () => {
  it("says nothing of a file as it was", () => {
    expect(describeChange(hashed, { ...hashed })).toBeUndefined();
  });

  it("names a change of size, of time, and a file put in its place", () => {
    expect(describeChange(hashed, { ...hashed, size: 12n, mtimeNs: 2000n })).toBe(
      "it had 10 bytes when hashed and has 12 now",
    );
    expect(describeChange(hashed, { ...hashed, mtimeNs: 1001n })).toBe(
      "it was modified after it was hashed",
    );
    expect(describeChange(hashed, { ...hashed, ino: 8n })).toBe(
      "another file was put in its place after it was hashed",
    );
  });
});

describe("fileState", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "file-state-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("gives a file's size", async () => {
    await writeFile(join(dir, "f"), "12345");
    expect((await fileState(join(dir, "f"))).size).toBe(5n);
  });

  it("says a file that is gone was removed, and what is left", async () => {
    const err = await fileState(join(dir, "gone"), "no manifest names it").catch((e) => e);
    expect(err).toBeInstanceOf(FileChangedError);
    expect((err as Error).message).toBe(
      `${join(dir, "gone")} changed while it was being uploaded (it was removed); ` +
        "no manifest names it. Upload again once it no longer changes.",
    );
  });
});
