// Lists the files under a folder, following symlinks only when they stay inside the repository.
// A symlink that leaves it is reported, not followed, so a crafted repository cannot make the
// uploader read (and publish) files from the CI machine.
import type { Dirent, Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";

export interface WalkedFile {
  /** Path as reached (through any symlinks), absolute. */
  abs: string;
  /** Path relative to the walk's root, "/"-separated. */
  rel: string;
  stats: Stats;
}

export interface WalkProblem {
  rel: string;
  message: string;
}

export interface WalkOptions {
  /** Real (symlink-free) path of the repository root. */
  repoRoot: string;
  /** Whether .cortexignore excludes this path. */
  ignored(abs: string, isDir: boolean): boolean;
  /** Whether the caller wants this file (or, for a directory, anything below it). */
  wanted(rel: string, isDir: boolean): boolean;
}

export interface WalkResult {
  files: WalkedFile[];
  problems: WalkProblem[];
}

export function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

export async function walk(root: string, options: WalkOptions): Promise<WalkResult> {
  const files: WalkedFile[] = [];
  const problems: WalkProblem[] = [];
  const rootReal = await realpath(root);

  async function visit(dir: string, rel: string, chain: readonly string[]): Promise<void> {
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
    await Promise.all(entries.map((e) => visitEntry(dir, rel, chain, e)));
  }

  async function visitEntry(
    dir: string,
    rel: string,
    chain: readonly string[],
    e: Dirent,
  ): Promise<void> {
    if (e.name === ".git") return;
    const abs = join(dir, e.name);
    const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
    const parentReal = chain[chain.length - 1] as string;
    let real = join(parentReal, e.name);
    let isDir = e.isDirectory();
    if (e.isSymbolicLink()) {
      let target: Stats;
      try {
        real = await realpath(abs);
        target = await stat(abs);
      } catch {
        if (options.wanted(childRel, false))
          problems.push({ rel: childRel, message: "is a broken symlink" });
        return;
      }
      isDir = target.isDirectory();
      if (!isInside(options.repoRoot, real)) {
        if (options.wanted(childRel, isDir))
          problems.push({
            rel: childRel,
            message: `is a symlink to ${real}, outside the repository`,
          });
        return;
      }
    } else if (!isDir && !e.isFile()) {
      return; // sockets, fifos, devices: not artifacts
    }
    if (!options.wanted(childRel, isDir) || options.ignored(abs, isDir)) return;
    if (isDir) {
      if (chain.includes(real)) {
        problems.push({ rel: childRel, message: "is a symlink loop" });
        return;
      }
      await visit(abs, childRel, [...chain, real]);
      return;
    }
    const stats = await stat(abs);
    if (stats.isFile()) files.push({ abs, rel: childRel, stats });
  }

  await visit(root, "", [rootReal]);
  return { files, problems };
}
