// Reading an object's body into memory without trusting its size: shared by the downloader (the
// manifest it fetches) and gc (every manifest a reference names), since whoever can write to the
// bucket decides how large an object is.
import type { Readable } from "node:stream";

/**
 * A body that went past the bytes it may have (a blob's size in the manifest, the manifest's cap):
 * reading stopped there, or never began when its Content-Length said so. Not transient: the object
 * itself is wrong.
 */
export class TooLargeError extends Error {
  override name = "TooLargeError";
  /** For src/artifacts/retry.ts: no retry can shrink the object. */
  readonly retryable = false;
  constructor(
    /** The most bytes the body may have. */
    readonly limit: number,
    /** Bytes received when reading stopped: more than `limit`, by at most one chunk. */
    readonly received: number,
    /** The Content-Length that refused the body unread, if that is how. */
    readonly declared?: number,
  ) {
    super(
      declared === undefined
        ? `body is larger than ${limit} bytes (stopped after ${received})`
        : `body is larger than ${limit} bytes (Content-Length ${declared})`,
    );
  }

  /** How the size is known, for messages. */
  get detail(): string {
    return this.declared === undefined
      ? `reading stopped after ${this.received} bytes`
      : `S3 says ${this.declared} bytes`;
  }
}

/**
 * Reads a whole body into memory, but never more than `maxBytes` of it: a body that goes past
 * that, or whose `length` (its Content-Length, if sent) says it would, is destroyed (its
 * connection closed) and a TooLargeError thrown, so memory holds at most `maxBytes` plus one chunk
 * whatever the object's size.
 */
export async function readAtMost(
  body: Readable,
  maxBytes: number,
  length?: number,
): Promise<Buffer> {
  if (length !== undefined && length > maxBytes) {
    body.destroy();
    throw new TooLargeError(maxBytes, 0, length);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer | Uint8Array | string>) {
    const bytes = Buffer.from(chunk);
    size += bytes.length;
    if (size > maxBytes) {
      body.destroy();
      throw new TooLargeError(maxBytes, size);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}
