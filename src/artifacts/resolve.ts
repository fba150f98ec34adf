// Turns each API's `artifacts` entries into the exact list of files to upload and where the pod
// sees each one. Mapping: a file appears as <mount>/<its name>; a folder's contents appear under
// <mount>, keeping their layout; a glob's matches appear under <mount> relative to the glob's
// leading folder (`models/**/*.onnx` puts models/a/b.onnx at <mount>/a/b.onnx).
import { existsSync, readFileSync, type Stats } from "node:fs";
import { lstat, realpath, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { canonicalMount } from "../config/defaults.ts";
import { ArtifactConfigError } from "./errors.ts";
import { compileDirFilter, compileGlob, isGlob, splitGlob } from "./glob.ts";
import { fileWhereFolderIsNeeded, isSafeRelativePath } from "./manifest.ts";
import type { ArtifactsConfig, ConfigErrorLike, ResolvedApi, ResolvedFile } from "./types.ts";
import { isInGitFolder, isInside, walk } from "./walk.ts";

export const DEFAULT_MOUNT = "/mnt/artifacts";

/** The nearest folder at or above `dir` holding `.git`; `dir` itself when there is none. */
export function findRepoRoot(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return resolve(dir);
  }
}

/** Checkouts differ in umask; only "executable or not" is content, as in git. */
export function normalizeMode(mode: number): number {
  return mode & 0o111 ? 0o755 : 0o644;
}

function loadIgnore(dir: string): Ignore {
  const ig = ignore();
  const file = join(dir, ".cortexignore");
  if (existsSync(file)) ig.add(readFileSync(file, "utf8"));
  return ig;
}

interface Match {
  abs: string;
  /** Path under the mount. */
  rel: string;
  size: number;
  mode: number;
}

/** An entry's files, or every problem found with it (each reported at the entry's line). */
type EntryResult = { ok: true; matches: Match[] } | { ok: false; messages: string[] };

const failed = (message: string): EntryResult => ({ ok: false, messages: [message] });

export async function resolveArtifacts(config: ArtifactsConfig): Promise<ResolvedApi[]> {
  const dir = resolve(config.dir);
  const repoLexical = findRepoRoot(dir);
  // Symlink checks compare real paths; the `..` check compares paths as written.
  const repoRoot = await realpath(repoLexical);
  const ig = loadIgnore(dir);
  // .cortexignore speaks for the files under its own folder only, as .gitignore does.
  const ignored = (abs: string, isDir: boolean): boolean => {
    const rel = relative(dir, abs);
    if (rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel)) return false;
    const p = rel.split(sep).join("/");
    return ig.ignores(isDir ? `${p}/` : p);
  };

  const errors: ConfigErrorLike[] = [];
  const located = (path: (string | number)[], message: string): void => {
    const { line, column } = config.locate(path);
    const [api, ...rest] = path;
    const field = rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
    errors.push({ file: config.file, line, column, path: `[${api}]${field}`, message });
  };

  const resolveEntry = async (entryPath: string): Promise<EntryResult> => {
    if (entryPath.trim() === "") return failed("must not be empty");
    if (isAbsolute(entryPath) || /^[a-zA-Z]:[\\/]/.test(entryPath))
      return failed("must be relative to the folder of cortex.yaml");
    const clean = posix.normalize(entryPath.replace(/\\/g, "/")).replace(/\/+$/, "");
    const { base, rest } = isGlob(clean) ? splitGlob(clean) : { base: clean, rest: "" };
    const baseAbs = resolve(dir, base);
    if (!isInside(repoLexical, baseAbs))
      return failed(`${entryPath} leaves the repository (${repoLexical})`);

    let baseStats: Stats;
    let baseReal: string;
    try {
      baseStats = await stat(baseAbs);
      baseReal = await realpath(baseAbs);
    } catch {
      const isLink = await lstat(baseAbs).then(
        (s) => s.isSymbolicLink(),
        () => false,
      );
      if (isLink) return failed(`${base} is a broken symlink`);
      if (rest !== "") return failed(`matches no files (the folder "${base}" does not exist)`);
      return failed(`no such file or folder: ${base}`);
    }
    if (!isInside(repoRoot, baseReal))
      return failed(`${base} resolves to ${baseReal}, outside the repository`);
    if (isInGitFolder(repoRoot, baseReal))
      return failed(
        `${base} is in a .git folder, which is never uploaded (it can hold credentials)`,
      );

    if (rest === "" && baseStats.isFile()) {
      if (ignored(baseAbs, false)) return failed(`${entryPath} is excluded by .cortexignore`);
      const { size, mode } = baseStats;
      return { ok: true, matches: [{ abs: baseAbs, rel: basename(baseAbs), size, mode }] };
    }
    if (!baseStats.isDirectory()) return failed(`${base} is neither a file nor a folder`);

    const matchFile = rest === "" ? () => true : compileGlob(rest);
    const matchDir = rest === "" ? () => true : compileDirFilter(rest);
    const { files, problems } = await walk(baseAbs, {
      repoRoot,
      ignored,
      // A folder matched by the glob brings all of its contents, as a matched file brings itself.
      wanted: (rel, isDir) =>
        matchFile(rel) || matchAncestor(rel, matchFile) || (isDir && matchDir(rel)),
    });
    // Every one, in path order: a folder with three bad symlinks should not take three runs.
    if (problems.length > 0)
      return {
        ok: false,
        messages: problems
          .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
          .map((p) => `${posix.join(base, p.rel)} ${p.message}`),
      };
    const matches: Match[] = files.filter(
      (f) => matchFile(f.rel) || matchAncestor(f.rel, matchFile),
    );
    if (matches.length === 0)
      return failed(
        rest === ""
          ? `folder ${base} holds no files (after .cortexignore)`
          : `matches no files (after .cortexignore)`,
      );
    return { ok: true, matches };
  };

  const apis: ResolvedApi[] = [];
  for (const [position, api] of config.apis.entries()) {
    const apiIndex = api.index ?? position;
    const byTarget = new Map<string, { file: ResolvedFile; entry: number }>();
    for (const [i, entry] of (api.artifacts ?? []).entries()) {
      const mount = normalizeMount(entry.mount ?? DEFAULT_MOUNT);
      if (mount === null) {
        located([apiIndex, "artifacts", i, "mount"], "must be an absolute path without '..'");
        continue;
      }
      const result = await resolveEntry(entry.path);
      if (!result.ok) {
        for (const message of result.messages) located([apiIndex, "artifacts", i, "path"], message);
        continue;
      }
      const unsafe = result.matches
        .filter((m) => !isSafeRelativePath(m.rel))
        .sort((a, b) => (a.rel < b.rel ? -1 : 1));
      if (unsafe.length > 0) {
        // The downloader refuses such a manifest, so the pod would never start.
        for (const m of unsafe)
          located(
            [apiIndex, "artifacts", i, "path"],
            `${JSON.stringify(m.rel)} has a backslash in its name, which the pod cannot use; rename it or list it in .cortexignore`,
          );
        continue;
      }
      for (const m of result.matches) {
        const file: ResolvedFile = {
          source: m.abs,
          path: m.rel,
          mount,
          size: m.size,
          mode: normalizeMode(m.mode),
        };
        // Keyed by the place in the pod, not by (mount, path): "/m" + "x/g.bin" and
        // "/m/x" + "g.bin" are the same file for the downloader.
        const target = posix.join(mount, m.rel);
        const seen = byTarget.get(target);
        if (seen && seen.file.source !== file.source) {
          located(
            [apiIndex, "artifacts", i, "path"],
            `${target} is also provided by artifacts[${seen.entry}]`,
          );
          break;
        }
        byTarget.set(target, { file, entry: i });
      }
    }
    const conflict = fileWhereFolderIsNeeded(
      new Map([...byTarget].map(([target, t]) => [target, t.entry])),
    );
    if (conflict) {
      located(
        [apiIndex, "artifacts", conflict.owner, "path"],
        `${conflict.dest} needs ${conflict.folder} as a folder, but artifacts[${conflict.fileOwner}] puts a file there`,
      );
    }
    const files = [...byTarget.values()].map((v) => v.file).sort(compareFiles);
    apis.push({ name: api.name, files });
  }
  if (errors.length > 0) throw new ArtifactConfigError(errors);
  return apis;
}

/** True when some proper ancestor folder of `rel` matches: a matched folder brings its contents. */
function matchAncestor(rel: string, match: (p: string) => boolean): boolean {
  for (let i = rel.indexOf("/"); i !== -1; i = rel.indexOf("/", i + 1)) {
    if (match(rel.slice(0, i))) return true;
  }
  return false;
}

function normalizeMount(mount: string): string | null {
  if (!mount.startsWith("/") || mount.split("/").includes("..")) return null;
  return canonicalMount(mount);
}

export function compareFiles(a: ResolvedFile, b: ResolvedFile): number {
  if (a.mount !== b.mount) return a.mount < b.mount ? -1 : 1;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return 0;
}
