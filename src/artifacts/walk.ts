// Lists the files under a folder, following symlinks only when they stay inside the repository.
// A symlink that leaves it is reported, not followed, so a crafted repository cannot make the
// uploader read (and publish) files from the CI machine.
import type { Dirent, Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { PERMISSION_HINT } from "./errors.ts";

export interface WalkedFile {
  /** Path as reached (through any symlinks), absolute. */
  abs: string;
  /** Path relative to the walk's root, "/"-separated. */
  rel: string;
  /** Bytes, when listed. */
  size: number;
  /** Permission bits as stat gave them (resolve keeps only "executable or not"). */
  mode: number;
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
  /** MAX_WALK_ENTRIES unless set (tests). */
  maxEntries?: number;
}

export interface WalkResult {
  files: WalkedFile[];
  problems: WalkProblem[];
}

export function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Whether a real path inside the repository lies in a `.git` folder (the repository's or a
 * submodule's). Never uploaded: actions/checkout keeps its token in .git/config.
 */
export function isInGitFolder(repoRoot: string, real: string): boolean {
  return relative(repoRoot, real).split(sep).includes(".git");
}

/** Entries one walk visits at once, each making its filesystem calls (at most realpath, stat and
 * readdir) one after another. Unbounded, a tree of 28,000 folders queued every call at once:
 * seconds of readdir work and GC, and a heap of 150 MB; a few dozen keep libuv's threads busy. */
export const WALK_CONCURRENCY = 64;

/** Directory entries one walk may visit: symlinked folders reaching the same folders by many
 * paths multiply them, and a few levels of that would walk for hours. */
export const MAX_WALK_ENTRIES = 200_000;

/** Entries of one listed folder, handed out one at a time. */
interface Listing {
  dir: string;
  rel: string;
  /** Real paths of the folders from the walk's root down to this one, to spot symlink loops. */
  chain: readonly string[];
  entries: Dirent[];
  next: number;
}

export async function walk(root: string, options: WalkOptions): Promise<WalkResult> {
  const files: WalkedFile[] = [];
  const problems: WalkProblem[] = [];
  const rootReal = await realpath(root);
  const maxEntries = options.maxEntries ?? MAX_WALK_ENTRIES;
  let visited = 0;
  // Listed folders whose entries are not all handed out yet. Taken from the top, so the walk goes
  // depth first and the backlog stays a few listings deep instead of spanning the whole tree.
  const listings: Listing[] = [];

  async function list(dir: string, rel: string, chain: readonly string[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ rel: rel === "" ? "." : rel, message: unreadable(err, rel, "listed") });
      return;
    }
    if (entries.length > 0) listings.push({ dir, rel, chain, entries, next: 0 });
  }

  async function visitEntry(listing: Listing, e: Dirent): Promise<void> {
    const { dir, rel, chain } = listing;
    if (e.name === ".git") return;
    if (++visited > maxEntries) {
      if (visited === maxEntries + 1)
        problems.push({
          rel: rel === "" ? "." : rel,
          message:
            `holds more than ${maxEntries} files and folders (counting each path a symlinked ` +
            "folder is reached by); list the model files themselves",
        });
      return;
    }
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
      } catch (err) {
        if (options.wanted(childRel, false) && !options.ignored(abs, false)) {
          const loop = (err as { code?: string }).code === "ELOOP";
          problems.push({
            rel: childRel,
            message: loop ? "is a symlink loop" : "is a broken symlink",
          });
        }
        return;
      }
      isDir = target.isDirectory();
      // An ignored symlink is left alone, wherever it points.
      if (options.ignored(abs, isDir)) return;
      if (!isInside(options.repoRoot, real)) {
        if (options.wanted(childRel, isDir))
          problems.push({
            rel: childRel,
            message: `is a symlink to ${real}, outside the repository`,
          });
        return;
      }
      if (isInGitFolder(options.repoRoot, real)) {
        if (options.wanted(childRel, isDir))
          problems.push({
            rel: childRel,
            message: "is a symlink into a .git folder, which is never uploaded",
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
      await list(abs, childRel, [...chain, real]);
      return;
    }
    let stats: Stats;
    try {
      stats = await stat(abs);
    } catch (err) {
      problems.push({ rel: childRel, message: unreadable(err, childRel, "read") });
      return;
    }
    if (stats.isFile()) files.push({ abs, rel: childRel, size: stats.size, mode: stats.mode });
  }

  /** The next entry to visit, from the most recently listed folder. */
  function nextJob(): (() => Promise<void>) | undefined {
    const listing = listings[listings.length - 1];
    const e = listing?.entries[listing.next++];
    if (!listing || !e) return undefined;
    if (listing.next === listing.entries.length) listings.pop();
    return () => visitEntry(listing, e);
  }

  // Each job makes its filesystem calls one after another, so at most WALK_CONCURRENCY are in
  // flight. After a failure (a callback that throws) no further job starts.
  await new Promise<void>((done, fail) => {
    let running = 0;
    let failed = false;
    const stop = (err: unknown): void => {
      failed = true;
      fail(err);
    };
    const pump = (): void => {
      while (!failed && running < WALK_CONCURRENCY) {
        const job = nextJob();
        if (!job) break;
        running++;
        job().then(() => {
          running--;
          pump();
        }, stop);
      }
      if (running === 0) done();
    };
    list(root, "", [rootReal]).then(pump, stop);
  });
  return { files, problems };
}

/** Why a file or folder met on the walk cannot be used, for its located error. */
function unreadable(err: unknown, rel: string, verb: "read" | "listed"): string {
  const code = (err as { code?: string }).code;
  if (code === "EACCES" || code === "EPERM")
    return `cannot be ${verb}: permission denied ${PERMISSION_HINT}`;
  if (code === "ENOENT") {
    // readdir turns bytes that are not UTF-8 into U+FFFD, so the name it gives names nothing.
    return rel.includes("\uFFFD")
      ? "has a name that is not valid UTF-8; rename it or exclude it in .cortexignore"
      : "vanished while the files were being collected";
  }
  return `cannot be ${verb}: ${(err as Error).message}`;
}
