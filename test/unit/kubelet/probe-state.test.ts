import { describe, expect, it } from "vitest";
import {
  initialCounter,
  type ProbeCounter,
  probeTiming,
  recordResult,
} from "../../sandbox/kubelet/probe-state.ts";

function feed(counter: ProbeCounter, results: boolean[], success = 1, failure = 3): boolean[] {
  const verdicts: boolean[] = [];
  let c = counter;
  for (const r of results) {
    c = recordResult(c, r, { successThreshold: success, failureThreshold: failure });
    verdicts.push(c.ok);
  }
  return verdicts;
}

describe("probe thresholds", () => {
  it("starts not ready, alive, and not started", () => {
    expect(initialCounter("readiness").ok).toBe(false);
    expect(initialCounter("liveness").ok).toBe(true);
    expect(initialCounter("startup").ok).toBe(false);
  });

  it("turns ready after successThreshold consecutive successes", () => {
    expect(feed(initialCounter("readiness"), [true, false, true, true], 2)).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it("turns unhealthy only after failureThreshold consecutive failures", () => {
    expect(feed(initialCounter("liveness"), [false, false, true, false, false, false])).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it("uses Kubernetes' defaults and forces successThreshold 1 for liveness", () => {
    expect(probeTiming({}, "readiness")).toEqual({
      initialDelayMs: 0,
      periodMs: 10_000,
      timeoutMs: 1000,
      successThreshold: 1,
      failureThreshold: 3,
    });
    const timing = probeTiming(
      {
        initialDelaySeconds: 2,
        periodSeconds: 1,
        timeoutSeconds: 5,
        successThreshold: 3,
        failureThreshold: 1,
      },
      "liveness",
    );
    expect(timing).toEqual({
      initialDelayMs: 2000,
      periodMs: 1000,
      timeoutMs: 5000,
      successThreshold: 1,
      failureThreshold: 1,
    });
    expect(probeTiming({ successThreshold: 3 }, "readiness").successThreshold).toBe(3);
  });
});
