// Ctrl-C (or a cancelled CI job's SIGTERM) during an upload: the CLI aborts its multipart uploads,
// whose parts S3 would otherwise bill until a lifecycle rule removed them, writes no manifest,
// and says what it left. The fault proxy holds every part upload, so the signal always lands
// while a multipart upload is open.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ListMultipartUploadsCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "../../support/fault-proxy.ts";
import { runNode } from "../../support/run-node.ts";
import {
  listKeys,
  makeRepo,
  removeDir,
  type S3Env,
  s3FromEnv,
  uniquePrefix,
  writeBigFile,
} from "./helpers.ts";

let s3: S3Env;
let repo: string;
let proxy: FaultProxy;

beforeAll(async () => {
  s3 = s3FromEnv();
  repo = await makeRepo();
  // Over the CLI's 64 MiB multipart threshold.
  await writeBigFile(join(repo, "model.bin"), 100 * 1024 * 1024);
  await writeFile(
    join(repo, "cortex.yaml"),
    "- name: big\n  kind: RealtimeAPI\n  artifacts:\n    - path: model.bin\n      mount: /mnt/model\n" +
      "  pod:\n    containers:\n      - name: api\n        image: x/big:1\n",
  );
  proxy = await startFaultProxy({
    target: s3.endpoint,
    seed: 7,
    rates: { stall: 1 },
    // Only part uploads are held; the abort that follows the signal goes through.
    eligible: ({ method, url }) => method === "PUT" && url.includes("partNumber="),
    stallMs: 10 * 60 * 1000,
  });
});

afterAll(async () => {
  await proxy?.close();
  s3.client.destroy();
  await removeDir(repo);
});

describe("cortex-deploy upload, interrupted", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`aborts its multipart uploads on ${signal}, writes no manifest and says so`, async () => {
      const prefix = uniquePrefix(`interrupt-${signal.toLowerCase()}`);
      const stalledBefore = proxy.counts.stall;
      const result = await runNode(
        "dist/cli.js",
        ["upload", "-c", join(repo, "cortex.yaml"), "--prefix", prefix],
        {
          env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_ENDPOINT_URL_S3: "" },
          onSpawn: (child) => {
            // Signal once a part upload is held, so a multipart upload is open.
            const poll = setInterval(() => {
              if (proxy.counts.stall > stalledBefore) {
                clearInterval(poll);
                child.kill(signal);
              }
            }, 20);
            child.on("exit", () => clearInterval(poll));
          },
        },
      );
      expect(proxy.counts.stall).toBeGreaterThan(stalledBefore);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`cortex-deploy: ${signal}: stopping`);
      expect(result.stderr).toContain(
        `cortex-deploy upload: interrupted by ${signal}: uploads in flight were aborted`,
      );
      expect(result.stderr).not.toMatch(/non-retryable streaming request|\n\s+at /);
      const open = await s3.client.send(
        new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: `${prefix}/` }),
      );
      expect(open.Uploads ?? []).toEqual([]);
      expect((await listKeys(s3, prefix)).filter((k) => k.includes("/manifests/"))).toEqual([]);
    });
  }
});
