// What says a local file is still the one that was hashed: its size, its modification time and
// its inode, taken by the hash worker as it opens the file and again once its blob is in S3. A file still being written (a
// training job's output, a copy in progress) differs between the two, and must not be named by a
// manifest: its blob holds the bytes of some moment, not the finished file.
import { stat } from "node:fs/promises";
import { ArtifactReadError, FileChangedError, PERMISSION_HINT } from "./errors.ts";

export interface FileState {
  size: bigint;
  mtimeNs: bigint;
  ino: bigint;
  dev: bigint;
}

/**
 * What to report when the file at `path` could not be opened, read or stat'ed (`err`, as node's
 * fs gives it) during the upload: a file that is gone was removed since it was listed (a
 * FileChangedError saying `left` of what is in S3); one that cannot be read says why. Either way
 * the local file's problem, never S3's.
 */
export function localFileError(path: string, err: unknown, left?: string): ArtifactReadError {
  if (err instanceof ArtifactReadError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "ENOENT" || code === "ENOTDIR")
    return new FileChangedError({ path, why: "it was removed", left });
  const message = err instanceof Error ? err.message : String(err);
  const hint = code === "EACCES" || code === "EPERM" ? ` ${PERMISSION_HINT}` : "";
  return new ArtifactReadError(`cannot read the artifact ${path}: ${message}${hint}`);
}

/** The file's state now; a file that is gone or unreadable fails as localFileError says. */
export async function fileState(path: string, left?: string): Promise<FileState> {
  try {
    const s = await stat(path, { bigint: true });
    return { size: s.size, mtimeNs: s.mtimeNs, ino: s.ino, dev: s.dev };
  } catch (err) {
    throw localFileError(path, err, left);
  }
}

/** How the file changed from `before` to `after`, for FileChangedError; undefined if it did not. */
export function describeChange(before: FileState, after: FileState): string | undefined {
  if (after.dev !== before.dev || after.ino !== before.ino)
    return "another file was put in its place after it was hashed";
  if (after.size !== before.size)
    return `it had ${before.size} bytes when hashed and has ${after.size} now`;
  if (after.mtimeNs !== before.mtimeNs) return "it was modified after it was hashed";
  return undefined;
}
