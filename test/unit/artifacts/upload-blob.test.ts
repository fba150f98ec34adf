// What uploadBlob does when S3 refuses a blob's bytes (BadDigest), with a stub client in place of
// S3 (the integration tests do the same against versitygw for a file that really changed): a file
// that still hashes as before was damaged on the way and is retried; one that no longer does fails
// at once, without resending.
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FileChangedError } from "../../../src/artifacts/errors.ts";
import { createLimiter } from "../../../src/artifacts/limit.ts";
import { DEFAULT_RETRY, isRetryable } from "../../../src/artifacts/retry.ts";
import { type Blob, uploadBlob } from "../../../src/artifacts/upload-blob.ts";

const fast = { ...DEFAULT_RETRY, baseDelayMs: 1, throttleBaseDelayMs: 1, maxDelayMs: 2 };
const badDigest = () =>
  Object.assign(new Error("The SHA256 you specified did not match the calculated checksum."), {
    name: "BadDigest",
    $metadata: { httpStatusCode: 400 },
  });

/** A client whose PUT answers BadDigest `failures` times, then succeeds; it counts the PUTs. */
function stubClient(failures: number, onPut?: () => Promise<void>) {
  const state = { puts: 0 };
  const client = {
    send: async (command: { input: { ChecksumSHA256?: string } }) => {
      state.puts++;
      await onPut?.();
      if (state.puts <= failures) throw badDigest();
      return { ChecksumSHA256: command.input.ChecksumSHA256 };
    },
  } as unknown as S3Client;
  return { client, state };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "upload-blob-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function blobOf(bytes: Buffer): Promise<Blob> {
  const source = join(dir, "w.bin");
  await writeFile(source, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { key: `p/blobs/sha256/${sha256}`, source, size: bytes.length, sha256 };
}

const ctx = (client: S3Client, retries: string[]) => ({
  client,
  bucket: "b",
  limiter: createLimiter(4),
  retry: fast,
  onRetry: (what: string) => retries.push(what),
});

describe("uploadBlob and BadDigest", () => {
  it("retries when the file still hashes as before (bytes damaged on the way)", async () => {
    const blob = await blobOf(Buffer.from("the weights, unchanged"));
    const { client, state } = stubClient(2);
    const retries: string[] = [];
    await uploadBlob(ctx(client, retries), blob, { multipart: false });
    expect(state.puts).toBe(3);
    expect(retries).toHaveLength(2);
  });

  it("fails at once, naming the file, when it no longer hashes as before", async () => {
    const blob = await blobOf(Buffer.from("the weights, as hashed"));
    await writeFile(blob.source, "the weights, rewritten");
    const { client, state } = stubClient(Number.POSITIVE_INFINITY);
    const retries: string[] = [];
    const err = await uploadBlob(ctx(client, retries), blob, { multipart: false }).catch(
      (e: unknown) => e,
    );
    expect(state.puts).toBe(1);
    expect(retries).toEqual([]);
    expect(err).toBeInstanceOf(FileChangedError);
    expect((err as Error).message).toMatch(
      new RegExp(`^${blob.source.replace(/[.]/g, "\\.")} changed while it was being uploaded`),
    );
    expect((err as Error).message).toContain("nothing was written for it");
  });

  it("says so when the file is gone", async () => {
    const blob = await blobOf(Buffer.from("the weights"));
    const { client } = stubClient(Number.POSITIVE_INFINITY, () => rm(blob.source));
    const err = await uploadBlob(ctx(client, []), blob, { multipart: false }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FileChangedError);
    expect((err as Error).message).toContain("(it was removed)");
  });

  it("does not hash again bytes sent from memory: they are the ones hashed", async () => {
    const bytes = Buffer.from("kept by the hash worker");
    const blob = { ...(await blobOf(bytes)), bytes: new Uint8Array(bytes) };
    await writeFile(blob.source, "changed on disk, not sent");
    const { client, state } = stubClient(1);
    await uploadBlob(ctx(client, []), blob, { multipart: false });
    expect(state.puts).toBe(2);
  });
});

/** A stub of S3's multipart API that records the commands sent, by name. */
function multipartClient(answer: (name: string, input: Record<string, unknown>) => unknown) {
  const sent: string[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, "");
      sent.push(name);
      const body = command.input.Body;
      // Read a streamed body to its end, as S3 does.
      if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function")
        for await (const _ of body as AsyncIterable<unknown>);
      return answer(name, command.input);
    },
  } as unknown as S3Client;
  return { client, sent };
}

describe("uploadBlob, multipart", () => {
  const plan = {
    multipart: true as const,
    partSize: 4,
    parts: [
      { number: 1, start: 0, end: 4 },
      { number: 2, start: 4, end: 6 },
    ],
  };
  const digest = (b: Buffer) => createHash("sha256").update(b).digest("base64");
  const partDigests = [digest(Buffer.from("abcd")), digest(Buffer.from("ef"))];
  const answer = (composite: string) => (name: string, input: Record<string, unknown>) => {
    if (name === "CreateMultipartUpload") return { UploadId: "u1" };
    if (name === "UploadPart")
      return { ETag: `"e${input.PartNumber}"`, ChecksumSHA256: input.ChecksumSHA256 };
    if (name === "CompleteMultipartUpload") return { ChecksumSHA256: composite };
    // Asked after an abort: the upload is gone.
    if (name === "ListParts")
      throw Object.assign(new Error("gone"), {
        name: "NoSuchUpload",
        $metadata: { httpStatusCode: 404 },
      });
    return {};
  };
  const composite = `${createHash("sha256")
    .update(Buffer.concat(partDigests.map((d) => Buffer.from(d, "base64"))))
    .digest("base64")}-2`;

  it("sends each part with the digest the hash worker took, and completes", async () => {
    const blob = { ...(await blobOf(Buffer.from("abcdef"))), partSha256: partDigests };
    const { client, sent } = multipartClient(answer(composite));
    await uploadBlob(ctx(client, []), blob, plan);
    expect(sent).toEqual([
      "CreateMultipartUpload",
      "UploadPart",
      "UploadPart",
      "CompleteMultipartUpload",
    ]);
  });

  it("refuses to start without the parts' digests: a streamed checksum vouches for nothing", async () => {
    const blob = await blobOf(Buffer.from("abcdef"));
    const { client, sent } = multipartClient(answer(composite));
    await expect(uploadBlob(ctx(client, []), blob, plan)).rejects.toThrow(
      /without the SHA-256 of each of its 2 parts/,
    );
    expect(sent).toEqual([]);
  });

  it("fails, and aborts, when the completed object's checksum is not our parts'", async () => {
    const blob = { ...(await blobOf(Buffer.from("abcdef"))), partSha256: partDigests };
    const other = `${Buffer.alloc(32).toString("base64")}-2`;
    const { client, sent } = multipartClient(answer(other));
    await expect(uploadBlob(ctx(client, []), blob, plan)).rejects.toThrow(
      `S3 CompleteMultipartUpload s3://b/${blob.key} failed: BadDigest: stored checksum ${other}, expected ${composite}`,
    );
    expect(sent.slice(-3)).toEqual([
      "CompleteMultipartUpload",
      "AbortMultipartUpload",
      "ListParts",
    ]);
  });
});

describe("uploadBlob, a multipart upload that fails", () => {
  const plan = {
    multipart: true as const,
    partSize: 4,
    parts: [
      { number: 1, start: 0, end: 4 },
      { number: 2, start: 4, end: 6 },
    ],
  };
  const digest = (b: Buffer) => createHash("sha256").update(b).digest("base64");
  const partSha256 = [digest(Buffer.from("abcd")), digest(Buffer.from("ef"))];
  const denied = () =>
    Object.assign(new Error("Access Denied"), {
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
  const noSuchUpload = () =>
    Object.assign(new Error("gone"), { name: "NoSuchUpload", $metadata: { httpStatusCode: 404 } });

  it("aborts only once the parts in flight have settled, and again while parts are listed", async () => {
    const blob = { ...(await blobOf(Buffer.from("abcdef"))), partSha256 };
    const events: string[] = [];
    let finishPart2 = () => {};
    let listed = 0;
    const client = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const name = command.constructor.name.replace(/Command$/, "");
        if (name === "CreateMultipartUpload") return { UploadId: "u1" };
        if (name === "UploadPart" && command.input.PartNumber === 1) {
          events.push("part 1 refused");
          throw denied();
        }
        if (name === "UploadPart") {
          // A part S3 already has in hand: it finishes whatever the client does meanwhile.
          await new Promise<void>((resolve) => {
            finishPart2 = resolve;
          });
          events.push("part 2 settled");
          return { ETag: '"e2"', ChecksumSHA256: command.input.ChecksumSHA256 };
        }
        events.push(name);
        // The first check finds a part that outlived the abort; the second finds the upload gone.
        if (name === "ListParts" && listed++ === 0) return { Parts: [{ PartNumber: 2 }] };
        if (name === "ListParts") throw noSuchUpload();
        return {};
      },
    } as unknown as S3Client;
    const failures: string[] = [];
    const upload = uploadBlob(
      { ...ctx(client, []), onAbortFailed: (_k, _id, e) => failures.push(String(e)) },
      blob,
      plan,
    ).catch((e: unknown) => e);
    // Part 2 finishes a while after part 1 was refused.
    await vi.waitFor(() => expect(events).toContain("part 1 refused"));
    await new Promise((r) => setTimeout(r, 20));
    finishPart2();
    const err = await upload;
    expect((err as Error).message).toMatch(/^S3 UploadPart 1 s3:\/\/b\/.* failed: AccessDenied/);
    expect(events).toEqual([
      "part 1 refused",
      "part 2 settled",
      "AbortMultipartUpload",
      "ListParts",
      "AbortMultipartUpload",
      "ListParts",
    ]);
    expect(failures).toEqual([]);
  });
});

describe("isRetryable and FileChangedError", () => {
  it("never retries it, even when the file's name reads like a network failure", () => {
    const err = new FileChangedError({
      path: "/models/socket-timeout-closed.bin",
      why: "its SHA-256 is now x",
    });
    expect(isRetryable(err)).toBe(false);
  });
});
