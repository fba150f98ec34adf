// A TrafficSplitter on the sandbox: the controller derives its Deployment (the image's `splitter`
// command) and Service, the splitter pods run and become Ready, a new weight table rolls out,
// status follows its targets, and deleting it takes its objects away.
//
// The sandbox has no cluster DNS and no Service routing (no kube-proxy), so a splitter pod cannot
// reach `<api>.<namespace>.svc` here: its answers are 502s. The routing test reads which API each
// request was sent to from the `x-cortex-api` header, which is the splitter's own decision; the
// forwarding itself is tested against real servers in test/unit/splitter/.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment, Pod, Service } from "../../../controller/src/controller/kube/types.ts";
import { deploy } from "../../../src/commands/deploy.ts";
import { history } from "../../../src/commands/history.ts";
import { logs } from "../../../src/commands/logs.ts";
import { rollback } from "../../../src/commands/rollback.ts";
import { isApiError, type KubeClient } from "../../../src/kube/client.ts";
import type { TrafficSplitterStatus } from "../../../src/kube/resource.ts";
import { makeProject, recorder } from "../deploy/helpers.ts";
import {
  apiPath,
  applyApi,
  type ControllerProcess,
  echoApi,
  eventually,
  isPodReady,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

interface Splitter {
  apiVersion: "cortexdeploy.dev/v1alpha1";
  kind: "TrafficSplitter";
  metadata: {
    name: string;
    namespace?: string;
    generation?: number;
    labels?: Record<string, string>;
  };
  spec: {
    apis: { name: string; weight: number; shadow: boolean }[];
    networking: { endpoint: string };
  };
  status?: TrafficSplitterStatus;
}

const splitterPath = (name: string) =>
  `/apis/cortexdeploy.dev/v1alpha1/namespaces/${ns}/trafficsplitters/${name}`;

function applySplitter(
  weights: Record<string, number>,
  name = "split",
  labels?: Record<string, string>,
): Promise<Splitter> {
  const body: Splitter = {
    apiVersion: "cortexdeploy.dev/v1alpha1",
    kind: "TrafficSplitter",
    metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
    spec: {
      apis: Object.entries(weights).map(([api, weight]) => ({ name: api, weight, shadow: false })),
      networking: { endpoint: `/${name}` },
    },
  };
  return client.apply<Splitter>(splitterPath(name), body, "cortex-deploy");
}

/** The splitter's status once it describes its current generation and matches `check`. */
function waitForSplitter(
  what: string,
  check: (s: Splitter) => boolean,
  name = "split",
): Promise<Splitter> {
  return eventually(`splitter ${name} ${what}`, async () => {
    const s = await client.get<Splitter>(splitterPath(name));
    if (s.status?.observedGeneration === s.metadata.generation && check(s)) return s;
    throw new Error(`generation ${s.metadata.generation}, status ${JSON.stringify(s.status)}`);
  });
}

const ready = (s: Splitter) => s.status?.conditions?.find((c) => c.type === "Ready");

async function splitterPods(): Promise<Pod[]> {
  const list = await client.get<{ items: Pod[] }>(
    `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent("cortexdeploy.dev/traffic-splitter=split")}`,
  );
  return list.items;
}

/** The API a splitter pod sends one request to, from its answer's header. */
function routedTo(ip: string): Promise<{ status: number; api: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: ip, port: 8888, path: "/predict", agent: false }, (res) => {
      res.resume();
      res.on("end", () => {
        const api = res.headers["x-cortex-api"];
        resolve({ status: res.statusCode ?? 0, api: Array.isArray(api) ? api[0] : api });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-split"));
  await Promise.all([applyApi(client, ns, echoApi("a")), applyApi(client, ns, echoApi("b"))]);
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

describe("a TrafficSplitter", () => {
  it("becomes Ready with its Deployment and Service once its targets exist and its pods run", async () => {
    await Promise.all([
      waitForPhase(client, ns, "a", "Ready"),
      waitForPhase(client, ns, "b", "Ready"),
    ]);
    await applySplitter({ a: 80, b: 20 });
    const s = await waitForSplitter("Ready", (x) => x.status?.phase === "Ready");
    expect(ready(s)).toMatchObject({ status: "True", message: "routing a 80%, b 20%" });
    expect(s.status?.endpoint).toBe("/split");

    const d = await client.get<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments/split`);
    expect(d.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "TrafficSplitter",
      name: "split",
    });
    const env = d.spec?.template?.spec.containers[0]?.env ?? [];
    const backends = JSON.parse(
      env.find((e) => e.name === "CORTEX_SPLITTER_BACKENDS")?.value ?? "[]",
    );
    expect(backends).toEqual([
      { name: "a", url: `http://a.${ns}.svc:80`, weight: 80, shadow: false },
      { name: "b", url: `http://b.${ns}.svc:80`, weight: 20, shadow: false },
    ]);
    const svc = await client.get<Service>(`/api/v1/namespaces/${ns}/services/split`);
    expect(svc.spec?.selector).toEqual({ "cortexdeploy.dev/traffic-splitter": "split" });
    expect(svc.spec?.ports).toEqual([expect.objectContaining({ port: 80, targetPort: 8888 })]);
    expect((await splitterPods()).filter(isPodReady)).toHaveLength(2);
  });

  it("sends requests to its targets by weight", async () => {
    const [pod] = (await splitterPods()).filter(isPodReady);
    const ip = pod?.status?.podIP as string;
    const seen: Record<string, number> = {};
    for (let i = 0; i < 10; i++) {
      const r = await routedTo(ip);
      expect(r.status).toBe(502); // no cluster DNS in the sandbox (see the top of this file)
      seen[r.api ?? "none"] = (seen[r.api ?? "none"] ?? 0) + 1;
    }
    expect(seen).toEqual({ a: 8, b: 2 });
  });

  it("rolls a new weight table out to its pods and reports it", async () => {
    const before = await client.get<Splitter>(splitterPath("split"));
    await applySplitter({ a: 50, b: 50 });
    const s = await waitForSplitter(
      "Ready with the new weights",
      (x) =>
        (x.metadata.generation ?? 0) > (before.metadata.generation ?? 0) &&
        x.status?.phase === "Ready",
    );
    expect(ready(s)?.message).toBe("routing a 50%, b 50%");
    const [pod] = (await splitterPods()).filter(isPodReady);
    const ip = pod?.status?.podIP as string;
    const seen: Record<string, number> = {};
    for (let i = 0; i < 4; i++) {
      const r = await routedTo(ip);
      seen[r.api ?? "none"] = (seen[r.api ?? "none"] ?? 0) + 1;
    }
    expect(seen).toEqual({ a: 2, b: 2 });
  });

  it("is waited for by deploy until Ready, with the routes in the log", async () => {
    const project = await makeProject();
    const config = await project.write(
      "- name: front\n  kind: TrafficSplitter\n  apis:\n" +
        "    - name: a\n      weight: 30\n    - name: b\n      weight: 70\n",
    );
    const log = recorder();
    const r = await deploy({
      client,
      config,
      namespace: ns,
      prefix: "p",
      wait: true,
      timeoutSeconds: 120,
      prune: false,
      forceConflicts: false,
      git: {},
      log,
    });
    expect(r.failure).toBeUndefined();
    expect(r.apis).toEqual([
      expect.objectContaining({ kind: "TrafficSplitter", name: "front", state: "ready" }),
    ]);
    expect(log.lines).toContain("waiting up to 120s for front to be Ready");
    expect(log.lines).toContain("front: Ready, routing a 30%, b 70%");
  });

  it("shows its pods' logs through `logs NAME`", async () => {
    // Pods of the earlier rollouts may still be stopping; read once only the current two remain.
    const pods = await eventually("two splitter pods, none stopping", async () => {
      const now = await splitterPods();
      const settled =
        now.length === 2 && now.every((p) => isPodReady(p) && !p.metadata.deletionTimestamp);
      if (!settled) throw new Error(`${now.length} pods`);
      return now.map((p) => p.metadata.name);
    });
    const lines: string[] = [];
    const read = await logs({
      client,
      namespace: ns,
      name: "split",
      follow: false,
      write: (line) => lines.push(line),
      log: recorder(),
    });
    expect(read).toBe(2);
    const listening = lines.filter((l) => l.includes('"msg":"listening"'));
    expect(listening.map((l) => l.split(" ")[0]).sort()).toEqual([...pods].sort());
  });

  it("has no history or rollback, and history and rollback say why", async () => {
    const why =
      /split is a TrafficSplitter, which has no revisions: its routes change only with cortex\.yaml/;
    await expect(history({ client, namespace: ns, name: "split" })).rejects.toThrow(why);
    const rolled = rollback({
      client,
      namespace: ns,
      names: ["split"],
      to: "previous",
      wait: false,
      timeoutSeconds: 10,
      forceConflicts: false,
      log: recorder(),
    });
    await expect(rolled).rejects.toThrow(why);
  });

  it("reports a target that is still rolling out, then that it is Ready", async () => {
    // The splitter's own pods are up before its target c exists, so no event of theirs follows;
    // c's phases are written by this controller, whose watch does not report its own writes.
    await applySplitter({ a: 50, c: 50 }, "new");
    await waitForSplitter(
      "rolled out, waiting for c",
      (x) =>
        x.status?.phase === "Pending" &&
        x.status.conditions?.find((c) => c.type === "Progressing")?.status === "False",
      "new",
    );
    await applyApi(client, ns, echoApi("c"));
    await waitForPhase(client, ns, "c", "Ready");
    const s = await waitForSplitter(
      "Ready and not Degraded",
      (x) =>
        x.status?.phase === "Ready" &&
        x.status.conditions?.find((c) => c.type === "Degraded")?.status === "False",
      "new",
    );
    expect(ready(s)).toMatchObject({ status: "True", message: "routing a 50%, c 50%" });
  });

  it("is Pending, naming the target, while a target API is gone", async () => {
    await client.delete(apiPath(ns, "b"));
    const s = await waitForSplitter("Pending", (x) => x.status?.phase === "Pending");
    expect(ready(s)).toMatchObject({
      status: "False",
      reason: "TargetsMissing",
      message: "no RealtimeAPI named b in this namespace",
    });
  });

  it("runs fewer pods than --splitter-replicas when its max-replicas label (a preview's cap) says so", async () => {
    await applySplitter({ a: 50, b: 50 }, "capped", { "cortexdeploy.dev/max-replicas": "1" });
    const replicas = () =>
      client
        .get<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments/capped`)
        .then((d) => d.spec?.replicas);
    await eventually("the capped splitter's Deployment at 1 replica", async () => {
      const n = await replicas();
      if (n !== 1) throw new Error(`replicas ${n}`);
      return true;
    });
    // Without the label, the controller's own count (2) again.
    await applySplitter({ a: 50, b: 50 }, "capped");
    await eventually("the uncapped splitter's Deployment at 2 replicas", async () => {
      const n = await replicas();
      if (n !== 2) throw new Error(`replicas ${n}`);
      return true;
    });
    await client.delete(splitterPath("capped"));
  });

  it("takes its Deployment and Service with it when deleted", async () => {
    await client.delete(splitterPath("split"));
    await eventually("the splitter's Deployment and Service gone", async () => {
      const gone = await Promise.all(
        [
          `/apis/apps/v1/namespaces/${ns}/deployments/split`,
          `/api/v1/namespaces/${ns}/services/split`,
        ].map((p) =>
          client.get(p).then(
            () => false,
            (err: unknown) => {
              if (isApiError(err, 404)) return true;
              throw err;
            },
          ),
        ),
      );
      return gone.every(Boolean);
    });
  });
});
