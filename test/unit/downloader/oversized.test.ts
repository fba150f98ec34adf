// Bodies longer than they may be: whoever can write to the bucket must not be able to make the
// downloader hold or write more than the manifest's cap or a blob's size. The sources here are
// in-memory streams that count what was pulled from them, so "stopped near the limit" is exact.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DownloadError } from "../../../controller/src/downloader/errors.ts";
import { streamToFile, writeAtomically } from "../../../controller/src/downloader/files.ts";
import { fetchManifest } from "../../../controller/src/downloader/restore.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";
import { readAtMost, TooLargeError } from "../../../src/artifacts/bounded-read.ts";
import { MANIFEST_MAX_BYTES, manifestKey } from "../../../src/artifacts/manifest.ts";

const CHUNK = 64 * 1024;
const LIMIT = 256 * 1024;
/** Far more than the limit, and finite, so code that reads to the end still finishes. */
const TOTAL = 16 * 1024 * 1024;

/** A body of `total` bytes in CHUNK-sized pieces that counts how many bytes were pulled. */
function countingBody(total = TOTAL) {
  const counter = { pulled: 0 };
  const body = new Readable({
    read() {
      if (counter.pulled >= total) {
        this.push(null);
        return;
      }
      counter.pulled += CHUNK;
      this.push(Buffer.alloc(CHUNK, 0x61));
    },
  });
  return { body, counter };
}

// What may be pulled beyond the limit before the reader notices: the chunk that crosses it, and
// what the streams between source and reader buffer (a few chunks at most).
const SLACK = 4 * CHUNK;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cortex-oversized-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a blob body longer than its size in the manifest", () => {
  it("stops streamToFile at the limit: the source is destroyed and nothing past it is written", async () => {
    const { body, counter } = countingBody();
    const file = path.join(dir, "blob");
    const err = await streamToFile(body, file, LIMIT, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect(err).toMatchObject({ limit: LIMIT, received: LIMIT + CHUNK });
    expect(body.destroyed).toBe(true);
    expect(counter.pulled).toBeLessThanOrEqual(LIMIT + SLACK);
    expect((await stat(file)).size).toBeLessThanOrEqual(LIMIT);
  });

  it("leaves no partial file when written atomically", async () => {
    const { body } = countingBody();
    const dest = path.join(dir, "w.bin");
    const failed = writeAtomically(dest, 0o644, async (temp) => {
      await streamToFile(body, temp, LIMIT, () => {});
    });
    await expect(failed).rejects.toBeInstanceOf(TooLargeError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes a body of exactly the limit", async () => {
    const { body } = countingBody(LIMIT);
    const digest = await streamToFile(body, path.join(dir, "blob"), LIMIT, () => {});
    expect(digest.size).toBe(LIMIT);
  });
});

describe("reading the manifest", () => {
  it("readAtMost stops near the limit and destroys the body", async () => {
    const { body, counter } = countingBody();
    const err = await readAtMost(body, LIMIT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect(body.destroyed).toBe(true);
    expect(counter.pulled).toBeLessThanOrEqual(LIMIT + SLACK);
    const small = countingBody(LIMIT);
    expect((await readAtMost(small.body, LIMIT)).length).toBe(LIMIT);
  });

  /** An S3 client whose GetObject answers `body`, with `length` as its Content-Length. */
  function fakeClient(body: Readable, length?: number): S3Client {
    return {
      send: async () => ({ Body: body, ContentLength: length }),
    } as unknown as S3Client;
  }

  const sha = createHash("sha256").update("the real manifest").digest("hex");
  const options = (client: S3Client, manifestMaxBytes?: number) => ({
    client,
    bucket: "models",
    prefix: "p",
    manifestSha256: sha,
    root: dir,
    concurrency: 1,
    attempts: 3,
    progressIntervalMs: 60_000,
    retryBaseMs: 1,
    log: createLogger("downloader", { write: () => {} }),
    ...(manifestMaxBytes === undefined ? {} : { manifestMaxBytes }),
  });
  const url = `s3://models/${manifestKey("p", sha)}`;

  it("refuses an object at the manifest key larger than the cap, sent without a length, having read little of it", async () => {
    const { body, counter } = countingBody();
    const err = await fetchManifest(options(fakeClient(body), LIMIT)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err).toMatchObject({ kind: "manifest" });
    expect((err as Error).message).toBe(
      `artifact manifest ${url} is larger than the ${LIMIT} bytes the downloader accepts for a manifest (reading stopped after ${LIMIT + CHUNK} bytes)`,
    );
    expect(counter.pulled).toBeLessThanOrEqual(LIMIT + SLACK);
    expect(body.destroyed).toBe(true);
  });

  it("refuses one whose Content-Length is larger than the cap without reading it", async () => {
    const { body, counter } = countingBody();
    const err = await fetchManifest(options(fakeClient(body, TOTAL), LIMIT)).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toBe(
      `artifact manifest ${url} is larger than the ${LIMIT} bytes the downloader accepts for a manifest (S3 says ${TOTAL} bytes)`,
    );
    expect(counter.pulled).toBeLessThanOrEqual(SLACK);
    expect(body.destroyed).toBe(true);
  });

  it("caps a manifest at 64 MiB unless told otherwise", async () => {
    expect(MANIFEST_MAX_BYTES).toBe(64 * 1024 * 1024);
    const { body } = countingBody();
    const err = await fetchManifest(options(fakeClient(body, MANIFEST_MAX_BYTES + 1))).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toContain(
      `larger than the ${MANIFEST_MAX_BYTES} bytes the downloader accepts`,
    );
  });
});
