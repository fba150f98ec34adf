// Local file operations: hashing what is already there, and writing atomically (temp file in the
// same folder, chmod, rename), so a crash never leaves a file that looks complete but is not.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir, readdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { TooLargeError } from "../../../src/artifacts/bounded-read.ts";

export interface Digest {
  size: number;
  sha256: string;
}

/**
 * A pass-through stream that hashes and counts what flows through it. A chunk that would take it
 * past `limit` bytes is not passed on: the stream fails with a TooLargeError instead, so a body
 * longer than it should be never gets further than its limit.
 */
export class HashingStream extends Transform {
  private readonly hash = createHash("sha256");
  size = 0;

  constructor(
    private readonly onBytes: (n: number) => void = () => {},
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {
    super();
  }

  override _transform(
    chunk: Buffer,
    _enc: BufferEncoding,
    cb: (err?: Error | null, data?: Buffer) => void,
  ): void {
    if (this.size + chunk.length > this.limit) {
      cb(new TooLargeError(this.limit, this.size + chunk.length));
      return;
    }
    this.hash.update(chunk);
    this.size += chunk.length;
    this.onBytes(chunk.length);
    cb(null, chunk);
  }

  digest(): Digest {
    return { size: this.size, sha256: this.hash.digest("hex") };
  }
}

/**
 * Whether `dest` already holds the expected bytes: same size (cheap, checked first), then same
 * SHA-256. Fixes the mode of a file that is right but has other permission bits.
 */
export async function isPresent(dest: string, expected: Digest, mode: number): Promise<boolean> {
  const info = await stat(dest).catch(() => undefined);
  if (info === undefined || !info.isFile() || info.size !== expected.size) return false;
  const hasher = new HashingStream();
  await pipeline(createReadStream(dest), hasher, async (source: AsyncIterable<Buffer>) => {
    for await (const _ of source);
  });
  if (hasher.digest().sha256 !== expected.sha256) return false;
  if ((info.mode & 0o7777) !== mode) await chmod(dest, mode);
  return true;
}

// Temp files are `.cdpartial-<16 hex>`: a fixed 27 bytes, whatever the final name, so a file whose
// own name is near the file system's limit (255 bytes on Linux) can still be written. Versions
// before this one named them `.<name>.partial-<8 hex>`; those are matched too, since an emptyDir
// may hold what an older pod's killed run left.
const PARTIAL = /^\.cdpartial-[0-9a-f]{16}$/;
const OLD_PARTIAL = /^\..+\.partial-[0-9a-f]{8}$/;

/** Whether a file name is one of the downloader's temp files (this version's or an older one's). */
export function isPartialName(name: string): boolean {
  return PARTIAL.test(name) || OLD_PARTIAL.test(name);
}

function tempName(dest: string): string {
  return path.join(path.dirname(dest), `.cdpartial-${randomBytes(8).toString("hex")}`);
}

/**
 * Removes temp files a killed earlier run left in these folders (an emptyDir survives container
 * restarts), so the model server never sees them. Returns how many it removed.
 */
export async function removeStalePartials(dirs: Iterable<string>): Promise<number> {
  let removed = 0;
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!isPartialName(name)) continue;
      await unlink(path.join(dir, name)).catch(() => {});
      removed++;
    }
  }
  return removed;
}

/**
 * Runs `write(tempPath)` and, if it resolves, gives the temp file `mode` and renames it to `dest`.
 * On failure the temp file is removed and `dest` is untouched.
 */
export async function writeAtomically(
  dest: string,
  mode: number,
  write: (tempPath: string) => Promise<void>,
): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  const temp = tempName(dest);
  try {
    await write(temp);
    await chmod(temp, mode);
    await rename(temp, dest);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}

/**
 * Streams `body` into `file`, hashing on the way; returns what was written. A body longer than
 * `maxBytes` fails with a TooLargeError as soon as the chunk that crosses it arrives: `body` is
 * destroyed (for an S3 response, its connection closed), and `file` holds at most `maxBytes`
 * bytes, which the caller removes. Without this, a body sent without a Content-Length (or with a
 * wrong one) would be written until it ended, however large, and only its size checked then.
 */
export async function streamToFile(
  body: Readable,
  file: string,
  maxBytes: number,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<Digest> {
  const hasher = new HashingStream(onBytes, maxBytes);
  await pipeline(body, hasher, createWriteStream(file), signal === undefined ? {} : { signal });
  return hasher.digest();
}
