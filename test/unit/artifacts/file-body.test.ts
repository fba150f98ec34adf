// FileBody against real node:http sockets: the pooled path must never reuse a buffer whose bytes
// are still on their way, even when the server reads slowly and many bodies share the pool.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileChangedError } from "../../../src/artifacts/errors.ts";
import { FileBody } from "../../../src/artifacts/file-body.ts";

const MIB = 1024 * 1024;
let dir: string;
let data: Buffer;
let file: string;
let server: Server;
let port: number;
/** The server waits this long before reading a body, so writes back up past the kernel's socket
 * buffers (several MB on loopback) into the client's own queue. */
let readDelayMs = 0;

const sha = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "file-body-test-"));
  // Not a multiple of the 1 MiB chunk, so the last chunk is short.
  data = randomBytes(40 * MIB + 12_345);
  file = join(dir, "blob");
  await writeFile(file, data);
  server = createServer((req: IncomingMessage, res) => {
    const hash = createHash("sha256");
    let bytes = 0;
    if (readDelayMs > 0) {
      req.pause();
      setTimeout(() => req.resume(), readDelayMs);
    }
    req.on("data", (chunk: Buffer) => {
      if (req.headers["x-reset"]) req.socket.destroy();
      hash.update(chunk);
      bytes += chunk.length;
    });
    req.on("end", () => res.end(JSON.stringify({ sha256: hash.digest("hex"), bytes })));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function send(
  body: FileBody,
  length: number,
  headers: Record<string, string> = {},
): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method: "PUT", headers: { ...headers, "content-length": length } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () => resolve(JSON.parse(text) as { sha256: string; bytes: number }));
      },
    );
    req.on("error", reject);
    body.pipe(req);
  });
}

describe("FileBody", () => {
  it("sends exactly its byte range into an HTTP request", async () => {
    for (const [start, end] of [
      [0, data.length],
      [MIB - 1, 3 * MIB + 2],
      [data.length - 10, data.length],
    ] as const) {
      const body = new FileBody(file, start, end);
      const got = await send(body, end - start);
      expect(got).toEqual({ sha256: sha(data.subarray(start, end)), bytes: end - start });
      // Its file is closed once the body is done.
      if (!body.closed) await new Promise((resolve) => body.on("close", resolve));
      expect(body.errored).toBeNull();
    }
  });

  it("keeps every body intact when many share the buffer pool behind a slow reader", async () => {
    readDelayMs = 100;
    try {
      // Bodies larger than the kernel will buffer, all at once: each waits on drain with a chunk
      // still queued while the others read into whatever buffers the pool has.
      const ranges = Array.from({ length: 8 }, (_, i) => {
        const start = i * 811_111;
        return [start, start + 32 * MIB + i * 1000] as const;
      });
      const got = await Promise.all(
        ranges.map(([start, end]) => send(new FileBody(file, start, end), end - start)),
      );
      expect(got).toEqual(
        ranges.map(([start, end]) => ({
          sha256: sha(data.subarray(start, end)),
          bytes: end - start,
        })),
      );
    } finally {
      readDelayMs = 0;
    }
  });

  it("reads as an ordinary stream for any other consumer", async () => {
    const start = 100;
    const end = 8 * MIB + 100;
    const chunks: Buffer[] = [];
    // A Transform calls back while it still holds the chunk, so it must not get pooled buffers.
    const through = new PassThrough();
    through.on("data", (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => through.on("end", resolve));
    new FileBody(file, start, end).pipe(through);
    await ended;
    expect(sha(Buffer.concat(chunks))).toBe(sha(data.subarray(start, end)));
  });

  it("fails the request, naming the file, when the file is shorter than its range", async () => {
    const short = join(dir, "short");
    await writeFile(short, data.subarray(0, 2 * MIB));
    await truncate(short, MIB);
    const body = new FileBody(short, 0, 2 * MIB);
    const failed = new Promise<Error>((resolve) => body.on("error", resolve));
    await expect(send(body, 2 * MIB)).rejects.toThrow();
    const message =
      `${short} changed while it was being uploaded (it ends at byte ${MIB}, and had at least ` +
      `${2 * MIB} when hashed); nothing was written for it. Upload again once it no longer changes.`;
    expect((await failed).message).toBe(message);
    // Kept for the uploader, which reports it rather than how the request ended.
    expect(body.failure).toBeInstanceOf(FileChangedError);
    expect(body.failure?.message).toBe(message);
  });

  it("says the file was removed when it is gone, as the file's problem", async () => {
    const gone = join(dir, "gone");
    const body = new FileBody(gone, 0, MIB);
    body.on("error", () => {});
    await expect(send(body, MIB)).rejects.toThrow();
    expect(body.failure).toBeInstanceOf(FileChangedError);
    expect(body.failure?.message).toBe(
      `${gone} changed while it was being uploaded (it was removed); nothing was written for it. ` +
        "Upload again once it no longer changes.",
    );
  });

  it("closes without an uncaught error when a file shrinks and no one listens any more", async () => {
    const short = join(dir, "short-unheard");
    await writeFile(short, data.subarray(0, 2 * MIB));
    await truncate(short, MIB);
    // An ordinary reader that stopped listening for errors, as a consumer does once its request
    // has failed: the read past the end must not become an uncaught 'error' (it ended the process).
    const body = new FileBody(short, 0, 2 * MIB);
    let bytes = 0;
    body.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    await new Promise((resolve) => body.on("close", resolve));
    expect(bytes).toBe(MIB);
    expect(body.readableEnded).toBe(false);
  });

  it("does not end the process when its listener leaves between the failure and the 'error'", async () => {
    const short = join(dir, "short-left");
    await writeFile(short, data.subarray(0, 2 * MIB));
    await truncate(short, MIB);
    const body = new FileBody(short, 0, 2 * MIB);
    const listener = (): void => {};
    body.on("error", listener);
    // The consumer lets go right after the body is destroyed: 'error' comes a tick later.
    const destroy = body.destroy.bind(body);
    body.destroy = (err?: Error) => {
      destroy(err);
      body.off("error", listener);
      return body;
    };
    body.resume();
    await new Promise((resolve) => body.on("close", resolve));
    expect(body.errored?.message).toContain(`(it ends at byte ${MIB}`);
  });

  it("ends quietly when the server resets the connection mid-body, so the request can be retried", async () => {
    const body = new FileBody(file, 0, 32 * MIB);
    await expect(send(body, 32 * MIB, { "x-reset": "1" })).rejects.toThrow(
      /closed before its body was sent|socket hang up|ECONNRESET|EPIPE/,
    );
    // Nothing listened for the body's errors, and none reached the process: it just closed.
    // (events.once would listen for 'error' too, which changes what it tests.)
    if (!body.closed) await new Promise((resolve) => body.on("close", resolve));
    expect(body.errored).toBeNull();
  });
});
