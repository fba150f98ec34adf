// The existence check's reading of a HEAD: size, the SHA-256 checksum where S3 gives one, and the
// fallback for roles that may not read checksums. A stub client stands in for S3: what matters is
// which requests are sent, which the sandbox's gateway cannot refuse the way SSE-KMS does.
import { createHash } from "node:crypto";
import type { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { checksumAllows, headWithChecksum } from "../../../src/artifacts/existence.ts";

function stub(answer: (input: HeadObjectCommand["input"]) => unknown) {
  const sent: HeadObjectCommand["input"][] = [];
  const client = {
    send: async (command: HeadObjectCommand) => {
      sent.push(command.input);
      return answer(command.input);
    },
  } as unknown as S3Client;
  return { client, sent };
}

const denied = () => Object.assign(new Error("Forbidden"), { $metadata: { httpStatusCode: 403 } });

describe("headWithChecksum", () => {
  it("asks for the checksum", async () => {
    const { client, sent } = stub(() => ({ ContentLength: 3, ChecksumSHA256: "x" }));
    expect(await headWithChecksum(client, "b", "k", undefined)).toMatchObject({ ContentLength: 3 });
    expect(sent).toEqual([{ Bucket: "b", Key: "k", ChecksumMode: "ENABLED" }]);
  });

  it("asks again without it when S3 refuses (SSE-KMS without kms:Decrypt)", async () => {
    const { client, sent } = stub((input) => {
      if (input.ChecksumMode) throw denied();
      return { ContentLength: 3 };
    });
    expect(await headWithChecksum(client, "b", "k", undefined)).toEqual({ ContentLength: 3 });
    expect(sent.map((i) => i.ChecksumMode)).toEqual(["ENABLED", undefined]);
  });

  it("lets a refusal of the plain HEAD through: the credentials are wrong", async () => {
    const { client } = stub(() => {
      throw denied();
    });
    await expect(headWithChecksum(client, "b", "k", undefined)).rejects.toThrow("Forbidden");
  });
});

describe("checksumAllows", () => {
  const sha = "a".repeat(64);
  const base64 = Buffer.from(sha, "hex").toString("base64");
  it("holds an object to its SHA-256 when S3 has one, and to size alone otherwise", () => {
    expect(checksumAllows(base64, sha)).toBe(true);
    expect(checksumAllows(Buffer.alloc(32).toString("base64"), sha)).toBe(false);
    expect(checksumAllows(undefined, sha)).toBe(true);
    // A multipart object's checksum is of its parts' checksums: without ours, size decides.
    expect(checksumAllows(`${base64}-3`, sha)).toBe(true);
  });

  it("checks a multipart object's composite checksum against our parts' digests", () => {
    const part = (c: string) => Buffer.alloc(32, c).toString("base64");
    const ours = [part("a"), part("b"), part("c")];
    const composite = `${createHash("sha256")
      .update(Buffer.concat(ours.map((p) => Buffer.from(p, "base64"))))
      .digest("base64")}-3`;
    expect(checksumAllows(composite, sha, ours)).toBe(true);
    // Same part count, other parts: other bytes (an older version's upload of a changed file).
    expect(checksumAllows(composite, sha, [part("a"), part("x"), part("c")])).toBe(false);
    // Another part count: written with another part size, which size alone has to vouch for.
    expect(checksumAllows(composite, sha, [part("a"), part("b")])).toBe(true);
    // A whole-object checksum is checked as ever, with part digests or without.
    expect(checksumAllows(base64, sha, ours)).toBe(true);
    expect(checksumAllows(Buffer.alloc(32).toString("base64"), sha, ours)).toBe(false);
  });
});
