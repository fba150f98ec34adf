// Unreadable metrics: told once when they have been unreadable for the threshold, once when back.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { defaultAutoscalerConfig } from "../../../controller/src/autoscaler/config.ts";
import {
  type MetricsChange,
  MetricsHealth,
} from "../../../controller/src/controller/autoscale/health.ts";
import { AutoscaleLoop } from "../../../controller/src/controller/autoscale/loop.ts";
import { scrapeDemand } from "../../../controller/src/controller/autoscale/scrape.ts";
import type { Deployment, Pod } from "../../../controller/src/controller/kube/types.ts";
import { ControllerMetrics } from "../../../controller/src/controller/metrics.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";

const REFUSED = "GET http://10.0.0.5:15000/metrics: connect ECONNREFUSED 10.0.0.5:15000";

describe("MetricsHealth", () => {
  it("reports nothing while samples come, or before the threshold", () => {
    const h = new MetricsHealth();
    h.sampled();
    expect(h.check(0, 60_000)).toBeUndefined();
    h.failed(1_000, REFUSED);
    expect(h.check(60_999, 60_000)).toBeUndefined();
    expect(h.unavailable).toBeUndefined();
  });

  it("reports unavailable once, with the scrape error, and available once when a sample returns", () => {
    const h = new MetricsHealth();
    h.failed(1_000, REFUSED);
    h.failed(2_000, "GET http://10.0.0.5:15000/metrics: timed out after 800 ms");
    const change = h.check(61_000, 60_000);
    expect(change).toMatchObject({ unavailable: true });
    const message = (change as { message: string }).message;
    expect(message).toContain("timed out after 800 ms");
    expect(message).toContain("60 s");
    expect(message).toContain("held");
    expect(h.unavailable).toBe(message);
    // Not again while it lasts.
    h.failed(62_000, REFUSED);
    expect(h.check(62_000, 60_000)).toBeUndefined();
    expect(h.check(600_000, 60_000)).toBeUndefined();
    h.sampled();
    expect(h.check(601_000, 60_000)).toEqual({ unavailable: false });
    expect(h.check(602_000, 60_000)).toBeUndefined();
    expect(h.unavailable).toBeUndefined();
  });

  it("starts the clock again after a sample", () => {
    const h = new MetricsHealth();
    h.failed(0, REFUSED);
    h.sampled();
    h.failed(50_000, REFUSED);
    expect(h.check(70_000, 60_000)).toBeUndefined();
    expect(h.check(110_000, 60_000)?.unavailable).toBe(true);
  });
});

describe("the autoscaling loop with unreadable metrics", () => {
  it("holds the count, logs and tells once, and tells again once when samples return", async () => {
    let nowMs = 0;
    let blocked = false;
    const lines: Record<string, unknown>[] = [];
    const changes: [string, MetricsChange][] = [];
    const pod = {
      metadata: { name: "p1" },
      status: { podIP: "10.0.0.5", conditions: [{ type: "Ready", status: "True" }] },
    } as Pod;
    let replicas = 4;
    const loop = new AutoscaleLoop({
      apis: () =>
        new Map([
          [
            "ml/held",
            {
              namespace: "ml",
              name: "held",
              config: defaultAutoscalerConfig(1, { initReplicas: 4, minReplicas: 1 }),
              revisionReady: true,
            },
          ],
        ]).entries(),
      pods: () => [pod],
      deployment: () =>
        ({ spec: { replicas }, status: { readyReplicas: replicas } }) as unknown as Deployment,
      scrape: async () => (blocked ? { error: REFUSED } : 0),
      scale: async (_ns, _name, to) => {
        replicas = to;
      },
      log: createLogger("test", { write: (l: string) => lines.push(JSON.parse(l)) }),
      metrics: new ControllerMetrics(),
      now: () => nowMs,
      random: () => 0,
      scrapeIntervalMs: 1000,
      decisionIntervalMs: 1000,
      metricsUnavailableAfterMs: 60_000,
      onMetricsChange: (key, _api, change) => changes.push([key, change]),
    });
    const run = async (seconds: number) => {
      for (let i = 0; i < seconds; i++) {
        nowMs += 1000;
        await loop.scrapeAll();
        await loop.decideAll();
      }
    };
    await run(10);
    blocked = true;
    await run(59);
    expect(changes).toEqual([]);
    await run(600);
    expect(replicas).toBe(4); // held: never scaled down blind
    expect(changes).toHaveLength(1);
    expect(changes[0]?.[0]).toBe("ml/held");
    expect(changes[0]?.[1]).toMatchObject({ message: expect.stringContaining(REFUSED) });
    expect(lines.filter((l) => l.msg === "metrics unavailable")).toHaveLength(1);
    expect(loop.metricsUnavailable("ml/held")).toContain(REFUSED);
    blocked = false;
    await run(5);
    expect(changes.map(([, c]) => c.unavailable)).toEqual([true, false]);
    expect(lines.filter((l) => l.msg === "metrics available again")).toHaveLength(1);
    expect(loop.metricsUnavailable("ml/held")).toBeUndefined();
  });
});

describe("scrapeDemand", () => {
  it("says what failed: a status, a closed port", async () => {
    const server = http.createServer((_req, res) => res.writeHead(403).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await scrapeDemand("127.0.0.1", 1000, port)).toEqual({
        error: `GET http://127.0.0.1:${port}/metrics: status 403`,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // A port nobody listens on (one just freed, never connected to).
    const unused = http.createServer();
    await new Promise<void>((resolve) => unused.listen(0, "127.0.0.1", resolve));
    const closedPort = (unused.address() as AddressInfo).port;
    await new Promise((resolve) => unused.close(resolve));
    expect(await scrapeDemand("127.0.0.1", 1000, closedPort)).toEqual({
      error: `GET http://127.0.0.1:${closedPort}/metrics: connect ECONNREFUSED 127.0.0.1:${closedPort}`,
    });
  });
});
