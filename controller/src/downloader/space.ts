// Whether the artifacts' volumes have room for what is still to write, checked before the first
// byte: a volume too small fails at once, saying how much is needed and free and what to change,
// instead of downloading until the disk is full.
import { stat, statfs } from "node:fs/promises";
import path from "node:path";
import { DownloadError, ROOM_REMEDY, sizeText } from "./errors.ts";
import { type BlobTask, mountFolder } from "./plan.ts";

/** The file-system calls the check makes; tests give their own. */
export interface SpaceProbe {
  /** The device a folder is on (stat's dev), so mounts on one volume are counted together. */
  device(folder: string): Promise<number>;
  /** The bytes a writer who is not root may still use there (statfs: bavail × bsize). */
  available(folder: string): Promise<number>;
}

/** The folder itself, or its nearest ancestor that exists (a mount folder may not exist yet). */
async function existing(folder: string): Promise<string> {
  let f = folder;
  for (;;) {
    try {
      await stat(f);
      return f;
    } catch (err) {
      const up = path.dirname(f);
      if (up === f) throw err;
      f = up;
    }
  }
}

export const fileSystemProbe: SpaceProbe = {
  device: async (folder) => (await stat(await existing(folder))).dev,
  available: async (folder) => {
    const s = await statfs(await existing(folder));
    return s.bavail * s.bsize;
  },
};

/**
 * The bytes each mount folder still needs: every file not already in place with its size (a
 * file of the right size is most likely present; its hash is checked later). Copies count: each
 * file takes its own room.
 */
export async function bytesToWrite(
  tasks: readonly BlobTask[],
  root: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const task of tasks) {
    for (const target of task.targets) {
      const folder = mountFolder(root, target.file.mount);
      const info = await stat(target.dest).catch(() => undefined);
      const needed = info?.isFile() && info.size === task.size ? 0 : task.size;
      out.set(folder, (out.get(folder) ?? 0) + needed);
    }
  }
  return out;
}

export interface Shortfall {
  /** The mount folders on one volume, in the manifest's order. */
  folders: string[];
  needed: number;
  available: number;
}

/** Volumes (mount folders grouped by device) that need more than they have free. Pure. */
export function shortfalls(
  needs: ReadonlyMap<string, number>,
  devices: ReadonlyMap<string, number>,
  available: ReadonlyMap<number, number>,
): Shortfall[] {
  const byDevice = new Map<number, { folders: string[]; needed: number }>();
  for (const [folder, bytes] of needs) {
    const device = devices.get(folder);
    if (device === undefined) continue;
    const entry = byDevice.get(device) ?? { folders: [], needed: 0 };
    entry.folders.push(folder);
    entry.needed += bytes;
    byDevice.set(device, entry);
  }
  const out: Shortfall[] = [];
  for (const [device, { folders, needed }] of byDevice) {
    const free = available.get(device);
    if (free !== undefined && needed > free) out.push({ folders, needed, available: free });
  }
  return out;
}

/** One sentence: which volume, needed and free, and what to change. Pure. */
export function noRoomMessage(s: Shortfall): string {
  const one = s.folders.length === 1;
  const what = one ? s.folders[0] : s.folders.join(" and ");
  return (
    `not enough space for the artifacts: ${what} ${one ? "needs" : "need"} ` +
    `${sizeText(s.needed)} for the files not yet in place, and ${one ? "its" : "their"} volume ` +
    `has ${sizeText(s.available)} free, so nothing was downloaded; ${ROOM_REMEDY}`
  );
}

/**
 * Fails with a DownloadError (kind "local") when a volume has too little room for what is still
 * to write. A probe that fails (statfs refused, say) is returned, for the caller to log: the
 * download then goes ahead, as it did before this check.
 */
export async function checkSpace(
  tasks: readonly BlobTask[],
  root: string,
  probe: SpaceProbe = fileSystemProbe,
): Promise<{ skipped?: unknown }> {
  const needs = await bytesToWrite(tasks, root);
  const devices = new Map<string, number>();
  const available = new Map<number, number>();
  try {
    for (const [folder, bytes] of needs) {
      if (bytes === 0) continue;
      const device = await probe.device(folder);
      devices.set(folder, device);
      if (!available.has(device)) available.set(device, await probe.available(folder));
    }
  } catch (err) {
    return { skipped: err };
  }
  const [first] = shortfalls(needs, devices, available);
  if (first === undefined) return {};
  throw new DownloadError("local", noRoomMessage(first), {
    folders: first.folders.join(","),
    needed: first.needed,
    available: first.available,
  });
}
