// A full or too small artifacts' volume is the pod's disk's problem, said as such: a write that
// fails with ENOSPC mid-download (a real one, from /dev/full: stream errors carry no path), and
// the check of free space before the first byte (statfs injected, so any size can be tried).
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  blobFailure,
  DownloadError,
  isLocalFileError,
} from "../../../controller/src/downloader/errors.ts";
import { streamToFile } from "../../../controller/src/downloader/files.ts";
import { planTasks } from "../../../controller/src/downloader/plan.ts";
import { restore } from "../../../controller/src/downloader/restore.ts";
import {
  checkSpace,
  noRoomMessage,
  type SpaceProbe,
  shortfalls,
} from "../../../controller/src/downloader/space.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";
import {
  blobKey,
  type ManifestFile,
  manifestKey,
  serializeManifest,
} from "../../../src/artifacts/manifest.ts";

const MiB = 1048576;
const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cortex-space-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The error a write stream gives on a full disk: /dev/full answers every write with ENOSPC. */
async function fullDiskError(): Promise<unknown> {
  const body = Readable.from([Buffer.alloc(64 * 1024, 1)]);
  return streamToFile(body, "/dev/full", 1 << 20, () => {}).then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe("a full disk while downloading", () => {
  it("is the volume's problem, naming its folder and what the artifacts need, not S3's", async () => {
    const err = await fullDiskError();
    expect(err).toMatchObject({ code: "ENOSPC", syscall: "write" });
    expect((err as NodeJS.ErrnoException).path).toBeUndefined();
    expect(isLocalFileError(err)).toBe(true);
    const failure = blobFailure(
      err,
      "/mnt/artifacts/iris/model.bin",
      "s3://b/p/blobs/sha256/x",
      5,
      { dest: "/mnt/artifacts/iris/model.bin" },
      { folder: "/mnt/artifacts/iris", bytes: 3 * MiB },
    );
    expect(failure.kind).toBe("local");
    expect(failure.message).toBe(
      "cannot write /mnt/artifacts/iris/model.bin: ENOSPC: no space left on device, write: the " +
        "volume of /mnt/artifacts/iris is full, and the artifacts under it need 3.0 MiB " +
        "(3145728 bytes) in all; that volume is an emptyDir on the node's disk (its ephemeral " +
        "storage): run the API on nodes with more free disk (node_groups), or free space on this one",
    );
  });

  it("calls a read-only volume or a refused write the mount's, and a refused connection S3's", () => {
    const local = (code: string, syscall: string) =>
      Object.assign(new Error(`${code}: refused, ${syscall}`), { code, syscall });
    for (const err of [local("EROFS", "write"), local("EACCES", "write"), local("EDQUOT", "fsync")])
      expect(isLocalFileError(err), err.message).toBe(true);
    const volume = { folder: "/mnt/m", bytes: 10 };
    expect(blobFailure(local("EROFS", "write"), "/mnt/m/w", "s3://b/k", 5, {}, volume)).toEqual(
      expect.objectContaining({
        kind: "local",
        message:
          "cannot write /mnt/m/w: EROFS: refused, write (the artifacts' mount /mnt/m must be a " +
          "writable volume with room for them)",
      }),
    );
    // A socket that may not connect (a firewall's EACCES) is the network's, as are resets.
    const connect = local("EACCES", "connect");
    const reset = local("ECONNRESET", "write");
    expect([isLocalFileError(connect), isLocalFileError(reset)]).toEqual([false, false]);
    expect(blobFailure(connect, "/mnt/m/w", "s3://b/k", 5, {}, volume).kind).toBe("access");
  });
});

/** A probe where each folder's device is given, and each device has `free` bytes. */
function probe(devices: Record<string, number>, free: Record<number, number>): SpaceProbe {
  return {
    device: async (folder) => {
      const d = devices[folder];
      if (d === undefined) throw new Error(`no device for ${folder}`);
      return d;
    },
    available: async (folder) => free[devices[folder] ?? -1] ?? 0,
  };
}

const file = (p: string, mount: string, size: number, seed = p): ManifestFile => ({
  path: p,
  mount,
  sha256: sha(seed),
  size,
  mode: 0o644,
});

describe("free space before downloading", () => {
  it("adds up the mounts on one volume and words the shortfall", () => {
    const needs = new Map([
      ["/r/a", 2 * MiB],
      ["/r/b", MiB],
      ["/r/c", 5 * MiB],
    ]);
    const devices = new Map([
      ["/r/a", 1],
      ["/r/b", 1],
      ["/r/c", 2],
    ]);
    const free = new Map([
      [1, 2.5 * MiB],
      [2, 5 * MiB],
    ]);
    const short = shortfalls(needs, devices, free);
    expect(short).toEqual([{ folders: ["/r/a", "/r/b"], needed: 3 * MiB, available: 2.5 * MiB }]);
    expect(
      noRoomMessage({ folders: ["/mnt/artifacts/iris"], needed: 3 * MiB, available: MiB }),
    ).toBe(
      "not enough space for the artifacts: /mnt/artifacts/iris needs 3.0 MiB (3145728 bytes) for " +
        "the files not yet in place, and its volume has 1.0 MiB (1048576 bytes) free, so nothing " +
        "was downloaded; that volume is an emptyDir on the node's disk (its ephemeral storage): " +
        "run the API on nodes with more free disk (node_groups), or free space on this one",
    );
  });

  it("counts only files not already in place with their size, copies included", async () => {
    const files = [
      file("w.bin", "/mnt/m", 3000, "w"),
      file("copy.bin", "/mnt/m", 3000, "w"),
      file("done.bin", "/mnt/m", 500),
    ];
    await mkdir(path.join(dir, "mnt/m"), { recursive: true });
    await writeFile(path.join(dir, "mnt/m/done.bin"), Buffer.alloc(500));
    const tasks = planTasks({ version: 1, files }, dir);
    const folder = path.join(dir, "mnt/m");
    // 6000 bytes to write: room for exactly that passes, one byte less does not.
    await expect(checkSpace(tasks, dir, probe({ [folder]: 7 }, { 7: 6000 }))).resolves.toEqual({});
    const err = await checkSpace(tasks, dir, probe({ [folder]: 7 }, { 7: 5999 })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DownloadError);
    expect(err).toMatchObject({
      kind: "local",
      fields: { folders: folder, needed: 6000, available: 5999 },
    });
    expect((err as Error).message).toContain(`${folder} needs 0.0 MiB (6000 bytes)`);
  });

  it("goes ahead, saying why, when free space cannot be read", async () => {
    const tasks = planTasks({ version: 1, files: [file("w.bin", "/mnt/m", 10)] }, dir);
    const r = await checkSpace(tasks, dir, probe({}, {}));
    expect(String(r.skipped)).toContain("no device for");
  });

  it("makes restore fail before downloading any blob", async () => {
    const blob = Buffer.alloc(4096, 7);
    const manifest = serializeManifest([
      { path: "model.bin", mount: "/mnt/m", sha256: sha(blob), size: blob.length, mode: 0o644 },
    ]);
    const objects = new Map([
      [manifestKey("p", sha(manifest)), Buffer.from(manifest)],
      [blobKey("p", sha(blob)), blob],
    ]);
    const asked: string[] = [];
    const client = {
      send: async (command: GetObjectCommand) => {
        const key = command.input.Key ?? "";
        asked.push(key);
        const body = objects.get(key);
        if (body === undefined) throw Object.assign(new Error("no"), { name: "NoSuchKey" });
        return { Body: Readable.from([body]), ContentLength: body.length };
      },
    } as unknown as S3Client;
    const lines: string[] = [];
    const err = await restore({
      client,
      bucket: "models",
      prefix: "p",
      manifestSha256: sha(manifest),
      root: dir,
      concurrency: 2,
      attempts: 1,
      progressIntervalMs: 60_000,
      log: createLogger("downloader", { write: (l) => lines.push(l) }),
      spaceProbe: probe({ [path.join(dir, "mnt/m")]: 1 }, { 1: 4095 }),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toMatch(/^not enough space for the artifacts: /);
    expect(asked).toEqual([manifestKey("p", sha(manifest))]);
    expect(await readdir(dir)).toEqual([]);
  });
});
