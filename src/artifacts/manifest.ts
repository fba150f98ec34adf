// The artifact manifest: what the uploader writes and the downloader reads. One manifest per API
// names every file the pod sees, by content hash, so the custom resource can refer to a whole set
// of files with one immutable key.
import { createHash } from "node:crypto";
import { posix } from "node:path";

/** One file as the pod sees it. */
export interface ManifestFile {
  /** Path relative to `mount`, with forward slashes, never absolute, never containing `..`. */
  path: string;
  /** Absolute folder in the pod where the file appears, e.g. /mnt/artifacts. */
  mount: string;
  /** Lowercase hex SHA-256 of the file's bytes; also its blob key. */
  sha256: string;
  size: number;
  /** POSIX permission bits, e.g. 0o644 (420). */
  mode: number;
}

export interface Manifest {
  version: 1;
  /** Sorted by mount, then path, so equal sets of files give equal bytes and hashes. */
  files: ManifestFile[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The most bytes the downloader (and gc) reads of a manifest, which it holds in memory. The custom
 * resource names the manifest by its SHA-256 only, not its size, so the hash can be checked only
 * once the whole object is read; without a cap, whoever can write to the bucket could put a
 * multi-gigabyte object at the manifest's key and exhaust the pod's memory first. A manifest entry
 * is about 150 bytes plus its path, so 64 MiB holds some 200,000 files or more: far beyond a
 * model's artifacts.
 */
export const MANIFEST_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The SHA-256 of a manifest's bytes when it is not `sha256`, the hex its key names; undefined when
 * it is. A manifest is known only by its hash, so other bytes at its key are not that manifest,
 * however valid they are.
 */
export function manifestDigestMismatch(bytes: Uint8Array, sha256: string): string | undefined {
  const actual = createHash("sha256").update(bytes).digest("hex");
  return actual === sha256 ? undefined : actual;
}

function joinKey(prefix: string, rest: string): string {
  const clean = prefix.replace(/^\/+|\/+$/g, "");
  return clean === "" ? rest : `${clean}/${rest}`;
}

/** `<prefix>/` ("" for the bucket's root): how every key under the prefix starts. */
export function prefixRoot(prefix: string): string {
  return joinKey(prefix, "");
}

/** `<prefix>/blobs/sha256/<hex>` */
export function blobKey(prefix: string, sha256: string): string {
  return joinKey(prefix, `blobs/sha256/${sha256}`);
}

/** `<prefix>/manifests/sha256/`: where every manifest key starts. */
export function manifestsRoot(prefix: string): string {
  return joinKey(prefix, "manifests/sha256/");
}

/** `<prefix>/manifests/sha256/<hex>.json` */
export function manifestKey(prefix: string, sha256: string): string {
  return `${manifestsRoot(prefix)}${sha256}.json`;
}

function compareFiles(a: ManifestFile, b: ManifestFile): number {
  if (a.mount !== b.mount) return a.mount < b.mount ? -1 : 1;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return 0;
}

/** Canonical bytes of a manifest: sorted files, fixed key order, no whitespace. */
export function serializeManifest(files: readonly ManifestFile[]): string {
  const sorted = [...files].sort(compareFiles);
  const manifest: Manifest = {
    version: 1,
    files: sorted.map((f) => ({
      path: f.path,
      mount: f.mount,
      sha256: f.sha256,
      size: f.size,
      mode: f.mode,
    })),
  };
  return `${JSON.stringify(manifest)}\n`;
}

/** What the downloader accepts as a file's path under its mount (pure). */
export function isSafeRelativePath(p: string): boolean {
  if (p === "" || p.startsWith("/") || p.includes("\\") || p.includes("\0")) return false;
  return p.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

/**
 * Parses and checks a manifest read from S3. Throws an Error naming the problem; a manifest is
 * trusted only after this, since the downloader writes files where it says.
 */
export function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`artifact manifest is not JSON: ${(err as Error).message}`);
  }
  if (typeof value !== "object" || value === null)
    throw new Error("artifact manifest: not an object");
  const obj = value as { version?: unknown; files?: unknown };
  if (obj.version !== 1)
    throw new Error(`artifact manifest: unsupported version ${String(obj.version)}`);
  if (!Array.isArray(obj.files)) throw new Error("artifact manifest: files is not a list");
  const files = obj.files.map((raw: unknown, i): ManifestFile => {
    const f = raw as Partial<Record<keyof ManifestFile, unknown>>;
    const where = `artifact manifest: files[${i}]`;
    if (typeof f.path !== "string" || !isSafeRelativePath(f.path))
      throw new Error(`${where}.path is not a safe relative path`);
    if (
      typeof f.mount !== "string" ||
      !f.mount.startsWith("/") ||
      f.mount.split("/").includes("..")
    )
      throw new Error(`${where}.mount is not an absolute path`);
    if (typeof f.sha256 !== "string" || !SHA256_HEX.test(f.sha256))
      throw new Error(`${where}.sha256 is not a SHA-256 hex digest`);
    if (typeof f.size !== "number" || !Number.isSafeInteger(f.size) || f.size < 0)
      throw new Error(`${where}.size is not a byte count`);
    // No setuid, setgid or sticky bit, and readable by its owner: the downloader checks a present
    // file by reading it, so an unreadable one would fail every restart of the pod.
    if (
      typeof f.mode !== "number" ||
      !Number.isInteger(f.mode) ||
      f.mode < 0 ||
      f.mode > 0o777 ||
      (f.mode & 0o400) === 0
    )
      throw new Error(
        `${where}.mode is not a permission mode from 0400 to 0777 its owner can read`,
      );
    return { path: f.path, mount: f.mount, sha256: f.sha256, size: f.size, mode: f.mode };
  });
  checkDestinations(files);
  return { version: 1, files };
}

/** Each file has a place of its own: no two write the same path, none sits where a folder must. */
function checkDestinations(files: readonly ManifestFile[]): void {
  const owner = new Map<string, number>();
  files.forEach((f, i) => {
    const dest = posix.join(f.mount, f.path);
    const other = owner.get(dest);
    if (other !== undefined) {
      throw new Error(`artifact manifest: files[${other}] and files[${i}] both write ${dest}`);
    }
    owner.set(dest, i);
  });
  const clash = fileWhereFolderIsNeeded(owner);
  if (clash) {
    throw new Error(
      `artifact manifest: files[${clash.fileOwner}] writes the file ${clash.folder}, which files[${clash.owner}] needs as a folder`,
    );
  }
}

/**
 * The first destination whose folder (or a folder above) is itself another destination's file:
 * `/m/x` and `/m/x/y`. `byDest` maps absolute destinations to whoever writes them.
 */
export function fileWhereFolderIsNeeded<T>(
  byDest: ReadonlyMap<string, T>,
): { dest: string; folder: string; owner: T; fileOwner: T } | undefined {
  for (const [dest, owner] of byDest) {
    for (let folder = posix.dirname(dest); folder !== "/"; folder = posix.dirname(folder)) {
      const fileOwner = byDest.get(folder);
      if (fileOwner !== undefined) return { dest, folder, owner, fileOwner };
    }
  }
  return undefined;
}
