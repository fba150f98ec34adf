// Leader election on a Lease: of two replicas only the leader acts; killing it hands over to the
// standby, which carries on from the cluster's state; a leader that stops gracefully releases the
// Lease.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lease } from "../../../controller/src/controller/kube/types.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  applyApi,
  buildControllerBundle,
  type ControllerProcess,
  createNamespace,
  deleteNamespace,
  echoApi,
  eventually,
  httpGet,
  installCrds,
  kube,
  requireControllerImage,
  startController,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
const controllers: ControllerProcess[] = [];

beforeAll(async () => {
  requireControllerImage();
  client = await kube();
  await Promise.all([buildControllerBundle(), installCrds(client)]);
  ns = await createNamespace(client, "ctrl-leader");
});

afterAll(async () => {
  await Promise.all(controllers.map((c) => c.stop("SIGKILL")));
  if (ns) await deleteNamespace(client, ns);
  client?.close();
});

async function start(identity: string): Promise<ControllerProcess> {
  const c = await startController(
    ["--namespace", ns, "--leader-election-namespace", ns, "--identity", identity],
    {},
  );
  controllers.push(c);
  return c;
}

const ACTIONS = new Set(["created deployment", "applied deployment", "rollout ended"]);

function actions(c: ControllerProcess) {
  return c.logs.filter((l) => l.api !== undefined && ACTIONS.has(l.msg));
}

async function isLeaderMetric(c: ControllerProcess): Promise<string | undefined> {
  const { body } = await httpGet("127.0.0.1", c.metricsPort, "/metrics");
  return /^cortex_controller_is_leader (\d+)$/m.exec(body)?.[1];
}

const leasePath = () =>
  `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases/cortex-deploy-controller`;

function lease(): Promise<Lease> {
  return client.get<Lease>(leasePath());
}

describe("leader election", () => {
  let leader: ControllerProcess;
  let standby: ControllerProcess;

  it("lets only the leader act", async () => {
    const a = await start("replica-a");
    const b = await start("replica-b");
    leader = await Promise.race(
      [a, b].map((c) =>
        c.waitForLog("became the leader", (l) => l.msg === "became the leader").then(() => c),
      ),
    );
    standby = leader === a ? b : a;

    await applyApi(client, ns, echoApi("lead", { replicas: 1 }));
    await waitForPhase(client, ns, "lead", "Ready");

    expect(actions(leader).length).toBeGreaterThan(0);
    expect(actions(standby)).toEqual([]);
    expect(await isLeaderMetric(leader)).toBe("1");
    expect(await isLeaderMetric(standby)).toBe("0");
    const holder = (await lease()).spec?.holderIdentity;
    expect(holder).toBe(leader === a ? "replica-a" : "replica-b");
  });

  it("hands over to the standby when the leader is killed", async () => {
    await leader.stop("SIGKILL");
    // The standby waits out the Lease (12 s by default) and takes it.
    await standby.waitForLog("became the leader", (l) => l.msg === "became the leader", 60_000);

    await applyApi(client, ns, echoApi("lead", { replicas: 1, tag: "v2" }));
    const api = await waitForPhase(client, ns, "lead", "Ready");
    expect(api.status).toMatchObject({ currentRevision: 2, observedGeneration: 2 });
    expect(actions(standby).some((l) => l.msg === "applied deployment")).toBe(true);
    expect((await lease()).spec?.leaseTransitions).toBe(1);
  });

  it("releases the Lease when the leader stops gracefully", async () => {
    expect(await standby.stop("SIGTERM")).toBe(0);
    const released = await lease();
    expect(released.spec?.holderIdentity ?? "").toBe("");

    const next = await start("replica-c");
    await next.waitForLog("became the leader", (l) => l.msg === "became the leader");
    expect((await lease()).spec?.holderIdentity).toBe("replica-c");
  });

  it("stops exporting per-API figures once it stops leading, though it keeps running", async () => {
    const c = controllers.at(-1) as ControllerProcess;
    const series = /^cortex_controller_api_\w+\{namespace="[^"]*",api="lead"[,}]/m;
    // Its status is unchanged since the former leader wrote it; the new leader exports it anyway.
    const ready = /^cortex_controller_api_phase\{namespace="[^"]*",api="lead",phase="Ready"\} 1$/m;
    const metrics = async () => (await httpGet("127.0.0.1", c.metricsPort, "/metrics")).body;
    await eventually("replica-c to export lead's figures and phase", async () => {
      const body = await metrics();
      return series.test(body) && ready.test(body);
    });

    // Another holder takes the Lease, as a replica that outlived an API server partition sees.
    const held = await lease();
    await client.replace(
      leasePath(),
      {
        ...held,
        spec: {
          ...held.spec,
          holderIdentity: "thief",
          leaseDurationSeconds: 3600,
          // MicroTime: six fractional digits.
          renewTime: new Date().toISOString().replace(/Z$/, "000Z"),
        },
      },
      "cortex-deploy-tests",
    );
    await c.waitForLog("stopped leading", (l) => l.msg === "stopped leading", 60_000);
    await eventually(
      "the former leader to stop acting",
      async () => (await isLeaderMetric(c)) === "0",
    );
    await eventually("replica-c to drop lead's figures", async () => !series.test(await metrics()));
    expect(c.child.exitCode).toBeNull();
  });
});
