// Shared by the artifact integration tests: projects on disk, and checks of what landed in S3,
// read straight from versitygw (never through the code under test).
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { type Manifest, parseManifest } from "../../../src/artifacts/manifest.ts";
import type { ArtifactEntry, ArtifactsConfig } from "../../../src/artifacts/types.ts";

export interface S3Env {
  endpoint: string;
  bucket: string;
  client: S3Client;
}

export function s3FromEnv(): S3Env {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  const bucket = process.env.CORTEX_DEPLOY_BUCKET;
  if (!endpoint || !bucket)
    throw new Error("the sandbox did not set AWS_ENDPOINT_URL / CORTEX_DEPLOY_BUCKET");
  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: process.env.AWS_REGION ?? "us-east-1",
  });
  return { endpoint, bucket, client };
}

export function uniquePrefix(name: string): string {
  return `test-${name}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** A temporary repository (with .git) to hold cortex.yaml and artifacts. */
export async function makeRepo(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "artifacts-it-"));
  await mkdir(join(root, ".git"));
  return root;
}

export async function writeFiles(
  root: string,
  tree: Record<string, string | Buffer>,
): Promise<void> {
  for (const [path, content] of Object.entries(tree)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** Writes `size` bytes quickly: a random MiB, stamped with its index so no two MiBs are equal. */
export async function writeBigFile(path: string, size: number): Promise<void> {
  const block = randomBytes(1024 * 1024);
  const fh = await open(path, "w");
  try {
    for (let off = 0, i = 0; off < size; off += block.length, i++) {
      block.writeUInt32BE(i, 0);
      await fh.write(block, 0, Math.min(block.length, size - off), off);
    }
  } finally {
    await fh.close();
  }
}

export function config(root: string, apis: Record<string, ArtifactEntry[]>): ArtifactsConfig {
  const names = Object.keys(apis);
  return {
    file: join(root, "cortex.yaml"),
    dir: root,
    apis: names.map((name) => ({ name, artifacts: apis[name] })),
    locate: (path) => ({ line: 100 * Number(path[0]) + Number(path[2]) + 1, column: 11 }),
  };
}

export async function listKeys(s3: S3Env, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.client.send(
      new ListObjectsV2Command({
        Bucket: s3.bucket,
        Prefix: `${prefix}/`,
        ContinuationToken: token,
      }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

async function sha256OfObject(s3: S3Env, key: string): Promise<{ sha256: string; size: number }> {
  const out = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of out.Body as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest("hex"), size };
}

/**
 * The SHA-256 checksum S3 should report: whole-object for a PUT (`partSize` null), composite
 * (digest of the parts' digests, "-N") for a multipart upload with that part size.
 */
export async function expectedChecksum(path: string, partSize: number | null): Promise<string> {
  const whole = createHash("sha256");
  const parts: Buffer[] = [];
  let part = createHash("sha256");
  let inPart = 0;
  const size = partSize ?? Number.POSITIVE_INFINITY;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    whole.update(chunk);
    for (let off = 0; off < chunk.length; ) {
      const take = Math.min(chunk.length - off, size - inPart);
      part.update(chunk.subarray(off, off + take));
      off += take;
      inPart += take;
      if (inPart === size) {
        parts.push(part.digest());
        part = createHash("sha256");
        inPart = 0;
      }
    }
  }
  if (partSize === null) return whole.digest("base64");
  if (inPart > 0) parts.push(part.digest());
  const composite = createHash("sha256").update(Buffer.concat(parts)).digest("base64");
  return `${composite}-${parts.length}`;
}

export interface StoredState {
  blobs: string[];
  manifests: Map<string, Manifest>;
}

/**
 * Checks everything under the prefix: each blob's bytes hash to its key; each manifest's bytes
 * hash to its key and name only blobs that are there. Returns what it found.
 */
export async function verifyPrefix(s3: S3Env, prefix: string): Promise<StoredState> {
  const keys = await listKeys(s3, prefix);
  const blobRoot = `${prefix}/blobs/sha256/`;
  const manifestRoot = `${prefix}/manifests/sha256/`;
  const blobs = keys.filter((k) => k.startsWith(blobRoot)).map((k) => k.slice(blobRoot.length));
  const manifests = new Map<string, Manifest>();
  for (const sha of blobs) {
    const got = await sha256OfObject(s3, blobRoot + sha);
    if (got.sha256 !== sha) throw new Error(`blob ${sha} holds bytes hashing to ${got.sha256}`);
  }
  for (const key of keys.filter((k) => k.startsWith(manifestRoot))) {
    const sha = key.slice(manifestRoot.length).replace(/\.json$/, "");
    const out = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    const text = (await out.Body?.transformToString()) ?? "";
    if (createHash("sha256").update(text).digest("hex") !== sha)
      throw new Error(`manifest ${key} does not hash to its name`);
    const manifest = parseManifest(text);
    for (const f of manifest.files)
      if (!blobs.includes(f.sha256))
        throw new Error(`manifest ${sha} names missing blob ${f.sha256}`);
    manifests.set(sha, manifest);
  }
  return { blobs, manifests };
}

export async function storedChecksum(s3: S3Env, key: string): Promise<string | undefined> {
  const head = await s3.client.send(
    new HeadObjectCommand({ Bucket: s3.bucket, Key: key, ChecksumMode: "ENABLED" }),
  );
  return head.ChecksumSHA256;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
