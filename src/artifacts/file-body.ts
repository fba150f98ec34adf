// A request body that reads a byte range of a file into a few reused buffers.
//
// Why: a plain fs.createReadStream allocates a new buffer for every chunk. Uploading gigabytes
// that way allocates gigabytes of short-lived ArrayBuffers, and V8 answers the external memory
// with a full mark-compact every few dozen megabytes (about 70 for 3 GB, ~3 CPU-seconds on the
// benchmark), on a machine whose CPU is what limits the upload.
//
// The SDK sends a Readable body with `body.pipe(request)`, so `pipe` is where the bytes go out:
// each chunk is written with a callback, and the callback (the socket has handed the bytes to the
// kernel) is the moment its buffer may be read into again. That holds for an HTTP request only: a
// Transform or a hasher may call back while still holding the chunk. Every other consumer (the
// SDK's checksum and aws-chunked wrappers pipe into one and listen to 'data') gets ordinary fresh
// buffers from `_read`, so the object is a correct Readable either way.
import { type FileHandle, open } from "node:fs/promises";
import { ClientRequest } from "node:http";
import { Readable, type Writable } from "node:stream";
import { type ArtifactReadError, FileChangedError } from "./errors.ts";
import { localFileError } from "./file-state.ts";

const CHUNK = 1024 * 1024;

/** Buffers handed back once their bytes are written; shared by every body in the process. */
const free: Buffer[] = [];
/** Enough for every request of a busy upload to have one buffer out and one being filled. */
const KEEP = 64;

function take(): Buffer {
  return free.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
}

function give(buf: Buffer): void {
  if (free.length < KEEP) free.push(buf);
}

export class FileBody extends Readable {
  readonly #path: string;
  readonly #end: number;
  #pos: number;
  #fh: FileHandle | undefined;
  #piped = false;
  #failure: ArtifactReadError | undefined;

  readonly #onWritten: ((bytes: number) => void) | undefined;

  /** Bytes [start, end) of the file at `path`; `onWritten` hears of each chunk sent. */
  constructor(path: string, start: number, end: number, onWritten?: (bytes: number) => void) {
    super({ highWaterMark: CHUNK });
    this.#path = path;
    this.#pos = start;
    this.#end = end;
    this.#onWritten = onWritten;
  }

  async #handle(): Promise<FileHandle> {
    this.#fh ??= await open(this.#path, "r");
    return this.#fh;
  }

  /**
   * Why the file could not be read, when it could not (removed, shortened, unreadable): the
   * request this body is sent with fails too, but only this says it was the file's doing.
   */
  get failure(): ArtifactReadError | undefined {
    return this.#failure;
  }

  /** Reads the next chunk into `buf`; an empty result means the range is done. */
  async #next(buf: Buffer): Promise<Buffer> {
    const want = Math.min(buf.length, this.#end - this.#pos);
    if (want <= 0) return buf.subarray(0, 0);
    let bytesRead: number;
    try {
      const fh = await this.#handle();
      ({ bytesRead } = await fh.read(buf, 0, want, this.#pos));
    } catch (err) {
      this.#failure ??= localFileError(this.#path, err);
      throw this.#failure;
    }
    // The file shrank under us: fail rather than send a short body the length header contradicts.
    if (bytesRead === 0) {
      this.#failure ??= new FileChangedError({
        path: this.#path,
        why: `it ends at byte ${this.#pos}, and had at least ${this.#end} when hashed`,
      });
      throw this.#failure;
    }
    this.#pos += bytesRead;
    return buf.subarray(0, bytesRead);
  }

  override _read(): void {
    this.#next(Buffer.allocUnsafe(CHUNK)).then(
      (chunk) => {
        // Handed to the consumer, which is as near to sent as this path can tell.
        if (chunk.length > 0) this.#onWritten?.(chunk.length);
        this.push(chunk.length > 0 ? chunk : null);
      },
      (err: Error) => this.#fail(err),
    );
  }

  /**
   * Destroys the body, with `err` for whoever listens. An 'error' nobody listens to would end the
   * process (the request already failed and its wrapper let go); and 'error' is emitted a tick
   * after destroy(), by when the last listener may have left, hence the no-op one.
   */
  #fail(err: Error): void {
    if (this.listenerCount("error") === 0) {
      this.destroy();
      return;
    }
    this.on("error", () => {});
    this.destroy(err);
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    const fh = this.#fh;
    this.#fh = undefined;
    if (!fh) {
      callback(err);
      return;
    }
    const done = (): void => callback(err);
    fh.close().then(done, done);
  }

  override pipe<T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T {
    // Only the first consumer, and only an HTTP request, takes the pooled path.
    if (this.#piped || this.readableFlowing !== null || !(dest instanceof ClientRequest))
      return super.pipe(dest, options);
    this.#piped = true;
    this.#pump(dest, options?.end !== false).catch((err: unknown) => {
      const error = err instanceof Error ? err : new Error(String(err));
      // The request must fail (and be retried with a new body), not hang waiting for bytes. The
      // request reports the error; the body repeats it only to a listener.
      dest.destroy(error);
      this.#fail(error);
    });
    return dest;
  }

  async #pump(dest: Writable, end: boolean): Promise<void> {
    let failed: Error | undefined;
    const onClose = (): void => {
      failed ??= new Error("the request closed before its body was sent");
    };
    dest.once("close", onClose);
    try {
      for (;;) {
        if (failed || dest.destroyed) throw failed ?? new Error("the request was destroyed");
        const buf = take();
        let chunk: Buffer;
        try {
          chunk = await this.#next(buf);
        } catch (err) {
          give(buf);
          throw err;
        }
        if (chunk.length === 0) {
          give(buf);
          break;
        }
        // The callback runs once the socket no longer needs the bytes, error or not; a buffer
        // whose write never completes (socket destroyed) is simply not reused.
        const more = dest.write(chunk, (err) => {
          give(buf);
          if (!err) this.#onWritten?.(chunk.length);
        });
        if (!more) await drained(dest);
      }
      if (end) dest.end();
      // Ends the body, and autoDestroy closes the file in _destroy (as destroy() does on failure).
      this.push(null);
      this.resume();
    } finally {
      dest.off("close", onClose);
    }
  }
}

function drained(dest: Writable): Promise<void> {
  // Destroyed while the chunk was being read: 'close' has been and gone, and no 'drain' will come.
  if (dest.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      dest.off("drain", done);
      dest.off("close", done);
      resolve();
    };
    dest.on("drain", done);
    dest.on("close", done);
  });
}
