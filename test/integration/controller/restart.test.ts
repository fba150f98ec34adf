// The API server going away and coming back loses nothing. The sandbox cannot restart its
// kube-apiserver, so the controller reaches it through a TCP forwarder the test cuts: every
// connection drops and new ones are refused, as in a restart. What others change meanwhile (an
// API created, one updated, one deleted) is reconciled once the server is back.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../../controller/src/controller/kube/client.ts";
import {
  apiPath,
  apiServerAddress,
  applyApi,
  buildControllerBundle,
  type ControllerProcess,
  createNamespace,
  deleteNamespace,
  echoApi,
  eventually,
  httpGet,
  installCrds,
  isPodReady,
  kube,
  kubeconfigVia,
  listPods,
  requireControllerImage,
  startController,
  startTcpCut,
  type TcpCut,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let dir: string;
let forwarder: TcpCut;
let controller: ControllerProcess;

beforeAll(async () => {
  requireControllerImage();
  client = await kube();
  await Promise.all([buildControllerBundle(), installCrds(client)]);
  ns = await createNamespace(client, "ctrl-restart");
  dir = await mkdtemp(path.join(tmpdir(), "ctrl-restart-"));
  forwarder = await startTcpCut(await apiServerAddress());
  const kubeconfig = await kubeconfigVia(
    forwarder.host,
    forwarder.port,
    path.join(dir, "kubeconfig"),
  );
  controller = await startController([
    "--kubeconfig",
    kubeconfig,
    "--namespace",
    ns,
    "--leader-election-namespace",
    ns,
  ]);
});

afterAll(async () => {
  await controller?.stop();
  await forwarder?.close();
  if (ns) await deleteNamespace(client, ns);
  if (dir) await rm(dir, { recursive: true, force: true });
  client?.close();
});

async function perApiMetrics(): Promise<string[]> {
  const { body } = await httpGet("127.0.0.1", controller.metricsPort, "/metrics");
  return [
    ...body.matchAll(
      /^cortex_controller_api_current_replicas\{namespace="[^"]+",api="([^"]+)"\}/gm,
    ),
  ].map((m) => m[1] as string);
}

describe("an API server outage", () => {
  it("loses no change made while the controller could not reach the server", async () => {
    await applyApi(client, ns, echoApi("keep", { replicas: 1 }));
    await applyApi(client, ns, echoApi("gone", { replicas: 1 }));
    await Promise.all([
      waitForPhase(client, ns, "keep", "Ready"),
      waitForPhase(client, ns, "gone", "Ready"),
    ]);
    expect((await perApiMetrics()).sort()).toEqual(["gone", "keep"]);

    await forwarder.cut();
    await controller.waitForLog("a failed watch", (l) => l.msg === "list/watch failed; retrying");
    await applyApi(client, ns, echoApi("born", { replicas: 1 }));
    await applyApi(client, ns, echoApi("keep", { replicas: 1, tag: "v2" }));
    await client.delete(apiPath(ns, "gone"));
    // Long enough for the leader to give up its Lease, as it would in a real outage.
    await controller.waitForLog("leadership lost", (l) => l.msg === "stopped leading", 30_000);
    await forwarder.restore();

    await controller.waitForLog(
      "leadership regained",
      (l) =>
        l.msg === "became the leader" &&
        controller.logs.indexOf(l) > controller.logs.findIndex((x) => x.msg === "stopped leading"),
      60_000,
    );
    const born = await waitForPhase(client, ns, "born", "Ready");
    expect(born.status?.readyReplicas).toBe(1);
    const keep = await waitForPhase(client, ns, "keep", "Ready");
    expect(keep.status).toMatchObject({ observedGeneration: 2, currentRevision: 2 });
    const pods = (await listPods(client, ns, "keep")).filter(isPodReady);
    const tags = await Promise.all(
      pods.map(
        async (p) =>
          (JSON.parse((await httpGet(p.status?.podIP as string, 8888)).body) as { tag: string })
            .tag,
      ),
    );
    expect(tags).toEqual(["v2"]);
    // The deleted API is forgotten.
    const apis = await eventually("gone dropped from the metrics", async () => {
      const names = (await perApiMetrics()).sort();
      return names.includes("gone") ? undefined : names;
    });
    expect(apis).toEqual(["born", "keep"]);
    expect(controller.child.exitCode).toBeNull();
  });
});
