// deploy on the sandbox's real kube-apiserver: create, no-op, change, prune, refusals, conflicts,
// RBAC, TrafficSplitter targets and waiting. No controller runs here: where a test needs status,
// it writes it the way the controller does (named so in the test).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteApis } from "../../../src/commands/delete.ts";
import { deploy } from "../../../src/commands/deploy.ts";
import type { CortexConfig } from "../../../src/config/index.ts";
import { readLive } from "../../../src/kube/apply.ts";
import { KubeApiError, type KubeClient } from "../../../src/kube/client.ts";
import { DeployError } from "../../../src/kube/errors.ts";
import { collectionPath, listResources, objectPath } from "../../../src/kube/objects.ts";
import {
  ANNOTATIONS,
  API_VERSION,
  type RealtimeApiResource,
  type RealtimeApiStatus,
} from "../../../src/kube/resource.ts";
import { serviceAccountClient } from "../../support/service-account.ts";
import {
  cli,
  connect,
  getApi,
  installCrds,
  intercepted,
  makeProject,
  type Project,
  readyStatus,
  realtimeYaml,
  recorder,
  setStatus,
  uniqueNamespace,
} from "./helpers.ts";

let client: KubeClient;
let project: Project;

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  project = await makeProject();
});

afterAll(() => client.close());

const git = {
  commit: "1111111111111111111111111111111111111111",
  ref: "refs/heads/main",
  actor: "ci",
};

function run(
  config: CortexConfig,
  namespace: string,
  extra: Partial<Parameters<typeof deploy>[0]> = {},
) {
  const log = recorder();
  const result = deploy({
    client,
    config,
    namespace,
    prefix: "cortex-deploy",
    wait: false,
    timeoutSeconds: 60,
    prune: true,
    forceConflicts: false,
    git,
    log,
    ...extra,
  });
  return { result, log };
}

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeployError);
  return (err as Error).message;
}

/** What the controller writes when it rolled generation `generation` back to revision 1. */
function rolledBackStatus(generation: number): RealtimeApiStatus {
  const now = new Date().toISOString();
  return {
    observedGeneration: generation,
    phase: "RolledBack",
    currentRevision: 1,
    conditions: [
      {
        type: "Ready",
        status: "False",
        reason: "RolledBack",
        message: "revision 2 crashed",
        lastTransitionTime: now,
        observedGeneration: generation,
      },
      {
        type: "RolledBack",
        status: "True",
        reason: "CrashLoopBackOff",
        message: "api exited with code 1",
        lastTransitionTime: now,
        observedGeneration: generation,
      },
    ],
  };
}

describe("deploy", () => {
  it("creates the resources on the first deploy, labelled with the config identity", async () => {
    const ns = uniqueNamespace("create");
    const config = await project.write(realtimeYaml("iris") + realtimeYaml("hello"));
    const { result, log } = run(config, ns);
    const r = await result;
    expect(r.apis.map((a) => [a.name, a.action])).toEqual([
      ["iris", "create"],
      ["hello", "create"],
    ]);
    expect(log.lines).toContain(`namespace/${ns}: created`);
    const iris = await getApi(client, ns, "iris");
    expect(iris.metadata.labels).toMatchObject({
      "app.kubernetes.io/managed-by": "cortex-deploy",
      "cortexdeploy.dev/config": r.configId,
    });
    expect(iris.metadata.annotations).toMatchObject({
      "cortexdeploy.dev/commit": git.commit,
      "cortexdeploy.dev/config-path": "cortex.yaml",
    });
    expect(iris.spec.pod.containers[0]?.image).toBe("sandbox.test/http-echo:iris");
    expect(iris.spec.autoscaling.max_replicas).toBe(100);
    // Nulls of the config ("none") survive the round trip through the API server.
    expect(iris.spec.node_groups).toBeNull();
    expect(iris.spec.pod.containers[0]?.compute.mem).toBeNull();
    expect(iris.metadata.managedFields?.map((m) => m.manager)).toEqual(["cortex-deploy"]);
  });

  it("makes no write on a second identical deploy (resourceVersion unchanged) and says up to date", async () => {
    const ns = uniqueNamespace("noop");
    const config = await project.write(realtimeYaml("iris"));
    await run(config, ns).result;
    const before = await getApi(client, ns, "iris");
    // A new commit with the same spec is still "up to date".
    const { result, log } = run(config, ns, { git: { ...git, commit: "2".repeat(40) } });
    const r = await result;
    expect(r.apis[0]?.action).toBe("unchanged");
    expect(log.lines).toContain("realtimeapi/iris: up to date");
    const after = await getApi(client, ns, "iris");
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(after.metadata.generation).toBe(1);
  });

  it("applies a changed field", async () => {
    const ns = uniqueNamespace("change");
    await run(await project.write(realtimeYaml("iris")), ns).result;
    const changed = await project.write(
      realtimeYaml("iris", "sandbox.test/http-echo:v2", "  autoscaling:\n    max_replicas: 7\n"),
    );
    const { result, log } = run(changed, ns);
    expect((await result).apis[0]?.action).toBe("update");
    expect(log.lines).toContain("realtimeapi/iris: configured");
    const live = await getApi(client, ns, "iris");
    expect(live.spec.pod.containers[0]?.image).toBe("sandbox.test/http-echo:v2");
    expect(live.spec.autoscaling.max_replicas).toBe(7);
    expect(live.metadata.generation).toBe(2);
  });

  it("applies a container's env emptied of its last variable, and filled again", async () => {
    // Server-side apply turns a granular map emptied to {} into null, which the CRD refused:
    // removing the last env variable made every later plan and deploy fail.
    const ns = uniqueNamespace("env");
    const withEnv = (env: string) =>
      project.write(`${realtimeYaml("iris", "sandbox.test/http-echo:v1")}        env:\n${env}`);
    await run(await withEnv('          A: "1"\n'), ns).result;
    const emptied = await project.write(realtimeYaml("iris", "sandbox.test/http-echo:v1"));
    expect((await run(emptied, ns).result).apis[0]?.action).toBe("update");
    expect((await getApi(client, ns, "iris")).spec.pod.containers[0]?.env).toEqual({});
    await run(await withEnv('          B: "2"\n'), ns).result;
    expect((await getApi(client, ns, "iris")).spec.pod.containers[0]?.env).toEqual({ B: "2" });
  });

  it("warns that a deploy from uncommitted changes is recorded under HEAD's commit", async () => {
    const { result, log } = run(
      await project.write(realtimeYaml("iris")),
      uniqueNamespace("dirty"),
      {
        git: { ...git, dirty: true },
      },
    );
    await result;
    expect(log.text()).toContain(
      "differ from commit 111111111111 (uncommitted changes); this deploy is recorded under that commit",
    );
  });

  it("prunes an API removed from cortex.yaml; unrelated resources in the namespace survive", async () => {
    const ns = uniqueNamespace("prune");
    await run(await project.write(realtimeYaml("keep") + realtimeYaml("gone")), ns).result;
    // Another cortex.yaml deploys into the same namespace...
    const other = await makeProject();
    await run(await other.write(realtimeYaml("theirs")), ns, { configId: "other-config" }).result;
    // ...and someone applies a RealtimeAPI by hand, without any of our labels.
    const [template] = (await listResources(client, "RealtimeAPI", ns)).items;
    if (!template) throw new Error("fixture");
    const handMade: RealtimeApiResource = {
      apiVersion: API_VERSION,
      kind: "RealtimeAPI",
      metadata: { name: "hand-made", namespace: ns },
      spec: template.spec,
    };
    await client.request("POST", collectionPath("RealtimeAPI", ns), { body: handMade });

    const kept = run(await project.write(realtimeYaml("keep")), ns, { prune: false });
    expect((await kept.result).pruned).toEqual([]);
    expect(kept.log.lines).toContain(
      "realtimeapi/gone: no longer in cortex.yaml, kept (--no-prune)",
    );

    const { result, log } = run(await project.write(realtimeYaml("keep")), ns);
    expect((await result).pruned).toEqual(["realtimeapi/gone"]);
    expect(log.lines).toContain("realtimeapi/gone: deleted (no longer in cortex.yaml)");
    const names = (await listResources(client, "RealtimeAPI", ns)).items.map(
      (o) => o.metadata.name,
    );
    expect(names.sort()).toEqual(["hand-made", "keep", "theirs"]);
  });

  it("reports an object the API server rejects at its line in cortex.yaml and applies nothing", async () => {
    const ns = uniqueNamespace("reject");
    const config = await project.write(realtimeYaml("fine") + realtimeYaml("broken"));
    // The loader would refuse port 8888 too; bypass it to show the server's own check.
    const broken = config.apis[1];
    if (broken?.kind !== "RealtimeAPI") throw new Error("fixture");
    broken.pod.port = 8888;
    const message = await failure(run(config, ns).result);
    expect(message).toContain("realtimeapi/broken: the API server rejected the object:");
    expect(message).toMatch(
      /cortex\.yaml:\d+:\d+: spec\.pod\.port: Invalid value: 8888: ports 8888 and 15000 are reserved for the proxy sidecar/,
    );
    expect(message).toContain(
      `Nothing was applied (namespace/${ns} was created and is left empty).`,
    );
    expect((await listResources(client, "RealtimeAPI", ns)).items).toEqual([]);
  });

  it("puts back what it wrote when the server refuses an object its dry run passed (a quota)", async () => {
    const ns = uniqueNamespace("quota");
    await run(await project.write(realtimeYaml("first")), ns).result;
    const before = await getApi(client, ns, "first");
    // At most two RealtimeAPIs: each new one fits on its own (the dry runs pass), both do not.
    await client.request("POST", `/api/v1/namespaces/${ns}/resourcequotas`, {
      body: {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "two-apis" },
        spec: { hard: { "count/realtimeapis.cortexdeploy.dev": "2" } },
      },
    });
    // Admission refuses everything until the quota has a status: wait for the quota
    // controller's own count of the one API. A count written here instead was sometimes
    // overwritten by the controller's first recount from a cache that had not seen the API yet
    // (used 0), and then all three fitted.
    for (;;) {
      const quota = await client.request<{ status?: { used?: Record<string, string> } }>(
        "GET",
        `/api/v1/namespaces/${ns}/resourcequotas/two-apis`,
      );
      if (quota.status?.used?.["count/realtimeapis.cortexdeploy.dev"] === "1") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const three = await project.write(
      realtimeYaml("first", "sandbox.test/http-echo:v2") +
        realtimeYaml("second") +
        realtimeYaml("third"),
    );
    const message = await failure(run(three, ns).result);
    expect(message).toMatch(
      /realtimeapi\/(second|third): the namespace's ResourceQuota does not allow it: .*exceeded quota: two-apis/,
    );
    expect(message).toMatch(
      /Nothing is left applied\. realtimeapi\/first, realtimeapi\/(second|third) were written and put back as before\./,
    );
    const names = (await listResources(client, "RealtimeAPI", ns)).items.map(
      (o) => o.metadata.name,
    );
    expect(names).toEqual(["first"]);
    const after = await getApi(client, ns, "first");
    expect(after.spec).toEqual(before.spec);
    expect(after.metadata.annotations).toEqual(before.metadata.annotations);
    expect(after.metadata.labels).toEqual(before.metadata.labels);
  });

  it("reports a field another field manager changed, and takes it back with --force-conflicts", async () => {
    const ns = uniqueNamespace("conflict");
    const config = await project.write(realtimeYaml("iris"));
    await run(config, ns).result;
    // Someone edits the live object (kubectl edit's field manager), changing a field we set.
    await client.request("PATCH", objectPath("RealtimeAPI", ns, "iris"), {
      body: { spec: { autoscaling: { max_replicas: 3 } } },
      contentType: "application/merge-patch+json",
      query: { fieldManager: "kubectl-edit" },
    });
    const message = await failure(run(config, ns).result);
    expect(message).toContain(
      "realtimeapi/iris: another field manager changed fields that cortex-deploy sets:",
    );
    expect(message).toContain(
      '.spec.autoscaling.max_replicas (owned by field manager "kubectl-edit")',
    );
    expect(message).toContain("--force-conflicts");
    expect((await getApi(client, ns, "iris")).spec.autoscaling.max_replicas).toBe(3);

    await run(config, ns, { forceConflicts: true }).result;
    expect((await getApi(client, ns, "iris")).spec.autoscaling.max_replicas).toBe(100);
  });

  it("refuses to take over an API another cortex.yaml deployed under the same name, before uploading", async () => {
    const ns = uniqueNamespace("takeover");
    await run(await project.write(realtimeYaml("iris")), ns, { configId: "first" }).result;
    // With artifacts and a bucket that does not exist: an upload would fail with NoSuchBucket.
    await writeFile(path.join(project.dir, "weights.bin"), "weights");
    const withArtifacts = await project.write(
      realtimeYaml("iris", undefined, "  artifacts:\n    - path: weights.bin\n"),
    );
    const message = await failure(
      run(withArtifacts, ns, {
        configId: "second",
        bucket: "no-such-bucket-here",
        endpoint: process.env.AWS_ENDPOINT_URL,
        forcePathStyle: true,
      }).result,
    );
    expect(message).not.toContain("NoSuchBucket");
    expect(message).toContain(
      "realtimeapi/iris already exists and belongs to another cortex.yaml (config id first",
    );
    expect((await getApi(client, ns, "iris")).metadata.labels?.["cortexdeploy.dev/config"]).toBe(
      "first",
    );
  });

  it("refuses AsyncAPI, BatchAPI and TaskAPI with a clear message, applying nothing", async () => {
    const ns = uniqueNamespace("refuse");
    const config = await project.write(
      `${realtimeYaml("ok")}- name: jobs\n  kind: BatchAPI\n  pod:\n    containers:\n      - name: api\n        image: x/b:1\n        command: [run]\n`,
    );
    const message = await failure(run(config, ns).result);
    expect(message).toContain("cannot deploy jobs (BatchAPI)");
    expect((await listResources(client, "RealtimeAPI", ns)).items).toEqual([]);
  });

  it("applies a TrafficSplitter whose targets are in the file or already deployed, and refuses one that is neither", async () => {
    const ns = uniqueNamespace("split");
    const splitter = (targets: string) =>
      `- name: front\n  kind: TrafficSplitter\n  apis:\n${targets}`;
    const missing = await project.write(
      realtimeYaml("a") +
        splitter("    - name: a\n      weight: 50\n    - name: b\n      weight: 50\n"),
    );
    const message = await failure(run(missing, ns).result);
    expect(message).toContain(
      "trafficsplitter/front routes to b, which is neither a RealtimeAPI in cortex.yaml nor deployed",
    );
    expect((await listResources(client, "RealtimeAPI", ns)).items).toEqual([]);

    const other = await makeProject();
    await run(await other.write(realtimeYaml("b")), ns, { configId: "other" }).result;
    const r = await run(missing, ns).result;
    expect(r.apis.map((x) => `${x.kind}/${x.name}:${x.action}`)).toEqual([
      "RealtimeAPI/a:create",
      "TrafficSplitter/front:create",
    ]);
    const live = await listResources(client, "TrafficSplitter", ns);
    expect(live.items[0]?.spec.apis).toEqual([
      { name: "a", weight: 50, shadow: false },
      { name: "b", weight: 50, shadow: false },
    ]);
  });

  it("refuses a TrafficSplitter named like an API another config deployed, applying nothing", async () => {
    const ns = uniqueNamespace("clash");
    const other = await makeProject();
    await run(await other.write(realtimeYaml("front")), ns, { configId: "other" }).result;
    const clash = await project.write(
      realtimeYaml("a") +
        "- name: front\n  kind: TrafficSplitter\n  apis:\n    - name: a\n      weight: 100\n",
    );
    const message = await failure(run(clash, ns).result);
    expect(message).toContain(
      "trafficsplitter/front: a RealtimeAPI of that name already exists (config id other)",
    );
    expect(message).toContain("Nothing was applied.");
    const names = (await listResources(client, "RealtimeAPI", ns)).items.map(
      (o) => o.metadata.name,
    );
    expect(names).toEqual(["front"]);
    expect((await listResources(client, "TrafficSplitter", ns)).items).toEqual([]);
  });

  it("refuses to prune or delete an API a TrafficSplitter still routes to, changing nothing", async () => {
    const ns = uniqueNamespace("routed");
    const front =
      "- name: front\n  kind: TrafficSplitter\n  apis:\n    - name: a\n      weight: 100\n" +
      "    - name: b\n      weight: 0\n      shadow: true\n";
    await run(await project.write(realtimeYaml("a") + realtimeYaml("b") + front), ns).result;
    const names = async () =>
      (await readLive(client, ns)).map((o) => `${o.kind}/${o.metadata.name}`).sort();
    const all = ["RealtimeAPI/a", "RealtimeAPI/b", "TrafficSplitter/front"];
    expect(await names()).toEqual(all);

    // b left the file but not the splitter's shadow list: pruning it would break the splitter.
    const pruning = await failure(run(await project.write(realtimeYaml("a") + front), ns).result);
    expect(pruning).toContain("realtimeapi/b: TrafficSplitter front still routes to it");
    expect(pruning).toContain("Nothing was applied.");
    expect(await names()).toEqual(all);

    const log = recorder();
    const opts = { client, namespace: ns, configFile: project.file, log, all: false };
    const deleting = await failure(deleteApis({ ...opts, names: ["b"] }));
    expect(deleting).toContain("realtimeapi/b: TrafficSplitter front still routes to it");
    expect(deleting).toContain(`Nothing was deleted (namespace ${ns}).`);
    expect(await names()).toEqual(all);
    // With the splitter, it may go.
    expect((await deleteApis({ ...opts, names: ["b", "front"] })).sort()).toEqual([
      "realtimeapi/b",
      "trafficsplitter/front",
    ]);
  });

  it("waits until Ready for the new generation (status written by a stand-in controller)", async () => {
    const ns = uniqueNamespace("wait");
    const config = await project.write(realtimeYaml("iris"));
    const log = recorder();
    const deploying = deploy({
      client,
      config,
      namespace: ns,
      prefix: "p",
      wait: true,
      timeoutSeconds: 120,
      prune: true,
      forceConflicts: false,
      git,
      log,
    });
    // The stand-in controller: once the object exists, report progress, then Ready.
    let api = await eventually(() => getApi(client, ns, "iris"));
    await setStatus(client, ns, "iris", {
      observedGeneration: 1,
      phase: "Progressing",
      readyReplicas: 0,
      desiredReplicas: 1,
      conditions: [
        {
          type: "Ready",
          status: "False",
          reason: "RollingOut",
          message: "0 of 1 ready",
          lastTransitionTime: new Date().toISOString(),
          observedGeneration: 1,
        },
      ],
    });
    api = await getApi(client, ns, "iris");
    await setStatus(client, ns, "iris", readyStatus(api.metadata.generation ?? 1, 1));
    const r = await deploying;
    expect(r.failure).toBeUndefined();
    expect(r.apis[0]).toMatchObject({ name: "iris", state: "ready", revision: 1 });
    expect(log.lines).toContain("iris: Progressing, 0/1 ready");
    expect(log.lines).toContain("iris: Ready, 1/1 ready (revision 1)");
  });

  it("does not report another change's outcome as its own when the spec changes while it waits", async () => {
    const ns = uniqueNamespace("superseded");
    const config = await project.write(realtimeYaml("iris"));
    const deploying = run(config, ns, { wait: true, timeoutSeconds: 120 }).result;
    await eventually(() => getApi(client, ns, "iris"));
    // Someone else (another deploy, kubectl) changes the spec; the controller then reports Ready
    // for that spec, which is not the one this deploy applied.
    await client.mergePatch(
      objectPath("RealtimeAPI", ns, "iris"),
      { spec: { autoscaling: { max_replicas: 3 } } },
      "someone-else",
    );
    const changed = await getApi(client, ns, "iris");
    expect(changed.metadata.generation).toBe(2);
    await setStatus(client, ns, "iris", readyStatus(2, 1));
    const r = await deploying;
    expect(r.apis[0]).toMatchObject({ name: "iris", state: "failed" });
    expect(r.failure).toContain(
      "changed by someone else: iris (superseded while waiting: it is at generation 2 (this run applied 1), last deployed by commit 111111111111 of cortex.yaml by ci",
    );
  });

  it("reports a rollout the controller rolled back, with its conditions (stand-in controller)", async () => {
    const ns = uniqueNamespace("rolledback");
    const config = await project.write(realtimeYaml("iris"));
    const { result, log } = run(config, ns, { wait: true });
    await eventually(() => getApi(client, ns, "iris"));
    await setStatus(client, ns, "iris", rolledBackStatus(1));
    const r = await result;
    expect(r.failure).toContain(
      "iris (rolled back (revision 1): CrashLoopBackOff: api exited with code 1)",
    );
    expect(r.apis[0]?.state).toBe("rolledBack");
    // Said once, as one warning with its diagnosis (one annotation in the Action).
    const said = log.lines.filter((l) => l.startsWith("iris: rolled back"));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("\n  conditions:\n    Ready=False (RolledBack): revision 2 crashed");
  });

  it("rolls a spec that ended RolledBack out again when it is deployed again (stand-in controller)", async () => {
    const ns = uniqueNamespace("retry");
    const config = await project.write(realtimeYaml("iris"));
    await run(config, ns).result;
    const first = await getApi(client, ns, "iris");
    await setStatus(client, ns, "iris", rolledBackStatus(1));

    const again = run(config, ns);
    expect((await again.result).apis[0]).toMatchObject({ action: "update", retried: true });
    expect(again.log.lines).toContain(
      "realtimeapi/iris: configured (rolling the same spec out again: it ended RolledBack)",
    );
    const retried = await getApi(client, ns, "iris");
    expect(retried.metadata.generation).toBe(2);
    expect(retried.spec).toEqual({ ...first.spec, retry: 1 });
    expect(retried.metadata.annotations?.[ANNOTATIONS.specHash]).toBe(
      first.metadata.annotations?.[ANNOTATIONS.specHash],
    );

    // Once the retry is Ready, the same file is up to date again: no write, no new generation.
    await setStatus(client, ns, "iris", readyStatus(2, 1));
    const before = await getApi(client, ns, "iris");
    const third = run(config, ns);
    expect((await third.result).apis[0]?.action).toBe("unchanged");
    const after = await getApi(client, ns, "iris");
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(after.spec.retry).toBe(1);
  });

  it("times out with a hint when no controller reports status", async () => {
    const ns = uniqueNamespace("nocontroller");
    // A deployer that may not read the controller's Lease: whether one runs is not known, so
    // nothing is claimed early and the hint is a question (controller-presence.test.ts has the
    // rest).
    const denied = intercepted(client, (_method, path) => {
      if (path.includes("/leases/"))
        throw new KubeApiError("GET", path, 403, { reason: "Forbidden", message: "forbidden" });
    });
    const { result, log } = run(await project.write(realtimeYaml("iris")), ns, {
      client: denied,
      wait: true,
      timeoutSeconds: 1,
      advanced: { controllerGraceMs: 0 },
    });
    const r = await result;
    expect(r.failure).toContain("timed out after 1s waiting for iris");
    expect(r.failure).toContain("is the cortex-deploy controller running?");
    expect(log.text()).not.toContain("no cortex-deploy controller is running");
  });

  it("says, when it times out, that the rollout goes on and how it ends (stand-in controller)", async () => {
    const ns = uniqueNamespace("slow");
    await run(await project.write(realtimeYaml("slow")), ns).result;
    await setStatus(client, ns, "slow", readyStatus(1, 1));
    const progressing = (generation: number): RealtimeApiStatus => ({
      observedGeneration: generation,
      phase: "Progressing",
      conditions: [
        {
          type: "Ready",
          status: "False",
          reason: "RollingOut",
          message: "0 of 1 ready",
          lastTransitionTime: new Date().toISOString(),
          observedGeneration: generation,
        },
      ],
    });
    // slow gets a new spec (generation 2) over a Ready revision; fresh is new, with none. Both
    // are still rolling out at the timeout.
    const deploying = run(
      await project.write(
        realtimeYaml("slow", "sandbox.test/http-echo:v2") + realtimeYaml("fresh"),
      ),
      ns,
      { wait: true, timeoutSeconds: 5, advanced: { controllerGraceMs: 60_000 } },
    ).result;
    await eventually(async () => {
      if ((await getApi(client, ns, "slow")).metadata.generation !== 2) throw new Error("later");
      await getApi(client, ns, "fresh");
    });
    await setStatus(client, ns, "slow", progressing(2));
    await setStatus(client, ns, "fresh", progressing(1));
    const r = await deploying;
    const [timedOut, ...left] = r.failure?.split("\n") ?? [];
    expect(timedOut).toMatch(
      /^timed out after 5s waiting for slow and fresh to be Ready \(slow: Progressing[^;]*; fresh: Progressing[^;]*\)$/,
    );
    expect(left).toEqual([
      "slow stays applied: the controller keeps rolling it out while the previous revision " +
        "serves, and rolls it back if it is not Ready by update_strategy.progress_deadline.",
      "fresh stays applied: the controller keeps rolling it out, and marks it Failed if it is " +
        "not Ready by update_strategy.progress_deadline (no revision has been Ready yet: none " +
        "serves, and there is none to go back to).",
    ]);
  });

  it("does not say a revision serves when none has a ready replica (stand-in controller)", async () => {
    const ns = uniqueNamespace("unserved");
    await run(await project.write(realtimeYaml("settled") + realtimeYaml("broken")), ns).result;
    await setStatus(client, ns, "settled", readyStatus(1, 1));
    await setStatus(client, ns, "broken", readyStatus(1, 1));
    const now = new Date().toISOString();
    const condition = (type: string, status: string, reason: string, message: string) => ({
      type: type as "Ready",
      status: status as "True",
      reason,
      message,
      lastTransitionTime: now,
      observedGeneration: 2,
    });
    // What the controller wrote in QA: a change that replaced no pod made revision 2 Ready at
    // once, over pods whose downloader fails; Progressing still says "available".
    const settled: RealtimeApiStatus = {
      observedGeneration: 2,
      phase: "Ready",
      currentRevision: 2,
      lastReadyRevision: 2,
      readyReplicas: 0,
      conditions: [
        condition("Ready", "False", "NoReplicasAvailable", "no replica of revision 2 is available"),
        condition("Progressing", "False", "RolloutComplete", "revision 2 is available"),
        condition("Degraded", "True", "CrashLoopBackOff", "revision 2: downloader keeps exiting"),
      ],
    };
    // A new revision rolling out over a Ready one whose pods are gone.
    const broken: RealtimeApiStatus = {
      observedGeneration: 2,
      phase: "Progressing",
      currentRevision: 2,
      readyReplicas: 0,
      conditions: [condition("Progressing", "True", "RollingOut", "0 of 1 available")],
    };
    const deploying = run(
      await project.write(
        realtimeYaml("settled", "sandbox.test/http-echo:v2") +
          realtimeYaml("broken", "sandbox.test/http-echo:v2"),
      ),
      ns,
      { wait: true, timeoutSeconds: 5, advanced: { controllerGraceMs: 60_000 } },
    ).result;
    await eventually(async () => {
      for (const name of ["settled", "broken"])
        if ((await getApi(client, ns, name)).metadata.generation !== 2) throw new Error("later");
    });
    await setStatus(client, ns, "settled", settled);
    await setStatus(client, ns, "broken", broken);
    const r = await deploying;
    expect(r.failure?.split("\n")).toEqual([
      "timed out after 5s waiting for settled and broken to be Ready (settled: NotReady, 0/1 " +
        "ready (revision 2): no replica of revision 2 is available; CrashLoopBackOff: revision 2: " +
        "downloader keeps exiting; broken: Progressing: RollingOut: 0 of 1 available)",
      "broken stays applied: the controller keeps rolling it out, and rolls it back if it is not " +
        "Ready by update_strategy.progress_deadline; meanwhile nothing serves: its previous Ready " +
        "revision has no ready replica either.",
      "settled stays applied: its current revision was Ready, so the controller neither rolls it " +
        "out nor back, but none of its replicas is ready, so nothing serves until its pods start " +
        "(the reason is above).",
    ]);
    expect(r.failure).not.toContain("RolloutComplete");
  });

  it("says nothing was applied to the cluster when the upload fails", async () => {
    const ns = uniqueNamespace("upload-fails");
    await writeFile(path.join(project.dir, "weights.bin"), "weights");
    const config = await project.write(
      realtimeYaml("iris", undefined, "  artifacts:\n    - path: weights.bin\n"),
    );
    const message = await failure(
      run(config, ns, {
        bucket: "no-such-bucket-here",
        endpoint: process.env.AWS_ENDPOINT_URL,
        forcePathStyle: true,
      }).result,
    );
    expect(message).toMatch(
      /^S3 \S+ s3:\/\/no-such-bucket-here\/.* failed: NoSuchBucket: .*\nNothing was applied to the cluster\.$/s,
    );
    const namespace = await client.request("GET", `/api/v1/namespaces/${ns}`).then(
      () => "created",
      (err: { status?: number }) => err.status,
    );
    expect(namespace).toBe(404);
  });

  it("says which verb on which resource RBAC denied", async () => {
    const ns = uniqueNamespace("rbac");
    await run(await project.write(realtimeYaml("iris")), ns).result;
    const limited = await serviceAccountClient(client, {
      namespace: ns,
      name: "deployer",
      rules: {
        [ns]: [
          {
            apiGroups: ["cortexdeploy.dev"],
            resources: ["realtimeapis", "trafficsplitters"],
            verbs: ["get", "list", "watch"],
          },
          { apiGroups: [""], resources: ["namespaces"], verbs: ["get"] },
        ],
      },
    });
    try {
      const message = await failure(
        run(await project.write(realtimeYaml("iris", "sandbox.test/http-echo:v2")), ns, {
          client: limited,
        }).result,
      );
      expect(message).toContain(
        `realtimeapi/iris: permission denied: system:serviceaccount:${ns}:deployer may not patch realtimeapis.cortexdeploy.dev in namespace ${ns}`,
      );
    } finally {
      limited.close();
    }
  });

  it("refuses a deploy whose prune the deployer may not do before writing anything", async () => {
    const ns = uniqueNamespace("noprune");
    await run(await project.write(realtimeYaml("a") + realtimeYaml("b")), ns).result;
    const before = await getApi(client, ns, "a");
    // May apply, not delete: the apply alone would pass, and b would be left half-deployed.
    const limited = await serviceAccountClient(client, {
      namespace: ns,
      name: "deployer",
      rules: {
        [ns]: [
          {
            apiGroups: ["cortexdeploy.dev"],
            resources: ["realtimeapis", "trafficsplitters"],
            verbs: ["get", "list", "watch", "patch"],
          },
          { apiGroups: [""], resources: ["namespaces"], verbs: ["get"] },
        ],
      },
    });
    try {
      const message = await failure(
        run(await project.write(realtimeYaml("a", "sandbox.test/http-echo:v2")), ns, {
          client: limited,
        }).result,
      );
      expect(message).toBe(
        `pruning realtimeapi/b: permission denied: system:serviceaccount:${ns}:deployer may not ` +
          `delete realtimeapis.cortexdeploy.dev in namespace ${ns}. Grant the verb "delete" on ` +
          '"realtimeapis.cortexdeploy.dev" to it with a Role or ClusterRole.\n' +
          "Nothing was applied.\n" +
          "To deploy and keep what cortex.yaml no longer lists, use --no-prune (Action input prune: false).",
      );
    } finally {
      limited.close();
    }
    const after = await getApi(client, ns, "a");
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect((await getApi(client, ns, "b")).metadata.name).toBe("b");
  });

  it("waits for what it applied when a prune fails after its dry run passed, then fails naming it", async () => {
    const ns = uniqueNamespace("prunelate");
    await run(await project.write(realtimeYaml("a") + realtimeYaml("b")), ns).result;
    // The dry run passes; the delete itself fails (a connection dropped, a permission revoked).
    const flaky = intercepted(client, (method, path, opts) => {
      const dryRun = (opts.body as { dryRun?: string[] } | undefined)?.dryRun;
      if (method === "DELETE" && path.endsWith("/realtimeapis/b") && dryRun === undefined)
        throw new KubeApiError("DELETE", path, 503, {
          reason: "ServiceUnavailable",
          message: "etcd is down",
        });
    });
    const { result, log } = run(
      await project.write(realtimeYaml("a", "sandbox.test/http-echo:v2")),
      ns,
      { client: flaky, wait: true, timeoutSeconds: 120 },
    );
    // The stand-in controller reports the new spec of a Ready.
    await eventually(async () => {
      const a = await getApi(client, ns, "a");
      if (a.metadata.generation !== 2) throw new Error("not applied yet");
    });
    await setStatus(client, ns, "a", readyStatus(2, 2));
    const r = await result;
    expect(r.apis.map((a) => [a.name, a.action, a.state])).toEqual([["a", "update", "ready"]]);
    expect(r.pruned).toEqual([]);
    expect(r.failure).toBe(
      "Not pruned (no longer in cortex.yaml, left running):\n" +
        "  realtimeapi/b: etcd is down (HTTP 503 from the API server)\n" +
        "realtimeapi/a was applied; deploy again to prune, or delete it by hand.",
    );
    expect(log.lines).toContain("realtimeapi/a: configured");
    expect((await getApi(client, ns, "a")).spec.pod.containers[0]?.image).toBe(
      "sandbox.test/http-echo:v2",
    );
    expect((await getApi(client, ns, "b")).metadata.name).toBe("b");
  });
});

describe("delete", () => {
  it("deletes the APIs this config deployed and refuses others", async () => {
    const ns = uniqueNamespace("delete");
    const config = await project.write(realtimeYaml("a") + realtimeYaml("b"));
    await run(config, ns).result;
    const other = await makeProject();
    await run(await other.write(realtimeYaml("c")), ns, { configId: "other" }).result;
    const log = recorder();
    const opts = { client, namespace: ns, configFile: project.file, log, all: false };
    const refused = await failure(deleteApis({ ...opts, names: ["c"] }));
    expect(refused).toContain("was not deployed from this cortex.yaml");
    expect(await deleteApis({ ...opts, names: ["a"] })).toEqual(["realtimeapi/a"]);
    expect(await deleteApis({ ...opts, names: [], all: true })).toEqual(["realtimeapi/b"]);
    const names = (await listResources(client, "RealtimeAPI", ns)).items.map(
      (o) => o.metadata.name,
    );
    expect(names).toEqual(["c"]);
  });

  it("fails `delete --all` with a config path that does not exist and matches nothing (a typo)", async () => {
    const ns = uniqueNamespace("delete-typo");
    await run(await project.write(realtimeYaml("a")), ns).result;
    // --yes: no terminal to confirm --all on here.
    const remove = (file: string) =>
      cli("delete", "--all", "--yes", "-c", path.join(project.dir, file), "-n", ns);
    const typo = await remove("cortx.yaml");
    expect(typo.code, typo.output).toBe(1);
    expect(typo.output).toContain("cortx.yaml does not exist");
    expect((await listResources(client, "RealtimeAPI", ns)).items).toHaveLength(1);
    // The file's own path still deletes what it deployed.
    const right = await remove(path.basename(project.file));
    expect(right.code, right.output).toBe(0);
    expect((await listResources(client, "RealtimeAPI", ns)).items).toHaveLength(0);
  });
});

async function eventually<T>(fn: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i > 400) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
