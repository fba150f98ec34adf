// A RealtimeAPI becomes Ready: the controller derives its Deployment (proxy sidecar), Service and
// ControllerRevision, reports status, and the pods serve through their proxies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ControllerRevision,
  Deployment,
  Service,
} from "../../../controller/src/controller/kube/types.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import type { Live } from "../../../src/kube/objects.ts";
import { rolloutProgress } from "../../../src/kube/readiness.ts";
import type { RealtimeApiResource } from "../../../src/kube/resource.ts";
import {
  apiPath,
  applyApi,
  type ControllerProcess,
  condition,
  echoApi,
  eventually,
  getApi,
  httpGet,
  isPodReady,
  listPods,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-ready"));
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

describe("a RealtimeAPI", () => {
  it("becomes Ready with its Deployment, Service, revision and status", async () => {
    await applyApi(
      client,
      ns,
      echoApi("echo", { replicas: 2, annotations: { "cortexdeploy.dev/commit": "c0ffee" } }),
    );
    const api = await waitForPhase(client, ns, "echo", "Ready");

    expect(condition(api, "Ready")).toMatchObject({
      status: "True",
      observedGeneration: api.metadata.generation,
    });
    expect(condition(api, "Progressing")?.status).toBe("False");
    expect(condition(api, "Degraded")?.status).toBe("False");
    expect(condition(api, "RolledBack")?.status).toBe("False");
    expect(api.status).toMatchObject({
      readyReplicas: 2,
      desiredReplicas: 2,
      currentRevision: 1,
      lastReadyRevision: 1,
      endpoint: "/echo",
    });

    const deployment = await client.get<Deployment>(
      `/apis/apps/v1/namespaces/${ns}/deployments/echo`,
    );
    expect(deployment.spec?.replicas).toBe(2);
    // Written once: a second write of the same rendering would bump the generation, and the
    // rollout would wait again for the Deployment to observe it.
    expect(deployment.metadata.generation).toBe(1);
    expect(deployment.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "RealtimeAPI",
      name: "echo",
      controller: true,
    });
    expect(deployment.spec?.template?.spec.containers.map((c) => c.name)).toEqual(["api", "proxy"]);

    const service = await client.get<Service>(`/api/v1/namespaces/${ns}/services/echo`);
    expect(service.spec?.ports).toEqual([
      expect.objectContaining({ name: "http", port: 80, targetPort: 8888 }),
    ]);

    const revisions = await client.get<{ items: ControllerRevision[] }>(
      `/apis/apps/v1/namespaces/${ns}/controllerrevisions?labelSelector=cortexdeploy.dev%2Fapi%3Decho`,
    );
    expect(revisions.items).toHaveLength(1);
    const revision = revisions.items[0] as ControllerRevision;
    expect(revision.revision).toBe(1);
    expect(revision.metadata.name).toMatch(/^echo-[0-9a-f]{10}$/);
    expect(revision.metadata.annotations?.["cortexdeploy.dev/result"]).toBe("Ready");
    expect(revision.data).toEqual({
      spec: (await getApi(client, ns, "echo")).spec,
      annotations: { commit: "c0ffee" },
    });
  });

  it("serves requests through each pod's proxy, which reports in-flight requests", async () => {
    const pods = (await listPods(client, ns, "echo")).filter(isPodReady);
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      const ip = pod.status?.podIP as string;
      const reply = await httpGet(ip, 8888, "/predict");
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ tag: "v1", path: "/predict" });
      const metrics = await httpGet(ip, 15000, "/metrics");
      expect(metrics.body).toMatch(/^cortex_in_flight_requests \d+(\.\d+)?$/m);
    }
  });

  it("logs JSON lines that name the API", async () => {
    const line = await controller.waitForLog("a line about echo", (l) => l.api === `${ns}/echo`);
    expect(line.component).toBe("controller");
  });

  it("recreates a deleted Service", async () => {
    await client.delete(`/api/v1/namespaces/${ns}/services/echo`);
    const service = await eventually("the Service back", async () => {
      try {
        const s = await client.get<Service>(`/api/v1/namespaces/${ns}/services/echo`);
        return s.metadata.deletionTimestamp === undefined ? s : undefined;
      } catch {
        return undefined;
      }
    });
    expect(service.spec?.selector).toEqual({ "cortexdeploy.dev/api": "echo" });
  });

  // The controller runs with its default 10-minute resync, longer than `eventually` waits, so
  // only the edit's own event can bring the repair.
  it("puts back hand edits of its Deployment and Service without waiting for the resync", async () => {
    const deploymentPath = `/apis/apps/v1/namespaces/${ns}/deployments/echo`;
    const servicePath = `/api/v1/namespaces/${ns}/services/echo`;
    const before = await client.get<Deployment>(deploymentPath);
    const surge = before.spec?.strategy?.rollingUpdate?.maxSurge;
    expect(surge).toBeDefined();

    await client.mergePatch(
      deploymentPath,
      { spec: { strategy: { rollingUpdate: { maxSurge: 7 } } } },
      "kubectl-edit",
    );
    await client.mergePatch(
      servicePath,
      { spec: { selector: { "cortexdeploy.dev/api": "someone-else" } } },
      "kubectl-edit",
    );

    await eventually(
      "the Deployment's strategy back",
      async () =>
        (await client.get<Deployment>(deploymentPath)).spec?.strategy?.rollingUpdate?.maxSurge ===
        surge,
      60_000,
    );
    await eventually(
      "the Service's selector back",
      async () =>
        (await client.get<Service>(servicePath)).spec?.selector?.["cortexdeploy.dev/api"] ===
        "echo",
      60_000,
    );
  });

  // `kubectl patch svc --type merge` replaces the ports list, and the entry it leaves (port 81,
  // named http) belongs to kubectl's field manager: a server-side apply of our port 80 entry keeps
  // both, and the API server refuses two ports named http (422). The controller takes the Service
  // over whole instead, and says so in an Event.
  it("puts back a Service port changed by a merge patch, which an apply cannot undo", async () => {
    const servicePath = `/api/v1/namespaces/${ns}/services/echo`;
    const before = await client.get<Service>(servicePath);
    await client.mergePatch(
      servicePath,
      { spec: { ports: [{ name: "http", port: 81, targetPort: 8888 }] } },
      "kubectl-patch",
    );

    const service = await eventually(
      "the Service back on port 80, with one port",
      async () => {
        const s = await client.get<Service>(servicePath);
        return s.spec?.ports?.length === 1 && s.spec.ports[0]?.port === 80 ? s : undefined;
      },
      60_000,
    );
    expect(service.spec?.ports).toEqual([
      expect.objectContaining({ name: "http", port: 80, targetPort: 8888, protocol: "TCP" }),
    ]);
    // Replaced in place, not re-created: clients keep the cluster IP.
    expect(service.metadata.uid).toBe(before.metadata.uid);
    expect((service.spec as { clusterIP?: string }).clusterIP).toBe(
      (before.spec as { clusterIP?: string }).clusterIP,
    );

    const repaired = await eventually("a DriftRepaired event", async () => {
      const events = await client.get<{
        items: { reason: string; type: string; note: string; regarding: { name: string } }[];
      }>(`/apis/events.k8s.io/v1/namespaces/${ns}/events`);
      return events.items.find((e) => e.regarding.name === "echo" && e.reason === "DriftRepaired");
    });
    expect(repaired).toMatchObject({ type: "Normal" });
    expect(repaired.note).toMatch(/Service echo/);
    expect((await getApi(client, ns, "echo")).status?.phase).toBe("Ready");
  });
});

describe("a spec change", () => {
  it("rolls out a new revision and keeps the replica count the autoscaler owns", async () => {
    // Scale as the autoscaler does, through the scale subresource under its field manager.
    await client.mergePatch(
      `/apis/apps/v1/namespaces/${ns}/deployments/echo/scale`,
      { spec: { replicas: 3 } },
      "cortex-deploy-autoscaler",
    );
    await applyApi(client, ns, echoApi("echo", { replicas: 2, tag: "v2" }));
    const api = await waitForPhase(client, ns, "echo", "Ready");
    expect(api.status).toMatchObject({
      currentRevision: 2,
      lastReadyRevision: 2,
      desiredReplicas: 3,
      readyReplicas: 3,
    });
    const deployment = await client.get<Deployment>(
      `/apis/apps/v1/namespaces/${ns}/deployments/echo`,
    );
    expect(deployment.spec?.replicas).toBe(3);
    expect(deployment.spec?.template?.spec.containers[0]?.image).toBe("sandbox.test/http-echo:v2");
    const pods = (await listPods(client, ns, "echo")).filter(isPodReady);
    const tags = await Promise.all(
      pods.map(
        async (p) =>
          (JSON.parse((await httpGet(p.status?.podIP as string, 8888)).body) as { tag: string })
            .tag,
      ),
    );
    expect(tags).toEqual(["v2", "v2", "v2"]);
  });
});

/** Every change of one RealtimeAPI from now on, as a watch delivers them. */
async function watchApi(name: string) {
  const seen: Live<RealtimeApiResource>[] = [];
  const current = await client.get<{ metadata: { resourceVersion: string } }>(apiPath(ns, name));
  const abort = new AbortController();
  const res = await client.stream(
    `${apiPath(ns)}?watch=1&fieldSelector=metadata.name%3D${name}&resourceVersion=${current.metadata.resourceVersion}`,
    { signal: abort.signal },
  );
  let buffered = "";
  res.setEncoding("utf8");
  res.on("data", (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      seen.push(
        (JSON.parse(buffered.slice(0, nl)) as { object: Live<RealtimeApiResource> }).object,
      );
      buffered = buffered.slice(nl + 1);
    }
  });
  res.on("error", () => {});
  return { seen, stop: () => abort.abort() };
}

describe("a raised min_replicas", () => {
  it("is not Ready until that many replicas are available", async () => {
    await applyApi(client, ns, echoApi("floor", { replicas: 1 }));
    await waitForPhase(client, ns, "floor", "Ready");
    const changes = await watchApi("floor");
    // The pod template stays the same: only the count can keep the revision from being Ready.
    const raised = await applyApi(client, ns, echoApi("floor", { replicas: 3 }));
    const api = await waitForPhase(client, ns, "floor", "Ready");
    changes.stop();
    expect(api.status).toMatchObject({ currentRevision: 2, desiredReplicas: 3, readyReplicas: 3 });

    // What `cortex-deploy deploy --wait` (and the Action) read at each status of the new spec.
    const judged = changes.seen
      .filter((a) => a.status?.observedGeneration === raised.metadata.generation)
      .map((a) => ({ ...rolloutProgress(a), ready: a.status?.readyReplicas ?? 0 }));
    expect(judged[0]).toMatchObject({
      state: "progressing",
      message: expect.stringMatching(
        /waiting for min_replicas \(3\): [0-2] of 3 replicas available/,
      ),
    });
    expect(judged.filter((j) => j.state === "ready").length).toBeGreaterThan(0);
    for (const j of judged.filter((j) => j.state === "ready")) expect(j.ready).toBe(3);

    // The count was raised by the controller with the spec, and stays the autoscaler's field.
    const deployment = await client.get<Deployment>(
      `/apis/apps/v1/namespaces/${ns}/deployments/floor`,
    );
    expect(deployment.spec?.replicas).toBe(3);
    const owners = (deployment.metadata.managedFields ?? [])
      .filter((e) => JSON.stringify(e.fieldsV1 ?? {}).includes('"f:replicas"'))
      .map((e) => e.manager);
    expect(owners).not.toContain("cortex-deploy-controller");
    expect(
      controller.logs.filter(
        (l) => l.api === `${ns}/floor` && l.msg === "scaled into bounds" && l.to === 3,
      ),
    ).toHaveLength(1);
  });
});

describe("a Deployment whose managed-by label is removed", () => {
  it("is taken back with its replica count, not created again at init_replicas", async () => {
    const path = `/apis/apps/v1/namespaces/${ns}/deployments/echo`;
    await client.mergePatch(`${path}/scale`, { spec: { replicas: 5 } }, "kubectl");
    const created = () => controller.logs.filter((l) => l.msg === "created deployment").length;
    const createdBefore = created();
    const tookBack = () =>
      controller.logs.some((l) => l.msg === "took back deployment" && l.api === `${ns}/echo`);
    expect(tookBack()).toBe(false);

    await client.mergePatch(
      path,
      { metadata: { labels: { "app.kubernetes.io/managed-by": null } } },
      "kubectl",
    );
    // The controller puts the label back (its cache sees the Deployment again).
    await controller.waitForLog("took back deployment", (l) => l.msg === "took back deployment");
    const back = await eventually("the managed-by label back", async () => {
      const d = await client.get<Deployment>(path);
      return d.metadata.labels?.["app.kubernetes.io/managed-by"] !== undefined && d;
    });
    expect(back.spec?.replicas).toBe(5);
    expect(created()).toBe(createdBefore);
    const api = await waitForPhase(client, ns, "echo", "Ready");
    expect(api.status?.desiredReplicas).toBe(5);
  });
});
