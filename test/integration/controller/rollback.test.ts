// Failed rollouts: a revision whose container exits is rolled back to the last Ready revision while
// the old pods keep serving; the failed generation is not retried; a new spec supersedes it; a
// rollout whose surge pod cannot be scheduled says why, then rolls back; so does a raised
// min_replicas the node cannot hold, at its progress deadline; a first revision that fails is left
// running and becomes Ready when its pods come up after all.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ControllerRevision,
  Deployment,
} from "../../../controller/src/controller/kube/types.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { diagnoseApi } from "../../../src/kube/diagnose.ts";
import {
  applyApi,
  type ControllerProcess,
  condition,
  echoApi,
  eventually,
  getApi,
  httpGet,
  isPodReady,
  listPods,
  type RealtimeApi,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-rollback", [
    "--unschedulable-timeout",
    "20s",
  ]));
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

/** Requests the given pods' proxies every 100 ms until stopped; records every failure. */
function probe(ips: string[]) {
  let running = true;
  const failures: string[] = [];
  let successes = 0;
  const loop = (async () => {
    while (running) {
      await Promise.all(
        ips.map(async (ip) => {
          try {
            const reply = await httpGet(ip, 8888, "/", 2000);
            if (reply.status === 200) successes++;
            else failures.push(`${ip}: HTTP ${reply.status} ${reply.body}`);
          } catch (err) {
            failures.push(`${ip}: ${(err as Error).message}`);
          }
        }),
      );
      await sleep(100);
    }
  })();
  return {
    failures,
    get successes() {
      return successes;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

async function revisions(api: string): Promise<ControllerRevision[]> {
  const list = await client.get<{ items: ControllerRevision[] }>(
    `/apis/apps/v1/namespaces/${ns}/controllerrevisions?labelSelector=${encodeURIComponent(`cortexdeploy.dev/api=${api}`)}`,
  );
  return list.items.sort((a, b) => a.revision - b.revision);
}

interface Watched {
  resourceVersion: number;
  object: ControllerRevision & Deployment;
}

/**
 * Records every change of the namespace's objects of one kind from now on. Resource versions come
 * from etcd's single revision counter, so they order changes across kinds.
 */
async function record(resource: "controllerrevisions" | "deployments") {
  const seen: Watched[] = [];
  const list = await client.get<{ metadata: { resourceVersion: string } }>(
    `/apis/apps/v1/namespaces/${ns}/${resource}`,
  );
  const abort = new AbortController();
  const res = await client.stream(
    `/apis/apps/v1/namespaces/${ns}/${resource}?watch=1&resourceVersion=${list.metadata.resourceVersion}`,
    { signal: abort.signal },
  );
  let buffered = "";
  res.setEncoding("utf8");
  res.on("data", (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      const event = JSON.parse(buffered.slice(0, nl)) as { object: Watched["object"] };
      buffered = buffered.slice(nl + 1);
      const rv = Number(event.object.metadata.resourceVersion);
      seen.push({ resourceVersion: rv, object: event.object });
    }
  });
  res.on("error", () => {});
  return { seen, stop: () => abort.abort() };
}

function deployment(name: string): Promise<Deployment> {
  return client.get<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments/${name}`);
}

describe("a revision whose container exits", () => {
  it("is rolled back to the last Ready revision while the old pods keep serving", async () => {
    await applyApi(client, ns, echoApi("roll", { replicas: 2, maxSurge: 1, maxUnavailable: 0 }));
    await waitForPhase(client, ns, "roll", "Ready");
    const oldPods = (await listPods(client, ns, "roll")).filter(isPodReady);
    expect(oldPods).toHaveLength(2);
    const prober = probe(oldPods.map((p) => p.status?.podIP as string));
    const revisionChanges = await record("controllerrevisions");
    const deploymentChanges = await record("deployments");

    await applyApi(
      client,
      ns,
      echoApi("roll", {
        replicas: 2,
        maxSurge: 1,
        maxUnavailable: 0,
        image: "sandbox.test/crash:1",
      }),
    );
    const api = await waitForPhase(client, ns, "roll", "RolledBack");
    // The Deployment returns to the old template: the crashing pod goes away.
    await eventually("only the old pods left", async () => {
      const pods = await listPods(client, ns, "roll");
      const names = pods.map((p) => p.metadata.name).sort();
      return (
        names.join() ===
          oldPods
            .map((p) => p.metadata.name)
            .sort()
            .join() && pods.every(isPodReady)
      );
    });
    await prober.stop();

    expect(prober.failures).toEqual([]);
    expect(prober.successes).toBeGreaterThan(0);

    expect(condition(api, "RolledBack")).toMatchObject({
      status: "True",
      reason: "CrashLoopBackOff",
    });
    expect(condition(api, "RolledBack")?.message).toMatch(
      /^revision 2: container "api" of pod roll-\S+ keeps exiting/,
    );
    expect(condition(api, "RolledBack")?.message).toMatch(/rolled back to revision 1$/);
    expect(condition(api, "Ready")).toMatchObject({ status: "False", reason: "RolledBack" });
    expect(condition(api, "Degraded")).toMatchObject({
      status: "True",
      reason: "CrashLoopBackOff",
    });
    expect(api.status).toMatchObject({ currentRevision: 1, lastReadyRevision: 1 });

    // The RealtimeAPI keeps the user's spec; the Deployment runs revision 1's.
    const pod = (api.spec.pod as { containers: { image: string }[] }).containers[0];
    expect(pod?.image).toBe("sandbox.test/crash:1");
    const d = await deployment("roll");
    expect(d.spec?.template?.spec.containers[0]?.image).toBe("sandbox.test/http-echo:v1");

    const history = await revisions("roll");
    expect(
      history.map((r) => [r.revision, r.metadata.annotations?.["cortexdeploy.dev/result"]]),
    ).toEqual([
      [1, "Ready"],
      [2, "RolledBack"],
    ]);
    expect(history[1]?.metadata.annotations?.["cortexdeploy.dev/result-message"]).toBe(
      condition(api, "RolledBack")?.message,
    );

    // Revision 2 was marked RolledBack before the Deployment went back: a controller stopped in
    // between finds the failed revision marked, and does not roll it out again.
    revisionChanges.stop();
    deploymentChanges.stop();
    const marked = revisionChanges.seen.find(
      (c) =>
        c.object.revision === 2 &&
        c.object.metadata.annotations?.["cortexdeploy.dev/result"] === "RolledBack",
    );
    const wentToTwo = deploymentChanges.seen.findIndex(
      (c) => c.object.metadata.annotations?.["cortexdeploy.dev/revision"] === "2",
    );
    const wentBack = deploymentChanges.seen
      .slice(wentToTwo)
      .find((c) => c.object.metadata.annotations?.["cortexdeploy.dev/revision"] === "1");
    expect(wentToTwo).toBeGreaterThanOrEqual(0);
    expect(marked?.resourceVersion).toBeLessThan(wentBack?.resourceVersion ?? 0);

    const events = await client.get<{
      items: { reason: string; type: string; note: string; regarding: { name: string } }[];
    }>(`/apis/events.k8s.io/v1/namespaces/${ns}/events`);
    expect(
      events.items.filter((e) => e.regarding.name === "roll" && e.reason === "RolledBack"),
    ).toEqual([expect.objectContaining({ type: "Warning" })]);

    // The crashed container's output was kept before the rollback deleted its pod, and the
    // diagnosis deploy prints shows it.
    const kept = events.items.filter(
      (e) => e.regarding.name === "roll" && e.reason === "ContainerLog",
    );
    expect(kept).toEqual([
      expect.objectContaining({
        type: "Warning",
        note: expect.stringMatching(
          /^last lines of roll-\S+\/api \(its last run\):\nsandbox\.test\/crash: exiting with status 1$/,
        ),
      }),
    ]);
    const diagnosis = await diagnoseApi(client, ns, "roll", undefined);
    const at = diagnosis.findIndex((l) =>
      /^last lines of roll-\S+\/api \(its last run\), kept by the controller:$/.test(l),
    );
    expect(at).toBeGreaterThanOrEqual(0);
    expect(diagnosis[at + 1]).toBe("  sandbox.test/crash: exiting with status 1");
  });

  it("leaves the revision it went back to scaled by that revision's autoscaling", async () => {
    await applyApi(client, ns, echoApi("rb-scale", { replicas: 1 }));
    await applyApi(client, ns, echoApi("rb-clock", { replicas: 1 }));
    await waitForPhase(client, ns, "rb-scale", "Ready");
    await waitForPhase(client, ns, "rb-clock", "Ready");
    // The failed spec asks for at least 3 replicas, applied with its crashing template: that must
    // not grow revision 1, and the rollback takes back the 2 replicas that never came up.
    await applyApi(client, ns, echoApi("rb-scale", { replicas: 3, image: "sandbox.test/crash:1" }));
    await waitForPhase(client, ns, "rb-scale", "RolledBack");

    // A clock: each decision round decides for every API, rb-scale included, and exports each
    // one's desired count before it writes. Another API's new minimum (applied by the controller
    // with its spec) shows in the first round after it.
    await applyApi(client, ns, echoApi("rb-clock", { replicas: 2 }));
    const desiredOf = async (api: string) => {
      const { body } = await httpGet("127.0.0.1", controller.metricsPort, "/metrics");
      return new RegExp(
        `^cortex_controller_api_desired_replicas\\{namespace="${ns}",api="${api}"\\} (\\S+)$`,
        "m",
      ).exec(body)?.[1];
    };
    await eventually("a decision round after rb-clock's new minimum", async () =>
      (await desiredOf("rb-clock")) === "2" ? true : undefined,
    );
    const desired = await desiredOf("rb-scale");
    expect(desired).toBe("1");
    expect((await deployment("rb-scale")).spec?.replicas).toBe(1);
    expect(controller.logs.filter((l) => l.api === `${ns}/rb-scale` && l.msg === "scaled")).toEqual(
      [],
    );
  });

  it("is not retried when the controller looks at the API again", async () => {
    const before = await deployment("roll");
    const patchedAt = new Date().toISOString();
    // New annotations make the controller reconcile the same generation.
    await client.mergePatch(
      `/apis/cortexdeploy.dev/v1alpha1/namespaces/${ns}/realtimeapis/roll`,
      { metadata: { annotations: { "cortexdeploy.dev/actor": "someone-else" } } },
      "tests",
    );
    await controller.waitForLog(
      "a reconcile after the annotation",
      (l) => l.api === `${ns}/roll` && l.msg === "reconciled" && (l.time as string) >= patchedAt,
    );
    const api = await waitForPhase(client, ns, "roll", "RolledBack");
    const after = await deployment("roll");
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.spec?.template?.spec.containers[0]?.image).toBe("sandbox.test/http-echo:v1");
    expect(api.status?.currentRevision).toBe(1);
  });

  it("is superseded by a new spec, which rolls out and becomes Ready", async () => {
    await applyApi(
      client,
      ns,
      echoApi("roll", { replicas: 2, maxSurge: 1, maxUnavailable: 0, tag: "v3" }),
    );
    const api = await waitForPhase(client, ns, "roll", "Ready");
    expect(api.status).toMatchObject({ currentRevision: 3, lastReadyRevision: 3 });
    expect(condition(api, "RolledBack")?.status).toBe("False");
    const pods = (await listPods(client, ns, "roll")).filter(isPodReady);
    const tags = await Promise.all(
      pods.map(
        async (p) =>
          (JSON.parse((await httpGet(p.status?.podIP as string, 8888)).body) as { tag: string })
            .tag,
      ),
    );
    expect(tags).toEqual(["v3", "v3"]);
  });
});

describe("a rollout whose surge pod cannot be scheduled", () => {
  it("reports why it cannot progress, then rolls back after the unschedulable timeout", async () => {
    await applyApi(client, ns, echoApi("surge", { replicas: 1, maxSurge: 1, maxUnavailable: 0 }));
    await waitForPhase(client, ns, "surge", "Ready");
    const [oldPod] = (await listPods(client, ns, "surge")).filter(isPodReady);

    const huge = echoApi("surge", { replicas: 1, maxSurge: 1, maxUnavailable: 0, tag: "v2" });
    const container = (huge.spec.pod as { containers: { compute: { cpu: string } }[] })
      .containers[0];
    if (container) container.compute.cpu = "5000";
    await applyApi(client, ns, huge);

    const blocked = await eventually("the rollout reported as blocked", async () => {
      const api = await getApi(client, ns, "surge");
      return condition(api, "Progressing")?.reason === "SurgeImpossible" ? api : undefined;
    });
    const progressing = condition(blocked, "Progressing");
    expect(progressing?.status).toBe("True");
    expect(progressing?.message).toContain("Insufficient cpu");
    expect(progressing?.message).toContain("max_unavailable resolves to 0");
    expect(condition(blocked, "Degraded")).toMatchObject({
      status: "True",
      reason: "SurgeImpossible",
    });
    // Meanwhile the old pod serves.
    expect((await httpGet(oldPod?.status?.podIP as string, 8888)).status).toBe(200);

    const api = await waitForPhase(client, ns, "surge", "RolledBack");
    expect(condition(api, "RolledBack")).toMatchObject({ status: "True", reason: "Unschedulable" });
    expect(api.status?.currentRevision).toBe(1);
  });
});

describe("a revision that raises only min_replicas", () => {
  /** Pods asking for 30 CPUs: two fit on the sandbox's node, a third does not. */
  function big(min: number, max: number, progressDeadline = "10m"): RealtimeApi {
    const api = echoApi("cap", { replicas: min, maxReplicas: max, progressDeadline });
    const container = (api.spec.pod as { containers: { compute: { cpu: string } }[] })
      .containers[0];
    if (container) container.compute.cpu = "30";
    return api;
  }

  it("is not Ready while the node cannot hold the minimum, and is rolled back at its deadline", async () => {
    // Before, such a spec was Ready at once (it changes no pod) and the unmet minimum showed only
    // as Degraded; like Knative's revisions, it is now Ready only once its minimum is available.
    await applyApi(client, ns, big(1, 5));
    await waitForPhase(client, ns, "cap", "Ready");
    // A new minimum the node cannot hold: a third pod waits, unschedulable.
    const raised = await applyApi(client, ns, big(3, 5, "30s"));
    const waiting = await eventually("the wait for the minimum reported as blocked", async () => {
      const api = await getApi(client, ns, "cap");
      const current = api.status?.observedGeneration === raised.metadata.generation;
      return current && condition(api, "Progressing")?.reason === "Unschedulable" ? api : undefined;
    });
    expect(waiting.status?.phase).toBe("Progressing");
    expect(condition(waiting, "Ready")?.status).toBe("False");
    expect(condition(waiting, "Progressing")?.message).toMatch(
      /^revision 2 is waiting for min_replicas \(3\): [12] of 3 replicas available; pod cap-\S+ cannot be scheduled for \S+: .*Insufficient cpu/,
    );
    expect((await deployment("cap")).spec?.replicas).toBe(3);

    const api = await waitForPhase(client, ns, "cap", "RolledBack");
    expect(condition(api, "RolledBack")).toMatchObject({
      status: "True",
      reason: "MinReplicasUnavailable",
    });
    expect(condition(api, "RolledBack")?.message).toMatch(
      /^revision 2 did not reach min_replicas \(3\) within 30s: 2 of 3 replicas available; pod cap-\S+ cannot be scheduled for \S+: .*Insufficient cpu.*; rolled back to revision 1$/,
    );
    expect(api.status?.currentRevision).toBe(1);
    // The rollback takes back the replica that never came up; the two serving stay.
    await eventually("only the two pods that run left", async () => {
      const pods = await listPods(client, ns, "cap");
      return pods.length === 2 && pods.every(isPodReady);
    });
    expect((await deployment("cap")).spec?.replicas).toBe(2);

    // Lowering the bounds is Ready at once, the count brought into them with the spec.
    await applyApi(client, ns, big(1, 1));
    const lowered = await waitForPhase(client, ns, "cap", "Ready");
    expect(lowered.status?.currentRevision).toBe(3);
    expect(condition(lowered, "RolledBack")?.status).toBe("False");
    expect((await deployment("cap")).spec?.replicas).toBe(1);
  });
});

describe("a first revision that fails, with nothing to roll back to", () => {
  it("is left running and becomes Ready when its pods come up after all", async () => {
    // The container exits until a file exists, as a server does until a Secret it needs is made.
    const dir = await mkdtemp(join(tmpdir(), "cortex-deploy-late-"));
    const marker = join(dir, "ready");
    try {
      const script = `test -f ${marker} || { echo 'waiting for ${marker}'; exit 1; }; exec node http-echo.mjs`;
      await applyApi(client, ns, echoApi("late", { command: ["/bin/sh", "-c", script] }));
      const failed = await waitForPhase(client, ns, "late", "Failed");
      expect(condition(failed, "Ready")).toMatchObject({
        status: "False",
        reason: "CrashLoopBackOff",
      });
      expect(condition(failed, "RolledBack")?.reason).toBe("NoReadyRevision");

      await writeFile(marker, "");
      const api = await waitForPhase(client, ns, "late", "Ready");
      expect(api.status).toMatchObject({ currentRevision: 1, lastReadyRevision: 1 });
      expect(condition(api, "Ready")?.status).toBe("True");
      expect(condition(api, "Degraded")?.status).toBe("False");
      const [serving] = (await listPods(client, ns, "late")).filter(isPodReady);
      expect((await httpGet(serving?.status?.podIP as string, 8888)).status).toBe(200);
      const [record] = await revisions("late");
      expect(record?.metadata.annotations?.["cortexdeploy.dev/result"]).toBe("Ready");
      const events = await client.get<{
        items: { reason: string; type: string; note?: string; regarding: { name: string } }[];
      }>(`/apis/events.k8s.io/v1/namespaces/${ns}/events`);
      expect(
        events.items.filter((e) => e.regarding.name === "late" && e.reason === "Recovered"),
      ).toEqual([
        expect.objectContaining({
          type: "Normal",
          note: "revision 1 is available (1 replica) after it had failed",
        }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a rolled-back spec applied again with spec.retry (as a re-run deploy does)", () => {
  it("rolls out again as the same revision, with new pods, and becomes Ready", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cortex-deploy-retry-"));
    const marker = join(dir, "ready");
    try {
      await applyApi(client, ns, echoApi("again", { maxSurge: 1, maxUnavailable: 0 }));
      await waitForPhase(client, ns, "again", "Ready");
      const script = `test -f ${marker} || { echo 'waiting for ${marker}'; exit 1; }; exec node http-echo.mjs`;
      const broken = echoApi("again", {
        maxSurge: 1,
        maxUnavailable: 0,
        tag: "v2",
        command: ["/bin/sh", "-c", script],
      });
      await applyApi(client, ns, broken);
      const rolledBack = await waitForPhase(client, ns, "again", "RolledBack");
      expect(rolledBack.status?.currentRevision).toBe(1);

      await writeFile(marker, "");
      await applyApi(client, ns, { ...broken, spec: { ...broken.spec, retry: 1 } });
      const api = await waitForPhase(client, ns, "again", "Ready");
      expect(api.status).toMatchObject({ currentRevision: 2, lastReadyRevision: 2 });
      expect((await revisions("again")).map((r) => r.revision)).toEqual([1, 2]);
      const pods = (await listPods(client, ns, "again")).filter(isPodReady);
      const reply = await httpGet(pods[0]?.status?.podIP as string, 8888);
      expect((JSON.parse(reply.body) as { tag: string }).tag).toBe("v2");
      const template = (await deployment("again")).spec?.template?.metadata.annotations;
      expect(template?.["cortexdeploy.dev/retry"]).toBe("1");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
