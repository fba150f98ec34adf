// Ctrl-C (or a cancelled CI job's SIGTERM) during an upload: the CLI aborts its multipart uploads,
// whose parts S3 would otherwise bill until a lifecycle rule removed them, writes no manifest,
// and says what it left. The fault proxy holds every part upload, so the signal always lands
// while a multipart upload is open.
import type { ChildProcess } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ListMultipartUploadsCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listResources } from "../../../src/kube/objects.ts";
import { runCli } from "../../support/cli-in-process.ts";
import { type FaultProxy, startFaultProxy } from "../../support/fault-proxy.ts";
import { actionEnv, runNode } from "../../support/run-node.ts";
import { connect, installCrds, uniqueNamespace } from "../deploy/helpers.ts";
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

/** Sends `signal` to the child once a part upload is held, so a multipart upload is open. */
function signalWhenStalled(signal: NodeJS.Signals): (child: ChildProcess) => void {
  const stalledBefore = proxy.counts.stall;
  return (child) => {
    const poll = setInterval(() => {
      if (proxy.counts.stall > stalledBefore) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 20);
    child.on("exit", () => clearInterval(poll));
  };
}

async function openUploads(prefix: string): Promise<unknown[]> {
  const open = await s3.client.send(
    new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: `${prefix}/` }),
  );
  return open.Uploads ?? [];
}

describe("cortex-deploy upload, interrupted", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`aborts its multipart uploads on ${signal}, writes no manifest and says so`, async () => {
      const prefix = uniquePrefix(`interrupt-${signal.toLowerCase()}`);
      const result = await runNode(
        "dist/cli.js",
        ["upload", "-c", join(repo, "cortex.yaml"), "--prefix", prefix],
        {
          env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_ENDPOINT_URL_S3: "" },
          onSpawn: signalWhenStalled(signal),
        },
      );
      // As a shell reports a process the signal ended: 128 + its number.
      expect(result.code).toBe(signal === "SIGINT" ? 130 : 143);
      expect(result.stderr).toContain(`cortex-deploy: ${signal}: stopping`);
      expect(result.stderr).toContain(
        `cortex-deploy upload: interrupted by ${signal}: uploads in flight were aborted`,
      );
      expect(result.stderr).not.toMatch(/non-retryable streaming request|\n\s+at /);
      expect(await openUploads(prefix)).toEqual([]);
      expect((await listKeys(s3, prefix)).filter((k) => k.includes("/manifests/"))).toEqual([]);
    });
  }
});

describe("cortex-deploy upload, interrupted, from the source", () => {
  // In this process, with the signal emitted to its listeners (the CLI's handler) only.
  it("exits 130 on Ctrl-C, saying what was left", async () => {
    const prefix = uniquePrefix("interrupt-exit");
    const stalledBefore = proxy.counts.stall;
    const poll = setInterval(() => {
      if (proxy.counts.stall > stalledBefore) {
        clearInterval(poll);
        process.emit("SIGINT", "SIGINT");
      }
    }, 20);
    try {
      const run = await runCli(
        "upload",
        "-c",
        join(repo, "cortex.yaml"),
        "--prefix",
        prefix,
        "--s3-endpoint",
        proxy.endpoint,
      );
      expect(run.code).toBe(130);
      expect(run.printed).toContain(
        "cortex-deploy upload: interrupted by SIGINT: uploads in flight were aborted; what reached " +
          "S3 is kept and a re-run sends only the rest",
      );
    } finally {
      clearInterval(poll);
    }
    expect(await openUploads(prefix)).toEqual([]);
    expect((await listKeys(s3, prefix)).filter((k) => k.includes("/manifests/"))).toEqual([]);
  });
});

describe("the Action, cancelled while it uploads", () => {
  it("aborts its multipart uploads, applies nothing and fails the step saying so", async () => {
    const client = await connect();
    await installCrds(client);
    const ns = uniqueNamespace("cancelled");
    const prefix = uniquePrefix("interrupt-action");
    const summary = join(repo, "summary.md");
    await writeFile(summary, "");
    await writeFile(join(repo, "output.txt"), "");
    const result = await runNode("dist/index.js", [], {
      cwd: repo,
      env: actionEnv(
        repo,
        {
          command: "deploy",
          config: "cortex.yaml",
          namespace: ns,
          bucket: s3.bucket,
          prefix,
          "s3-endpoint": proxy.endpoint,
        },
        {
          GITHUB_EVENT_NAME: "push",
          GITHUB_REF: "refs/heads/main",
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_OUTPUT: join(repo, "output.txt"),
          KUBECONFIG: process.env.KUBECONFIG ?? "",
          AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? "",
          AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? "",
          AWS_REGION: process.env.AWS_REGION ?? "us-east-1",
        },
      ),
      // The runner cancels a job with SIGINT (then SIGTERM 7.5 s later).
      onSpawn: signalWhenStalled("SIGINT"),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::warning::cortex-deploy: SIGINT: stopping");
    expect(result.stdout).toMatch(
      /::error::.*interrupted by SIGINT: nothing was applied \(uploads in flight were aborted\)/,
    );
    expect(await readFile(summary, "utf8")).toContain("interrupted by SIGINT");
    expect(await openUploads(prefix)).toEqual([]);
    expect((await listResources(client, "RealtimeAPI", ns)).items).toEqual([]);
    client.close();
  });
});
