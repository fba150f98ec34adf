// versitygw behind the sandbox's S3 endpoint is a real S3 implementation: SigV4 auth, put, head,
// list, multipart upload, byte-exact reads.
import { createHash, randomBytes } from "node:crypto";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MiB = 1024 * 1024;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the sandbox global setup did not run`);
  return value;
}

function client(secret = env("AWS_SECRET_ACCESS_KEY")): S3Client {
  return new S3Client({
    endpoint: env("AWS_ENDPOINT_URL"),
    region: env("AWS_REGION"),
    forcePathStyle: true,
    credentials: { accessKeyId: env("AWS_ACCESS_KEY_ID"), secretAccessKey: secret },
  });
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

let s3: S3Client;
let bucket: string;
// A fresh prefix per run, so a reused sandbox never sees an earlier run's objects.
const prefix = `sandbox-test/${randomBytes(4).toString("hex")}`;

beforeAll(() => {
  s3 = client();
  bucket = env("CORTEX_DEPLOY_BUCKET");
});
afterAll(() => s3.destroy());

async function getBytes(key: string): Promise<Uint8Array> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!res.Body) throw new Error(`no body for ${key}`);
  return res.Body.transformToByteArray();
}

describe("sandbox S3 (versitygw)", () => {
  it("puts, heads and gets an object byte for byte", async () => {
    const body = randomBytes(64 * 1024 + 7);
    const key = `${prefix}/small.bin`;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: "application/x-test",
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.ContentType).toBe("application/x-test");
    expect(head.ETag).toBe(`"${createHash("md5").update(body).digest("hex")}"`);
    expect(sha256(await getBytes(key))).toBe(sha256(body));
  });

  it("answers 404 to a head of a missing object", async () => {
    const err = await s3
      .send(new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}/missing` }))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(S3ServiceException);
    expect((err as S3ServiceException).$metadata.httpStatusCode).toBe(404);
  });

  it("lists objects under a prefix", async () => {
    const keys = ["a.txt", "b/c.txt", "b/d.txt"].map((k) => `${prefix}/list/${k}`);
    await Promise.all(
      keys.map((Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }))),
    );
    const all = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/list/` }),
    );
    expect(all.Contents?.map((o) => o.Key).sort()).toEqual([...keys].sort());
    const grouped = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/list/`, Delimiter: "/" }),
    );
    expect(grouped.Contents?.map((o) => o.Key)).toEqual([`${prefix}/list/a.txt`]);
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual([`${prefix}/list/b/`]);
  });

  it("completes a multipart upload of three 5 MiB parts with lib-storage", async () => {
    const body = randomBytes(12 * MiB + 123);
    const key = `${prefix}/multipart.bin`;
    const parts: number[] = [];
    const upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: key, Body: body },
      partSize: 5 * MiB,
      queueSize: 2,
    });
    upload.on("httpUploadProgress", (p) => {
      if (p.part !== undefined) parts.push(p.part);
    });
    await upload.done();
    expect(new Set(parts)).toEqual(new Set([1, 2, 3]));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(body.length);
    // S3's multipart ETag: md5 of the part md5s, then "-<number of parts>".
    expect(head.ETag).toMatch(/-3"$/);
    expect(sha256(await getBytes(key))).toBe(sha256(body));
  });

  it("refuses a request signed with the wrong secret (SigV4 is checked)", async () => {
    const wrong = client("not-the-secret-at-all-000000000000000000");
    try {
      const err = await wrong
        .send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/forged`, Body: "x" }))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(S3ServiceException);
      expect((err as S3ServiceException).$metadata.httpStatusCode).toBe(403);
    } finally {
      wrong.destroy();
    }
    const missing = await s3
      .send(new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}/forged` }))
      .then(
        () => "present",
        () => "absent",
      );
    expect(missing).toBe("absent");
  });
});
