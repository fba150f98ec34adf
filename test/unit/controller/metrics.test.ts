// The controller's own metrics: per-API series that a former leader must stop exporting, and the
// process figures' Prometheus types.
import { describe, expect, it } from "vitest";
import { defaultAutoscalerConfig } from "../../../controller/src/autoscaler/config.ts";
import { AutoscaleLoop } from "../../../controller/src/controller/autoscale/loop.ts";
import type { Deployment, Pod } from "../../../controller/src/controller/kube/types.ts";
import { ControllerMetrics } from "../../../controller/src/controller/metrics.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";

const perApiLines = (m: ControllerMetrics): string[] =>
  m
    .render()
    .split("\n")
    .filter((l) => l.startsWith("cortex_controller_api_"));

describe("ControllerMetrics", () => {
  it("drops every API's series at once when asked (a replica that stops leading)", () => {
    const m = new ControllerMetrics();
    m.updateApi("ml", "iris", { desired: 3, current: 2, inFlight: 5 });
    m.updateApi("ml", "echo", { current: 1 });
    expect(perApiLines(m)).toContain(
      'cortex_controller_api_desired_replicas{namespace="ml",api="iris"} 3',
    );
    m.forgetApis();
    expect(perApiLines(m)).toEqual([]);
    // The families stay described, empty, for the next time this replica leads.
    expect(m.render()).toContain("# TYPE cortex_controller_api_current_replicas gauge");
  });

  it("exports one phase series per phase, 1 for the API's phase, until the API is forgotten", () => {
    const m = new ControllerMetrics();
    const phaseLines = (): string[] =>
      m
        .render()
        .split("\n")
        .filter((l) => l.startsWith("cortex_controller_api_phase{"));
    m.setPhase("ml", "iris", "Progressing");
    m.setPhase("ml", "echo", "Failed");
    expect(phaseLines()).toEqual([
      'cortex_controller_api_phase{namespace="ml",api="iris",phase="Ready"} 0',
      'cortex_controller_api_phase{namespace="ml",api="iris",phase="NotReady"} 0',
      'cortex_controller_api_phase{namespace="ml",api="iris",phase="Progressing"} 1',
      'cortex_controller_api_phase{namespace="ml",api="iris",phase="Failed"} 0',
      'cortex_controller_api_phase{namespace="ml",api="iris",phase="RolledBack"} 0',
      'cortex_controller_api_phase{namespace="ml",api="echo",phase="Ready"} 0',
      'cortex_controller_api_phase{namespace="ml",api="echo",phase="NotReady"} 0',
      'cortex_controller_api_phase{namespace="ml",api="echo",phase="Progressing"} 0',
      'cortex_controller_api_phase{namespace="ml",api="echo",phase="Failed"} 1',
      'cortex_controller_api_phase{namespace="ml",api="echo",phase="RolledBack"} 0',
    ]);
    m.setPhase("ml", "iris", "Ready");
    expect(phaseLines().filter((l) => l.endsWith(" 1"))).toEqual([
      'cortex_controller_api_phase{namespace="ml",api="iris",phase="Ready"} 1',
      'cortex_controller_api_phase{namespace="ml",api="echo",phase="Failed"} 1',
    ]);
    // A deleted API loses its series; the others keep theirs.
    m.forgetApi("ml/echo");
    expect(phaseLines()).toHaveLength(5);
    expect(phaseLines().every((l) => l.includes('api="iris"'))).toBe(true);
    // A replica that stops leading drops them all, and keeps the family described.
    m.forgetApis();
    expect(phaseLines()).toEqual([]);
    expect(m.render()).toContain("# TYPE cortex_controller_api_phase gauge");
  });

  it("types process_cpu_seconds_total as a counter that never goes down", () => {
    const m = new ControllerMetrics();
    const cpu = (text: string): number =>
      Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1]);
    const first = m.render();
    expect(first).toContain("# TYPE process_cpu_seconds_total counter");
    const second = m.render();
    expect(cpu(first)).toBeGreaterThan(0);
    expect(cpu(second)).toBeGreaterThanOrEqual(cpu(first));
  });
});

describe("the autoscaling loop once stopped", () => {
  it("exports no figure from a scrape that answers after stop()", async () => {
    const metrics = new ControllerMetrics();
    let answer: (n: number) => void = () => {};
    const loop = new AutoscaleLoop({
      apis: () =>
        new Map([
          [
            "ml/iris",
            {
              namespace: "ml",
              name: "iris",
              config: defaultAutoscalerConfig(1),
              revisionReady: true,
            },
          ],
        ]).entries(),
      pods: () => [
        {
          metadata: { name: "p1" },
          status: { podIP: "10.0.0.1", conditions: [{ type: "Ready", status: "True" }] },
        } as Pod,
      ],
      deployment: () => ({ spec: { replicas: 1 } }) as unknown as Deployment,
      scrape: () =>
        new Promise<number>((resolve) => {
          answer = resolve;
        }),
      scale: async () => {},
      log: createLogger("test", { write: () => {} }),
      metrics,
      random: () => 0,
      scrapeIntervalMs: 60_000,
      decisionIntervalMs: 60_000,
    });
    loop.start();
    const round = loop.scrapeAll();
    loop.stop();
    answer(7);
    await round;
    expect(perApiLines(metrics)).toEqual([]);
  });
});
