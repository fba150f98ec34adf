// The autoscaling loop's per-API state, driven by hand on a fake clock: scrapes and decisions
// are called directly, the proxies' answers and the Deployment are plain values.
import { describe, expect, it } from "vitest";
import {
  type AutoscalerConfig,
  defaultAutoscalerConfig,
} from "../../../controller/src/autoscaler/config.ts";
import {
  AutoscaleLoop,
  type ScaledApi,
} from "../../../controller/src/controller/autoscale/loop.ts";
import type { Deployment, Pod } from "../../../controller/src/controller/kube/types.ts";
import { ControllerMetrics } from "../../../controller/src/controller/metrics.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";

const config = (overrides: Partial<AutoscalerConfig> = {}) =>
  defaultAutoscalerConfig(1, {
    windowSeconds: 10,
    panicWindowSeconds: 0,
    upscaleStabilizationSeconds: 0,
    downscaleStabilizationSeconds: 300,
    maxReplicas: 100,
    ...overrides,
  });

function harness(initial: number, scrapeIntervalMs = 1000) {
  let nowMs = 0;
  let replicas = initial;
  let inFlight = 0;
  const apis = new Map<string, ScaledApi>();
  const pod = (i: number): Pod =>
    ({
      metadata: { name: `p${i}` },
      status: { podIP: `10.0.0.${i}`, conditions: [{ type: "Ready", status: "True" }] },
    }) as Pod;
  const loop = new AutoscaleLoop({
    apis: () => apis.entries(),
    pods: () => Array.from({ length: replicas }, (_, i) => pod(i + 1)),
    deployment: () =>
      ({ spec: { replicas }, status: { readyReplicas: replicas } }) as unknown as Deployment,
    // Each proxy reports its share of the API's total.
    scrape: async () => inFlight / replicas,
    scale: async (_ns, _name, to) => {
      replicas = to;
    },
    log: createLogger("test", { write: () => {} }),
    metrics: new ControllerMetrics(),
    now: () => nowMs,
    random: () => 0,
    scrapeIntervalMs,
    decisionIntervalMs: 1000,
  });
  return {
    loop,
    apis,
    get replicas() {
      return replicas;
    },
    setLoad(n: number) {
      inFlight = n;
    },
    /** Moves the clock without a tick. */
    advance(seconds: number) {
      nowMs += seconds * 1000;
    },
    /** Runs `seconds` of one-second scrape and decision ticks. */
    async run(seconds: number) {
      for (let i = 0; i < seconds; i++) {
        nowMs += 1000;
        await loop.scrapeAll();
        await loop.decideAll();
      }
    },
  };
}

const api = (c: AutoscalerConfig): ScaledApi => ({
  namespace: "ml",
  name: "iris",
  config: c,
  revisionReady: true,
});

describe("the autoscaling loop", () => {
  it("holds a new API's init_replicas for a downscale period, however long the loop has run", async () => {
    const h = harness(10);
    h.loop.start();
    h.loop.stop(); // timers off: the test drives the ticks
    await h.run(3600); // an hour with no API
    h.apis.set("ml/iris", api(config({ initReplicas: 10 })));
    await h.run(60);
    expect(h.replicas).toBe(10);
    await h.run(300);
    expect(h.replicas).toBeLessThan(10);
  });

  it("takes a sample for current until three scrapes are missed, with a long scrape interval", async () => {
    const h = harness(1, 10_000);
    h.apis.set("ml/iris", api(config({ initReplicas: 1 })));
    h.setLoad(8);
    await h.loop.scrapeAll();
    h.advance(8); // the next scrape is 2 s away: the sample is current, not stale
    await h.loop.decideAll();
    expect(h.replicas).toBeGreaterThan(1);
  });

  it("keeps the recommendation history when the autoscaling settings change", async () => {
    const h = harness(10);
    h.apis.set("ml/iris", api(config()));
    h.setLoad(10);
    await h.run(400); // past the start hold, steady at 10
    h.setLoad(0);
    await h.run(60);
    expect(h.replicas).toBe(10); // held by the 10s recommended a minute ago
    h.apis.set("ml/iris", api(config({ maxReplicas: 50 })));
    await h.run(60);
    expect(h.replicas).toBe(10);
    await h.run(300);
    expect(h.replicas).toBeLessThan(10);
  });

  it("decides with the settings it was just given, not those of its last scrape", async () => {
    // After a rollback the controller hands over the old revision's settings (min 1) and marks it
    // Ready at once; a decision before the next scrape used the failed spec's min 3 and grew it.
    const h = harness(1);
    h.apis.set("ml/iris", {
      ...api(config({ minReplicas: 3, initReplicas: 3 })),
      revisionReady: false,
    });
    await h.run(3);
    expect(h.replicas).toBe(1); // a revision that is not Ready is never grown
    h.apis.set("ml/iris", api(config({ minReplicas: 1, initReplicas: 1 })));
    h.advance(1);
    await h.loop.decideAll();
    expect(h.replicas).toBe(1);
  });
});
