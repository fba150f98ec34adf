// Measures the ways to learn which of N blobs S3 already has, on the sandbox's versitygw: a
// listing of blobs/sha256/ (one walk, or 16 in parallel split by the first hex digit), one HEAD per
// blob, or one index object. src/artifacts/existence.ts implements the winner; run with
//   npx tsx bench/upload/existence.ts [--blobs 10000]
import { createHash, randomBytes } from "node:crypto";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { headBlob, listBlobs } from "../../src/artifacts/existence.ts";
import { createLimiter } from "../../src/artifacts/limit.ts";
import { blobKey } from "../../src/artifacts/manifest.ts";
import { DEFAULT_RETRY } from "../../src/artifacts/retry.ts";
import { createS3Client } from "../../src/artifacts/s3-client.ts";
import { startS3Gateway } from "../../test/sandbox/index.ts";

const args = process.argv.slice(2);
const blobs = Number(args[args.indexOf("--blobs") + 1] || 10_000) || 10_000;

const gw = await startS3Gateway();
process.env.AWS_ACCESS_KEY_ID = gw.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = gw.secretAccessKey;
const client = createS3Client({ endpoint: gw.endpoint, region: gw.region, maxSockets: 80 });
const prefix = `existence-${Date.now()}`;
const bucket = gw.bucket;

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  console.log(`${label.padEnd(52)} ${((performance.now() - t) / 1000).toFixed(3)} s`);
  return out;
}

try {
  const shas = Array.from({ length: blobs }, () =>
    createHash("sha256").update(randomBytes(16)).digest("hex"),
  );
  const seed = createLimiter(64);
  await time(`seed ${blobs} blobs (PUT, 64 at once)`, () =>
    Promise.all(
      shas.map((sha) =>
        seed.run(() =>
          client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: blobKey(prefix, sha),
              Body: sha.slice(0, 16),
            }),
          ),
        ),
      ),
    ),
  );
  const index = Buffer.from(shas.map((s) => `${s} 16`).join("\n"));
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/index`, Body: index }));

  for (const concurrency of [16, 64]) {
    const ctx = {
      client,
      bucket,
      prefix,
      limiter: createLimiter(concurrency),
      retry: DEFAULT_RETRY,
    };
    const found = await time(`list, 16 prefixes in parallel (limit ${concurrency})`, () =>
      listBlobs(ctx),
    );
    if (found.size !== blobs) throw new Error(`listed ${found.size}, want ${blobs}`);
    const present = await time(`HEAD x ${blobs} (limit ${concurrency})`, () =>
      Promise.all(shas.map((s) => headBlob(ctx, s, 16))),
    );
    if (!present.every(Boolean)) throw new Error("HEAD missed a blob");
    await time(`HEAD x 100 (limit ${concurrency})`, () =>
      Promise.all(shas.slice(0, 100).map((s) => headBlob(ctx, s, 16))),
    );
    await time(`HEAD x 1000 (limit ${concurrency})`, () =>
      Promise.all(shas.slice(0, 1000).map((s) => headBlob(ctx, s, 16))),
    );
  }
  await time("list, one sequential walk", async () => {
    let token: string | undefined;
    let n = 0;
    do {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: blobKey(prefix, ""),
          ContinuationToken: token,
        }),
      );
      n += page.KeyCount ?? 0;
      token = page.NextContinuationToken;
    } while (token);
    if (n !== blobs) throw new Error(`listed ${n}`);
  });
  await time("GET index object + parse", async () => {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefix}/index` }));
    const text = await out.Body?.transformToString();
    const set = new Set((text ?? "").split("\n").map((l) => l.slice(0, 64)));
    if (set.size !== blobs) throw new Error("index incomplete");
  });
} finally {
  client.destroy();
  await gw.stop();
}
