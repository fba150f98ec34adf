// Restarting the API server loses nothing. The sandbox's kube-apiserver is stopped and started
// again for real: a new process, whose watch cache starts from what etcd holds now, so the
// controller's watches could not resume from their old resourceVersions (410 Gone); the
// controller lists again after any failed watch. The controller reaches the server through a TCP forwarder that stays cut a little after
// the server is back, so that what others change meanwhile (an API created, one updated, one
// deleted) certainly lands while the controller cannot see it. The existing API keeps serving
// throughout: its pods run under the kubelet and are reached on their own IPs.
//
// A sandbox of its own: the restart takes the API server away for seconds, which every other
// file sharing the global sandbox would feel if this one failed half way; and the handle that can
// restart it lives in the process that started the sandbox (the global one's is vitest's main
// process, not this worker).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment, Pod } from "../../../controller/src/controller/kube/types.ts";
import { watchStatus } from "../../../src/commands/status-watch.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { defaultImageFiles, type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { readState } from "../../sandbox/state.ts";
import {
  apiPath,
  apiServerAddress,
  applyApi,
  buildControllerBundle,
  type ControllerProcess,
  createNamespace,
  echoApi,
  eventually,
  httpGet,
  imageMapFile,
  installCrds,
  isPodReady,
  kube,
  kubeconfigVia,
  type LogLine,
  listPods,
  startController,
  startTcpCut,
  type TcpCut,
  waitForPhase,
} from "./support.ts";

let sandbox: Sandbox;
let client: KubeClient;
let ns: string;
let dir: string;
let forwarder: TcpCut;
let controller: ControllerProcess;

beforeAll(async () => {
  // The controller image's map, so the kubelet can run the pods' proxy sidecars.
  sandbox = await startSandbox({
    imageFiles: [...new Set([...defaultImageFiles(), imageMapFile])],
  });
  client = await kube(sandbox.kubeconfig);
  await Promise.all([buildControllerBundle(), installCrds(client)]);
  ns = await createNamespace(client, "ctrl-restart");
  dir = await mkdtemp(path.join(tmpdir(), "ctrl-restart-"));
  forwarder = await startTcpCut(await apiServerAddress(sandbox.kubeconfig));
  const kubeconfig = await kubeconfigVia(
    forwarder.host,
    forwarder.port,
    path.join(dir, "kubeconfig"),
    sandbox.kubeconfig,
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
  client?.close();
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function perApiMetrics(): Promise<string[]> {
  const { body } = await httpGet("127.0.0.1", controller.metricsPort, "/metrics");
  return [
    ...body.matchAll(
      /^cortex_controller_api_current_replicas\{namespace="[^"]+",api="([^"]+)"\}/gm,
    ),
  ].map((m) => m[1] as string);
}

/** The image tags the pods' proxies answer with, straight from the pods' IPs. */
function tagsServedBy(pods: Pod[]): Promise<string[]> {
  return Promise.all(
    pods.map(
      async (p) =>
        (JSON.parse((await httpGet(p.status?.podIP as string, 8888)).body) as { tag: string }).tag,
    ),
  );
}

/** Matches log lines logged after the first `mark` lines. */
function since(mark: number, match: (l: LogLine) => boolean): (l: LogLine) => boolean {
  return (l) => controller.logs.indexOf(l) >= mark && match(l);
}

async function apiServerPid(): Promise<number | undefined> {
  const state = await readState(sandbox.dir);
  return state?.processes.find((p) => p.name === "kube-apiserver")?.pid;
}

describe("an API server restart", () => {
  it("loses no change made while the controller could not reach the new server", async () => {
    await applyApi(client, ns, echoApi("keep", { replicas: 1 }));
    await applyApi(client, ns, echoApi("gone", { replicas: 1 }));
    await Promise.all([
      waitForPhase(client, ns, "keep", "Ready"),
      waitForPhase(client, ns, "gone", "Ready"),
    ]);
    expect((await perApiMetrics()).sort()).toEqual(["gone", "keep"]);
    const keepPods = (await listPods(client, ns, "keep")).filter(isPodReady);
    expect(await tagsServedBy(keepPods)).toEqual(["v1"]);
    const pidBefore = await apiServerPid();
    // `status --watch` through it all, straight to the server (no forwarder): it must outlive the
    // outage, say so once per distinct failure, and show the changes made meanwhile.
    const shown: string[][] = [];
    const failures: string[] = [];
    const stopWatching = new AbortController();
    const watching = watchStatus({
      client,
      namespace: ns,
      signal: stopWatching.signal,
      intervalMs: 250,
      onRows: (rows) => shown.push(rows.map((r) => `${r.name} ${r.status}`)),
      onError: (message) => failures.push(message),
    });
    await eventually("the watch's first rows", async () => shown.length > 0);

    const stopped = controller.logs.length;
    await sandbox.stopApiServer();
    // The server ended the controller's watches on its way out; coming back in fails.
    await controller.waitForLog(
      "a failed list/watch",
      since(stopped, (l) => l.msg === "list/watch failed; retrying"),
    );
    // With no API server at all, the API still serves: nothing between client and pod needs it.
    expect(await tagsServedBy(keepPods)).toEqual(["v1"]);

    // Keeps the controller away from the server once it is back, until the changes are made.
    await forwarder.cut();
    await sandbox.startApiServer();
    expect(await apiServerPid()).not.toBe(pidBefore);
    await applyApi(client, ns, echoApi("born", { replicas: 1 }));
    await applyApi(client, ns, echoApi("keep", { replicas: 1, tag: "v2" }));
    await client.delete(apiPath(ns, "gone"));
    // An outage longer than the renew deadline costs the Lease, as it would in a real cluster.
    await controller.waitForLog(
      "leadership lost",
      since(stopped, (l) => l.msg === "stopped leading"),
      30_000,
    );

    const restored = controller.logs.length;
    await forwarder.restore();
    // Its watches failed: the controller lists every cache again rather than resume them (the new
    // server's watch cache began after its last resourceVersions anyway), and lists afresh on
    // taking the Lease back.
    await controller.waitForLog(
      "leadership regained",
      since(restored, (l) => l.msg === "became the leader"),
      60_000,
    );

    const born = await waitForPhase(client, ns, "born", "Ready");
    expect(born.status?.readyReplicas).toBe(1);
    expect(await tagsServedBy((await listPods(client, ns, "born")).filter(isPodReady))).toEqual([
      "v1",
    ]);
    const keep = await waitForPhase(client, ns, "keep", "Ready");
    expect(keep.status).toMatchObject({ observedGeneration: 2, currentRevision: 2 });
    const keepPodsNow = (await listPods(client, ns, "keep")).filter(isPodReady);
    expect(await tagsServedBy(keepPodsNow)).toEqual(["v2"]);
    // The deleted API is forgotten by the controller, and what it derived is gone.
    const apis = await eventually("gone dropped from the metrics", async () => {
      const names = (await perApiMetrics()).sort();
      return names.includes("gone") ? undefined : names;
    });
    expect(apis).toEqual(["born", "keep"]);
    // The garbage collector deletes it (owner reference) once its discovery, refreshed every
    // 30 s, knows the CRD this fresh sandbox got at the start: half a minute, or a whole one
    // when a refresh fell in the outage.
    await eventually("gone's Deployment deleted", async () => {
      const list = await client.get<{ items: Deployment[] }>(
        `/apis/apps/v1/namespaces/${ns}/deployments?labelSelector=${encodeURIComponent("cortexdeploy.dev/api=gone")}`,
      );
      return list.items.length === 0;
    });
    await eventually("the watch showing what changed", async () =>
      shown.at(-1)?.join() === "born Ready,keep Ready" ? true : undefined,
    );
    stopWatching.abort();
    await watching;
    expect(shown[0]).toEqual(["gone Ready", "keep Ready"]);
    expect(failures.length).toBeGreaterThan(0);
    for (const [i, f] of failures.entries()) if (i > 0) expect(f).not.toBe(failures[i - 1]);
    expect(controller.child.exitCode).toBeNull();
    // Retries are warnings; nothing went wrong enough to be an error.
    expect(controller.logs.filter((l) => l.level === "error")).toEqual([]);
  });
});

describe("an API server outage longer than a rollout's progress deadline", () => {
  it("does not roll back the revision from what the controller saw before the outage", async () => {
    // Long enough for the cluster to finish the rollout after the outage (the sandbox's controller
    // manager took up to three minutes to resume under CI load, and a 75 s deadline once ran out
    // while it caught up); shorter than the outage.
    const spec = { replicas: 1, progressDeadline: "170s" };
    await applyApi(client, ns, echoApi("steady", spec));
    await waitForPhase(client, ns, "steady", "Ready");
    const mark = controller.logs.length;
    await applyApi(client, ns, echoApi("steady", { ...spec, tag: "v2" }));
    // The Deployment runs v2's template; its pods are not up yet when the server stops.
    await controller.waitForLog(
      "v2 applied",
      since(
        mark,
        (l) => l.msg === "applied deployment" && l.api === `${ns}/steady` && l.revision === 2,
      ),
    );
    await sandbox.stopApiServer();
    // The outage itself, longer than the deadline: nothing to wait for, nobody can see anything.
    await new Promise((resolve) => setTimeout(resolve, 180_000));
    await sandbox.startApiServer();

    // The rollout is judged on what the cluster says after the outage: v2 comes up.
    const ended = await controller.waitForLog(
      "the rollout's end",
      since(mark, (l) => l.msg === "rollout ended" && l.api === `${ns}/steady`),
      300_000,
    );
    expect(ended).toMatchObject({ revision: 2, result: "Ready" });
    const steady = await waitForPhase(client, ns, "steady", "Ready");
    expect(steady.status).toMatchObject({ currentRevision: 2 });
    const pods = (await listPods(client, ns, "steady")).filter(isPodReady);
    expect(await tagsServedBy(pods)).toEqual(["v2"]);
    // The outage alone takes three minutes.
  }, 600_000);
});

describe("watch connections that vanish without a reset", () => {
  // Here the Lease renewals meet silent pooled connections too: the elector cuts them off at the
  // renew deadline, the replica stops leading and, taking the Lease again, lists every cache
  // afresh. (Without that, the informer's own 80 s silence limit replaces the watches; unit
  // tested.) Before, the watches stayed dead 4.5-6.5 minutes and the change was missed.
  it("are replaced, so a spec change made meanwhile is not missed", async () => {
    await applyApi(client, ns, echoApi("silent", { replicas: 1 }));
    await waitForPhase(client, ns, "silent", "Ready");
    // The controller's open connections, its watches among them, go silent; new ones work.
    forwarder.blackhole();
    await applyApi(client, ns, echoApi("silent", { replicas: 1, tag: "v2" }));
    const silent = await waitForPhase(client, ns, "silent", "Ready", 150_000);
    expect(silent.status).toMatchObject({ observedGeneration: 2, currentRevision: 2 });
  });
});
