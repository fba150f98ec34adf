// A reference point, not a product path: the least work a content-addressed uploader can do on
// this gateway. It hashes every file with the project's own hash pool (small files' bytes kept),
// then sends one signed PUT per file, with its SHA-256 checksum, over keep-alive node:http, with
// no AWS SDK in between: no middleware, no retries, no multipart, no existence check, no manifest.
// Its distance to the ceilings says how much of ours is the SDK's cost per request and how much
// is the hashing and reading that content addressing needs whatever the client.
// bench/upload.ts bundles and runs it like ours.ts. Args: DIR BUCKET PREFIX ENDPOINT [CONCURRENCY].
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { SignatureV4 } from "@smithy/signature-v4";
import { FileBody } from "../../src/artifacts/file-body.ts";
import { createHashPool } from "../../src/artifacts/hash.ts";
import { createLimiter } from "../../src/artifacts/limit.ts";
import { keptBytesBudget } from "../../src/artifacts/pipeline.ts";
import { hexToBase64 } from "../../src/artifacts/upload-blob.ts";

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (d: SourceData): string | Uint8Array =>
  typeof d === "string"
    ? d
    : ArrayBuffer.isView(d)
      ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
      : new Uint8Array(d);

/** SHA-256 and HMAC-SHA-256 in the shape the signer takes. */
class Sha256 {
  readonly #h: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.#h = secret ? createHmac("sha256", bytesOf(secret)) : createHash("sha256");
  }
  update(data: SourceData): void {
    this.#h.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#h.digest());
  }
  reset(): void {
    throw new Error("not reusable");
  }
}

async function listFiles(dir: string): Promise<{ path: string; size: number }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(paths.map(async (path) => ({ path, size: (await stat(path)).size })));
}

function put(
  agent: Agent,
  url: URL,
  path: string,
  headers: Record<string, string>,
  body: Uint8Array | FileBody,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, method: "PUT", host: url.hostname, port: url.port, path, headers },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${path}: ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    if (body instanceof FileBody) body.pipe(req);
    else req.end(body);
  });
}

async function main(): Promise<void> {
  const [dir, bucket, prefix, endpoint, concurrency] = process.argv.slice(2);
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = process.env;
  if (!dir || !bucket || !prefix || !endpoint || !accessKeyId || !secretAccessKey)
    throw new Error("usage: DIR BUCKET PREFIX ENDPOINT [N], with AWS_ACCESS_KEY_ID and _SECRET_");
  const limit = Number(concurrency ?? 16);
  const url = new URL(endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: limit + 4 });
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region: process.env.AWS_REGION ?? "us-east-1",
    service: "s3",
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const started = performance.now();
  // Small files first, as the pipeline submits them, so the hash pool serves both ends.
  const files = (await listFiles(dir)).sort((a, b) => a.size - b.size);
  const pool = createHashPool();
  const limiter = createLimiter(limit);
  const claimKept = keptBytesBudget();
  let bytes = 0;
  try {
    await Promise.all(
      files.map(async (f) => {
        const { keep, release } = claimKept(f.size);
        const digest = await pool.hash(f.path, f.size, { keep });
        const path = `/${bucket}/${prefix}/blobs/sha256/${digest.sha256}`;
        await limiter.run(async () => {
          const signed = await signer.sign({
            method: "PUT",
            protocol: url.protocol,
            hostname: url.hostname,
            port: Number(url.port),
            path,
            query: {},
            headers: {
              host: url.host,
              "content-length": String(digest.size),
              "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
              "x-amz-checksum-sha256": hexToBase64(digest.sha256),
            },
          });
          const body = digest.bytes ?? new FileBody(f.path, 0, digest.size);
          await put(agent, url, path, signed.headers, body);
          release();
          bytes += digest.size;
        });
      }),
    );
  } finally {
    await pool.close();
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, bytes, files: files.length })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
