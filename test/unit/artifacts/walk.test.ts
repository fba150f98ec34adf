import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WALK_CONCURRENCY, walk } from "../../../src/artifacts/walk.ts";

// The walk's filesystem calls, counted while they are in flight.
const calls = vi.hoisted(() => ({ inFlight: 0, most: 0, total: 0 }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const counted =
    <F extends (...args: never[]) => Promise<unknown>>(f: F) =>
    async (...args: Parameters<F>): Promise<Awaited<ReturnType<F>>> => {
      calls.inFlight++;
      calls.total++;
      calls.most = Math.max(calls.most, calls.inFlight);
      try {
        return (await f(...args)) as Awaited<ReturnType<F>>;
      } finally {
        calls.inFlight--;
      }
    };
  const wrapped = {
    readdir: counted(fs.readdir),
    realpath: counted(fs.realpath),
    stat: counted(fs.stat),
  };
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});

let root: string; // the repository

beforeEach(async () => {
  root = join(await mkdtemp(join(tmpdir(), "walk-test-")), "repo");
  mkdirSync(join(root, ".git"), { recursive: true });
});
afterEach(async () => {
  await rm(join(root, ".."), { recursive: true, force: true });
});

describe("walk", () => {
  it("keeps a bounded number of filesystem calls in flight on a wide, deep tree", async () => {
    // 16 × 16 × 16 leaf folders (4,368 in all), a file in each, and a symlinked folder.
    const expected: string[] = [];
    for (let a = 0; a < 16; a++)
      for (let b = 0; b < 16; b++)
        for (let c = 0; c < 16; c++) {
          const rel = `a${a}/b${b}/c${c}`;
          mkdirSync(join(root, "m", rel), { recursive: true });
          writeFileSync(join(root, "m", rel, "f.bin"), rel);
          expected.push(`${rel}/f.bin`);
        }
    symlinkSync("a0/b0", join(root, "m/link"));
    for (let c = 0; c < 16; c++) expected.push(`link/c${c}/f.bin`);

    calls.inFlight = calls.most = calls.total = 0;
    const walked = await walk(join(root, "m"), {
      repoRoot: await realpath(root),
      ignored: () => false,
      wanted: () => true,
    });

    expect(walked.problems).toEqual([]);
    expect(walked.files.map((f) => f.rel).sort()).toEqual(expected.sort());
    expect(calls.total).toBeGreaterThan(8000);
    expect(calls.most).toBeLessThanOrEqual(WALK_CONCURRENCY);
    expect(calls.most).toBeGreaterThan(1); // still in parallel
    expect(calls.inFlight).toBe(0); // nothing left running after the walk returns
  });

  it("keeps a file's path, size and mode, not the whole stat result", async () => {
    mkdirSync(join(root, "m"));
    writeFileSync(join(root, "m/run.sh"), "#!/bin/sh\n", { mode: 0o755 });
    const { files } = await walk(join(root, "m"), {
      repoRoot: await realpath(root),
      ignored: () => false,
      wanted: () => true,
    });
    expect(files).toEqual([
      { abs: join(root, "m/run.sh"), rel: "run.sh", size: 10, mode: expect.any(Number) },
    ]);
    expect((files[0]?.mode ?? 0) & 0o111).not.toBe(0);
  });
});
