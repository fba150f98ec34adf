// Metrics the controller cannot read: the API keeps its replica count (never scaled down blind),
// and says so. Each pod's proxy is made to refuse `GET /metrics` on :15000 by a rule in the pod's
// network namespace, as a default-deny NetworkPolicy or a strict-mTLS mesh would (the kubelet's
// /healthz probes on the same port still pass); the condition and the Event must appear, and
// clear once the rule is gone.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  applyApi,
  type ControllerProcess,
  condition,
  echoApi,
  eventually,
  getApi,
  isPodReady,
  listPods,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

const run = promisify(execFile);

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-metrics", [
    "--metrics-unavailable-after",
    "5s",
  ]));
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

/** The sandbox kubelet's network namespace of the pod with this IP (network-names.ts). */
function netnsOf(ip: string): string {
  const [, , index, octet] = ip.split(".");
  return `cdsb${index}-${octet}`;
}

const RULE = [
  "INPUT",
  "-p",
  "tcp",
  "--dport",
  "15000",
  "-m",
  "string",
  "--string",
  "GET /metrics",
  "--algo",
  "bm",
  "-j",
  "REJECT",
  "--reject-with",
  "tcp-reset",
];

async function blockMetrics(netns: string, block: boolean): Promise<void> {
  await run("ip", ["netns", "exec", netns, "iptables", block ? "-A" : "-D", ...RULE]);
}

interface ApiEvent {
  reason: string;
  type: string;
  note: string;
  regarding: { name: string };
}

async function eventsOf(name: string, reason: string): Promise<ApiEvent[]> {
  const events = await client.get<{ items: ApiEvent[] }>(
    `/apis/events.k8s.io/v1/namespaces/${ns}/events`,
  );
  return events.items.filter((e) => e.regarding.name === name && e.reason === reason);
}

describe("metrics the controller cannot read", () => {
  it("hold the count and say so in a Degraded condition and an Event, until they can be read", async () => {
    const api = echoApi("held", {
      replicas: 2,
      autoscaling: { min_replicas: 1, init_replicas: 2, downscale_stabilization_period: "10s" },
    });
    await applyApi(client, ns, api);
    await waitForPhase(client, ns, "held", "Ready");
    const pods = (await listPods(client, ns, "held")).filter(isPodReady);
    const spaces = pods.map((p) => netnsOf(p.status?.podIP ?? ""));
    const { stdout } = await run("ip", ["netns", "list"]);
    expect(pods.length).toBeGreaterThan(0);
    for (const s of spaces) expect(stdout).toContain(s);

    for (const s of spaces) await blockMetrics(s, true);
    try {
      const degraded = await eventually(
        "Degraded: MetricsUnavailable",
        async () => {
          const c = condition(await getApi(client, ns, "held"), "Degraded");
          return c?.status === "True" && c.reason === "MetricsUnavailable" ? c : undefined;
        },
        120_000,
        500,
      );
      expect(degraded.message).toMatch(/GET http:\/\/[\d.]+:15000\/metrics: /);
      expect(degraded.message).toContain("held");
      const live = await getApi(client, ns, "held");
      // Still serving, and still at its count: the load (none) would take it to 1.
      expect(condition(live, "Ready")?.status).toBe("True");
      expect(live.status?.desiredReplicas).toBe(2);
      const warned = await eventually(
        "a MetricsUnavailable event",
        async () => {
          const e = await eventsOf("held", "MetricsUnavailable");
          return e.length > 0 ? e : undefined;
        },
        30_000,
        500,
      );
      expect(warned).toEqual([expect.objectContaining({ type: "Warning" })]);
      expect(warned[0]?.note).toMatch(/:15000\/metrics: /);
      const logged = controller.logs.filter(
        (l) => l.msg === "metrics unavailable" && l.api === `${ns}/held`,
      );
      expect(logged).toHaveLength(1);
    } finally {
      for (const s of spaces) await blockMetrics(s, false).catch(() => {});
    }

    const cleared = await eventually(
      "Degraded back to False",
      async () => {
        const c = condition(await getApi(client, ns, "held"), "Degraded");
        return c?.status === "False" ? c : undefined;
      },
      120_000,
      500,
    );
    expect(cleared.reason).toBe("AsExpected");
    const back = await eventually(
      "a MetricsAvailable event",
      async () => {
        const e = await eventsOf("held", "MetricsAvailable");
        return e.length > 0 ? e : undefined;
      },
      30_000,
      500,
    );
    expect(back).toEqual([expect.objectContaining({ type: "Normal" })]);
    // Told once each way.
    expect(await eventsOf("held", "MetricsUnavailable")).toHaveLength(1);
    expect(
      controller.logs.filter((l) => l.msg === "metrics available again" && l.api === `${ns}/held`),
    ).toHaveLength(1);
  });
});
