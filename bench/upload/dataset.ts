// The benchmark's data set, per issue 4: 8 files of 256 MB, 200 of 1-8 MB, 2,000 of 4-64 KB
// (counts multiplied by --scale). Random bytes, generated fast: one random MiB, stamped with a
// counter so no two MiBs (and no two files) are equal, so nothing deduplicates by accident.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, utimes } from "node:fs/promises";
import { join } from "node:path";

export interface Dataset {
  dir: string;
  files: string[];
  bytes: number;
}

const MB = 1000 * 1000;

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function datasetShape(
  scale: number,
): { folder: string; count: number; min: number; max: number }[] {
  const n = (count: number) => Math.max(1, Math.round(count * scale));
  return [
    { folder: "large", count: n(8), min: 256 * MB, max: 256 * MB },
    { folder: "medium", count: n(200), min: 1 * MB, max: 8 * MB },
    { folder: "small", count: n(2000), min: 4000, max: 64_000 },
  ];
}

export async function generateDataset(dir: string, scale: number): Promise<Dataset> {
  const random = seeded(4);
  const block = randomBytes(1024 * 1024);
  let stamp = 0;
  const files: string[] = [];
  let bytes = 0;
  for (const { folder, count, min, max } of datasetShape(scale)) {
    await mkdir(join(dir, folder), { recursive: true });
    for (let i = 0; i < count; i++) {
      const size = Math.floor(min + random() * (max - min));
      const path = join(dir, folder, `f${String(i).padStart(4, "0")}.bin`);
      const fh = await open(path, "w");
      try {
        for (let off = 0; off < size; off += block.length) {
          block.writeUInt32BE(stamp++, 0);
          await fh.write(block, 0, Math.min(block.length, size - off), off);
        }
      } finally {
        await fh.close();
      }
      files.push(path);
      bytes += size;
    }
  }
  return { dir, files, bytes };
}

/** Fresh modification times on every file, as a CI checkout has. */
export async function touchAll(dir: string): Promise<void> {
  const now = new Date();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) await utimes(join(entry.parentPath, entry.name), now, now);
  }
}
