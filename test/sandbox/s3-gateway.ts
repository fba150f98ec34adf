// versitygw, the real S3 gateway, on a posix folder with generated root credentials.
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { fetchText } from "./http.ts";
import { freePorts } from "./ports.ts";
import { waitFor } from "./readiness.ts";
import type { Supervisor } from "./supervisor.ts";

export interface S3Gateway {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  bucket: string;
}

export const defaultBucket = "cortex-deploy-sandbox";
const region = "us-east-1";

export function s3Env(s3: S3Gateway): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_REGION: s3.region,
    AWS_ENDPOINT_URL: s3.endpoint,
    CORTEX_DEPLOY_BUCKET: s3.bucket,
  };
}

function generateCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return {
    accessKeyId: `SBX${randomBytes(9).toString("hex").toUpperCase()}`.slice(0, 20),
    secretAccessKey: randomBytes(30).toString("base64url").slice(0, 40),
  };
}

export interface LaunchS3Options {
  bin: string;
  /** Listen address: the network's host side, so pods reach it too. */
  host: string;
  bucket?: string;
}

export async function launchS3Gateway(sup: Supervisor, opts: LaunchS3Options): Promise<S3Gateway> {
  const [port] = await freePorts(opts.host, 1);
  if (port === undefined) throw new Error("no free port for versitygw");
  const dataDir = join(sup.state.dir, "s3");
  await mkdir(dataDir, { recursive: true });
  const creds = generateCredentials();
  const endpoint = `http://${opts.host}:${port}`;
  const proc = await sup.spawn({
    name: "versitygw",
    command: join(opts.bin, "versitygw"),
    args: [
      `--port=${opts.host}:${port}`,
      `--region=${region}`,
      "--quiet",
      // versitygw closes every connection after one answer unless told otherwise; S3 keeps them
      // open, and so must the sandbox, or every request pays a TCP connect on both sides (2,226
      // connections for bench/upload's 2,208 files instead of 16).
      "--keep-alive",
      "posix",
      dataDir,
    ],
    // Credentials through the environment keep them out of `ps` output.
    env: {
      ...process.env,
      ROOT_ACCESS_KEY_ID: creds.accessKeyId,
      ROOT_SECRET_ACCESS_KEY: creds.secretAccessKey,
    },
  });
  // Any HTTP answer (an anonymous request is refused) means it is serving.
  await waitFor(
    "versitygw to answer HTTP",
    async () =>
      (await fetchText({ url: `${endpoint}/`, timeoutMs: 2000 })).status > 0 ? true : undefined,
    { timeoutMs: 30_000, intervalMs: 50, proc },
  );
  const gateway = { endpoint, region, bucket: opts.bucket ?? defaultBucket, ...creds };
  const client = quietly(
    () =>
      new S3Client({
        endpoint,
        region,
        forcePathStyle: true,
        credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey },
      }),
  );
  try {
    await client.send(new CreateBucketCommand({ Bucket: gateway.bucket }));
  } finally {
    client.destroy();
  }
  return gateway;
}

/**
 * Builds the client without the SDK's nine-line notice about Node 20, which says nothing about
 * the sandbox. The variable is put back at once: processes the tests start must show what the
 * CLI does on its own (cli-main.ts turns the notice off itself).
 */
function quietly<T>(make: () => T): T {
  const name = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";
  const before = process.env[name];
  process.env[name] ??= "true";
  try {
    return make();
  } finally {
    if (before === undefined) delete process.env[name];
  }
}
