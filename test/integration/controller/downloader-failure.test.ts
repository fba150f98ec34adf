// Why an API's downloader fails, as its status says it: the real controller, the process kubelet
// and the downloader against the sandbox's S3. The downloader writes one sentence to its
// termination message, the kubelet reports it, and the controller's condition quotes it.
import { createHash } from "node:crypto";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobKey, manifestKey, serializeManifest } from "../../../src/artifacts/manifest.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { ARTIFACTS_SECRET } from "../../../src/kube/resource.ts";
import {
  applyApi,
  type ControllerProcess,
  condition,
  echoApi,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the sandbox global setup did not run`);
  return value;
}

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;
let s3: S3Client;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-downloader"));
  s3 = new S3Client({
    endpoint: env("AWS_ENDPOINT_URL"),
    region: env("AWS_REGION"),
    forcePathStyle: true,
    credentials: {
      accessKeyId: env("AWS_ACCESS_KEY_ID"),
      secretAccessKey: env("AWS_SECRET_ACCESS_KEY"),
    },
  });
  // What the pods' downloader reads S3 with, as `cortex-deploy` users create it.
  await client.request("POST", `/api/v1/namespaces/${ns}/secrets`, {
    body: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: ARTIFACTS_SECRET },
      stringData: {
        AWS_ACCESS_KEY_ID: env("AWS_ACCESS_KEY_ID"),
        AWS_SECRET_ACCESS_KEY: env("AWS_SECRET_ACCESS_KEY"),
        AWS_REGION: env("AWS_REGION"),
        AWS_ENDPOINT_URL: env("AWS_ENDPOINT_URL"),
      },
    },
  });
});

afterAll(async () => {
  s3?.destroy();
  await tearDownControllerBed({ client, ns, controller });
});

describe("a downloader that fails", () => {
  it("says why in the API's status: the missing blob and how to upload it", async () => {
    const bucket = env("CORTEX_DEPLOY_BUCKET");
    const prefix = `it/${ns}`;
    // A manifest whose one blob was never uploaded (or was deleted since).
    const weights = `weights of ${ns}`;
    const manifest = serializeManifest([
      { path: "model.bin", mount: "/mnt/model", sha256: sha(weights), size: 64, mode: 0o644 },
    ]);
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: manifestKey(prefix, sha(manifest)),
        Body: manifest,
      }),
    );
    const api = echoApi("gone");
    api.spec.artifacts = { bucket, prefix, manifest: sha(manifest), mounts: ["/mnt/model"] };
    await applyApi(client, ns, api);
    const failed = await waitForPhase(client, ns, "gone", "Failed");
    const url = `s3://${bucket}/${blobKey(prefix, sha(weights)).replace(/[0-9a-f]{52}$/, "…")}`;
    const message = condition(failed, "Ready")?.message ?? "";
    expect(message).toMatch(
      /^revision 1: init container "downloader" of pod gone-\S+ keeps exiting /,
    );
    // The whole sentence, its start included (a log line's last 300 characters would cut it).
    expect(message).toContain(
      `(exit code 1, Error: blob missing for /mnt/model/model.bin: ${url} does not exist; run ` +
        "cortex-deploy upload or deploy again to upload it); ",
    );
  });
});
