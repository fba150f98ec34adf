// The Action's deploy, plan and rollback on the sandbox, run in process with GitHub's environment
// contract (INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_SHA...): the outputs and the job
// summary. ControllerRevisions for the rollback are written by the test (stand-in controller).
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { deployAndReport } from "../../../src/github/deploy-and-report.ts";
import { readInputs } from "../../../src/github/inputs.ts";
import { PhaseClock } from "../../../src/github/phases.ts";
import { KubeApiError, type KubeClient } from "../../../src/kube/client.ts";
import { objectPath } from "../../../src/kube/objects.ts";
import {
  connect,
  getApi,
  installCrds,
  intercepted,
  makeProject,
  type Project,
  readyStatus,
  realtimeYaml,
  recordRevision,
  setStatus,
  uniqueNamespace,
} from "./helpers.ts";
import { runAction } from "./run-action.ts";

let client: KubeClient;
let project: Project;

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  project = await makeProject();
});

afterAll(() => client.close());

/** Runs the Action once; returns its outputs (name → value), summary and failure, if any. */
function action(inputs: Record<string, string>, sha: string) {
  return runAction(project.dir, inputs, { GITHUB_SHA: sha });
}

describe("the Action's cluster commands", () => {
  it("deploys, sets revision/apis/endpoint/namespace, and rolls back with command: rollback", async () => {
    const ns = uniqueNamespace("action");
    await project.write(realtimeYaml("iris", "x/iris:1"));
    const inputs = {
      config: "cortex.yaml",
      namespace: ns,
      wait: "false",
      "endpoint-url-template": "https://api.example.com/{namespace}/{endpoint}",
    };
    const first = await action({ ...inputs, command: "deploy" }, "1".repeat(40));
    expect(first.failed, first.log).toBe(false);
    expect(first.outputs.get("namespace")).toBe(ns);
    expect(first.outputs.get("endpoint")).toBe(`https://api.example.com/${ns}/iris`);
    expect(JSON.parse(first.outputs.get("apis") ?? "[]")).toEqual([
      {
        name: "iris",
        kind: "RealtimeAPI",
        status: "applied",
        endpoint: `https://api.example.com/${ns}/iris`,
        revision: null,
      },
    ]);
    expect(first.summary).toContain("cortex-deploy: deploy");
    const live = await getApi(client, ns, "iris");
    expect(live.metadata.annotations).toMatchObject({
      "cortexdeploy.dev/commit": "1".repeat(40),
      "cortexdeploy.dev/actor": "octocat",
      "cortexdeploy.dev/run-url": "https://github.com/acme/ml/actions/runs/7",
    });
    await recordRevision(client, live, 1);

    await project.write(realtimeYaml("iris", "x/iris:2"));
    const planned = await action({ ...inputs, command: "plan" }, "2".repeat(40));
    expect(planned.failed, planned.log).toBe(false);
    expect(planned.summary).toContain("cortex-deploy plan: namespace");
    expect(planned.summary).toContain('~ spec.pod.containers[api].image: "x/iris:1" → "x/iris:2"');

    await action({ ...inputs, command: "deploy" }, "2".repeat(40));
    const second = await getApi(client, ns, "iris");
    await recordRevision(client, second, 2);
    await setStatus(client, ns, "iris", readyStatus(second.metadata.generation ?? 1, 2));

    const back = await action(
      { ...inputs, command: "rollback", "rollback-to": "1111111" },
      "3".repeat(40),
    );
    expect(back.failed, back.log).toBe(false);
    // Re-applying revision 1's spec renames it to the newest number, which only the controller
    // knows; without the wait the output names no revision rather than a stale one.
    expect(back.outputs.get("revision")).toBe("");
    expect(back.summary).toContain("Rolled back to: iris → the spec of revision 1.");
    const rolledBack = await getApi(client, ns, "iris");
    expect(rolledBack.spec.pod.containers[0]?.image).toBe("x/iris:1");
    // Revision 1's commit (its code runs), marked with the dispatch run's actor and URL.
    expect(rolledBack.metadata.annotations).toMatchObject({
      "cortexdeploy.dev/commit": "1".repeat(40),
      "cortexdeploy.dev/rollback-of": "1",
      "cortexdeploy.dev/rolled-back-by": "octocat",
      "cortexdeploy.dev/rollback-run-url": "https://github.com/acme/ml/actions/runs/7",
    });
  });

  it("names no revision but its own: none without the wait, none when another deploy superseded it", async () => {
    const ns = uniqueNamespace("action-rev");
    const inputs = { config: "cortex.yaml", namespace: ns, command: "deploy", wait: "false" };
    await project.write(realtimeYaml("iris", "x/iris:1"));
    await action(inputs, "1".repeat(40));
    await setStatus(client, ns, "iris", readyStatus(1, 1));
    // The apply's answer still carries revision 1's status; revision 2 is not known yet.
    await project.write(realtimeYaml("iris", "x/iris:2"));
    const pushed = await action(inputs, "2".repeat(40));
    expect(pushed.failed, pushed.log).toBe(false);
    expect(pushed.outputs.get("revision")).toBe("");

    await project.write(realtimeYaml("iris", "x/iris:3"));
    let finished = false;
    const waiting = action({ ...inputs, wait: "true", timeout: "120s" }, "3".repeat(40)).finally(
      () => {
        finished = true;
      },
    );
    // Once this run applied generation 3, another deploy writes generation 4, which the
    // controller then reports Ready as revision 9: that is not this run's revision.
    for (let i = 0; (await getApi(client, ns, "iris")).metadata.generation !== 3; i++) {
      if (finished || i > 2000) throw new Error((await waiting).log);
      await new Promise((r) => setTimeout(r, 50));
    }
    await client.mergePatch(
      objectPath("RealtimeAPI", ns, "iris"),
      { spec: { autoscaling: { max_replicas: 3 } } },
      "someone-else",
    );
    await setStatus(client, ns, "iris", readyStatus(4, 9));
    const superseded = await waiting;
    expect(superseded.failed).toBe(true);
    expect(superseded.outputs.get("revision")).toBe("");
    expect(JSON.parse(superseded.outputs.get("apis") ?? "[]")[0]?.revision).toBeNull();
  });

  it("reaches the cluster of the context kube-context names, not the kubeconfig's current one", async () => {
    const ns = uniqueNamespace("action-ctx");
    await project.write(realtimeYaml("iris", "x/iris:1"));
    // The sandbox's kubeconfig, with a second context (a server nothing listens on) made current.
    const doc = parse(await readFile(process.env.KUBECONFIG ?? "", "utf8")) as {
      clusters: { name: string; cluster: Record<string, unknown> }[];
      contexts: { name: string; context: { cluster: string; user: string } }[];
      "current-context": string;
    };
    const sandbox = doc["current-context"];
    const user = doc.contexts[0]?.context.user ?? "";
    doc.clusters.push({ name: "gone", cluster: { server: "https://127.0.0.1:1" } });
    doc.contexts.push({ name: "gone", context: { cluster: "gone", user } });
    doc["current-context"] = "gone";
    const inputs = {
      config: "cortex.yaml",
      namespace: ns,
      command: "deploy",
      wait: "false",
      kubeconfig: stringify(doc),
    };
    const current = await action(inputs, "5".repeat(40));
    expect(current.failed).toBe(true);
    expect(current.log).toContain("cannot reach the Kubernetes API server at https://127.0.0.1:1");
    const named = await action({ ...inputs, "kube-context": sandbox }, "5".repeat(40));
    expect(named.failed, named.log).toBe(false);
    expect((await getApi(client, ns, "iris"))?.spec.pod).toBeDefined();
  });

  it("fails the step with the reason when the cluster refuses, without a stack trace", async () => {
    const ns = uniqueNamespace("action-fail");
    await project.write(
      `${realtimeYaml("ok")}- name: later\n  kind: TaskAPI\n  pod:\n    containers:\n      - name: api\n        image: x/t:1\n        command: [run]\n`,
    );
    const r = await action(
      { config: "cortex.yaml", namespace: ns, command: "deploy", wait: "false" },
      "4".repeat(40),
    );
    expect(r.failed).toBe(true);
    expect(r.log).toContain("::error::cannot deploy later (TaskAPI)");
    // Nothing was applied: the output still names the validated APIs, not [].
    expect(JSON.parse(r.outputs.get("apis") ?? "[]")).toEqual([
      { name: "ok", kind: "RealtimeAPI", endpoint: "/ok" },
      { name: "later", kind: "TaskAPI", endpoint: "/later" },
    ]);
    expect(r.log).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });

  it("waits for what a deploy applied when a prune fails after its dry run, then fails naming it", async () => {
    const ns = uniqueNamespace("action-prune");
    const inputsOf = (wait: string) =>
      readInputs((name) => ({ namespace: ns, wait })[name as "namespace" | "wait"] ?? "");
    await deployAndReport({
      client,
      inputs: inputsOf("false"),
      config: await project.write(realtimeYaml("a") + realtimeYaml("b")),
      namespace: ns,
      clock: new PhaseClock(),
    });
    const flaky = intercepted(client, (method, path, opts) => {
      const dryRun = (opts.body as { dryRun?: string[] } | undefined)?.dryRun;
      if (method === "DELETE" && path.endsWith("/realtimeapis/b") && dryRun === undefined)
        throw new KubeApiError("DELETE", path, 503, { message: "etcd is down" });
    });
    const changed = await project.write(realtimeYaml("a", "sandbox.test/http-echo:v2"));
    const deploying = deployAndReport({
      client: flaky,
      inputs: inputsOf("true"),
      config: changed,
      namespace: ns,
      clock: new PhaseClock(),
    });
    // The stand-in controller reports a's new spec Ready.
    for (;;) {
      if ((await getApi(client, ns, "a")).metadata.generation === 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await setStatus(client, ns, "a", readyStatus(2, 2));
    const done = await deploying;
    expect(done.apis.map((a) => [a.name, a.change, a.state, a.revision])).toEqual([
      ["a", "configured", "ready", 2],
    ]);
    expect(done.failure).toBe(
      "Not pruned (no longer in cortex.yaml, left running):\n" +
        "  realtimeapi/b: etcd is down (HTTP 503 from the API server)\n" +
        "realtimeapi/a was applied; deploy again to prune, or delete it by hand.",
    );
  });

  it("reports what it uploaded when the deploy fails after the upload", async () => {
    const ns = uniqueNamespace("action-upload");
    // iris is deployed, then someone edits a field it sets: this deploy uploads, then its dry
    // run meets the conflict. (A name another config holds is refused before the upload.)
    await project.write(realtimeYaml("iris"));
    const first = await action(
      { config: "cortex.yaml", namespace: ns, command: "deploy", wait: "false" },
      "8".repeat(40),
    );
    expect(first.failed, first.log).toBe(false);
    await client.request("PATCH", objectPath("RealtimeAPI", ns, "iris"), {
      body: { spec: { autoscaling: { max_replicas: 3 } } },
      contentType: "application/merge-patch+json",
      query: { fieldManager: "kubectl-edit" },
    });
    await writeFile(path.join(project.dir, `model-${ns}.bin`), `weights of ${ns}`);
    await project.write(
      realtimeYaml("iris", undefined, `  artifacts:\n    - path: model-${ns}.bin\n`),
    );
    const r = await action(
      {
        config: "cortex.yaml",
        namespace: ns,
        command: "deploy",
        wait: "false",
        bucket: process.env.CORTEX_DEPLOY_BUCKET ?? "",
        prefix: `upload-${ns}`,
        "s3-endpoint": process.env.AWS_ENDPOINT_URL ?? "",
      },
      "9".repeat(40),
    );
    expect(r.failed).toBe(true);
    expect(r.log).toContain(
      "::error::realtimeapi/iris: another field manager changed fields that cortex-deploy sets",
    );
    const bytes = String(`weights of ${ns}`.length);
    expect([r.outputs.get("uploaded-files"), r.outputs.get("uploaded-bytes")]).toEqual([
      "1",
      bytes,
    ]);
    expect(r.summary).toContain(`**Artifacts:** 1 uploaded (${bytes} B)`);
  });

  it("asks whether actions/checkout ran when cortex.yaml is missing from an empty workspace", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "no-checkout-"));
    const r = await runAction(empty, {
      config: "deploy/cortex.yaml",
      command: "deploy",
      namespace: uniqueNamespace("no-checkout"),
    });
    expect(r.failed).toBe(true);
    expect(r.log).toContain(
      `::error title=cortex.yaml,file=deploy/cortex.yaml,line=1,col=1::cannot read the file: ` +
        `no such file; the workspace ${empty} has no .git: did the job run actions/checkout ` +
        "before this step?",
    );
    expect(r.summary).toContain("did the job run actions/checkout before this step?");
  });

  it("refuses dry-run: true for a deploy, touching nothing, whether asked for or chosen by auto", async () => {
    const ns = uniqueNamespace("action-dry");
    await project.write(realtimeYaml("iris"));
    const inputs = { config: "cortex.yaml", namespace: ns, wait: "false", "dry-run": "true" };
    const asked = await action({ ...inputs, command: "deploy" }, "6".repeat(40));
    // workflow_dispatch on the default branch: auto means deploy.
    const auto = await action(inputs, "6".repeat(40));
    for (const r of [asked, auto]) {
      expect(r.failed).toBe(true);
      expect(r.log).toContain(
        "::error::input dry-run: true applies to cleanup and gc only, so this deploy was not run",
      );
      expect(r.summary).toContain("Nothing was changed.");
    }
    const namespace = await client.request("GET", `/api/v1/namespaces/${ns}`).then(
      () => "created",
      (err: { status?: number }) => err.status,
    );
    expect(namespace).toBe(404);
  });

  it("checks the bucket input's name before S3, and fails a plan S3 would refuse", async () => {
    const ns = uniqueNamespace("action-bucket");
    await writeFile(path.join(project.dir, "weights.bin"), `weights ${ns}`);
    await project.write(
      realtimeYaml("iris", "x/iris:1", "  artifacts:\n    - path: weights.bin\n"),
    );
    const inputs = { config: "cortex.yaml", namespace: ns, wait: "false" };
    const bad = await action(
      { ...inputs, command: "deploy", bucket: "Bad_Bucket!" },
      "1".repeat(40),
    );
    expect(bad.failed, bad.log).toBe(true);
    expect(bad.log).toContain('the bucket "Bad_Bucket!" has "!" in it');
    expect(bad.log).not.toContain("S3 HEAD");

    const old = await action(
      { ...inputs, command: "plan", bucket: "Legacy_Bucket" },
      "1".repeat(40),
    );
    expect(old.log).toMatch(/^::warning::the bucket name "Legacy_Bucket" has uppercase letters/m);

    const missing = `${process.env.CORTEX_DEPLOY_BUCKET}-missing`;
    const refused = await action({ ...inputs, command: "plan", bucket: missing }, "1".repeat(40));
    expect(refused.failed, refused.log).toBe(true);
    expect(refused.log).toContain(
      "deploy would fail: S3 answered NoSuchBucket for the artifacts of iris",
    );
    expect(refused.summary).toContain(`deploy would fail: the bucket ${missing} does not exist`);
  });
});
