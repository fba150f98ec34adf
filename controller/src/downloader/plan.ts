// Where each manifest file goes on disk, and which files share a blob. Pure.
import path from "node:path";
import type { Manifest, ManifestFile } from "../../../src/artifacts/manifest.ts";

export interface Target {
  file: ManifestFile;
  /** Absolute local path: root + mount + path. */
  dest: string;
}

/** Files grouped by content: one download per blob, copies for the other files with it. */
export interface BlobTask {
  sha256: string;
  size: number;
  targets: Target[];
}

/** A mount's folder on this file system: the manifest's absolute mount path under root. */
export function mountFolder(root: string, mount: string): string {
  return path.join(path.resolve(root), mount);
}

export function planTasks(manifest: Manifest, root: string): BlobTask[] {
  const bySha = new Map<string, BlobTask>();
  for (const file of manifest.files) {
    // parseManifest guarantees mount is absolute and path has no "..", so dest stays under root.
    const dest = path.join(mountFolder(root, file.mount), ...file.path.split("/"));
    let task = bySha.get(file.sha256);
    if (task === undefined) {
      task = { sha256: file.sha256, size: file.size, targets: [] };
      bySha.set(file.sha256, task);
    }
    task.targets.push({ file, dest });
  }
  // Largest first, so the longest downloads start early and the pool ends evenly.
  return [...bySha.values()].sort((a, b) => b.size - a.size);
}
