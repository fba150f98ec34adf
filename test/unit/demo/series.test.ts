import { describe, expect, it } from "vitest";
import { expectedReplicas } from "../../../scripts/demo/params.ts";
import {
  firstWhere,
  formatSeconds,
  peakReplicas,
  replicaSteps,
  type Sample,
  samplesCsv,
} from "../../../scripts/demo/series.ts";

function sample(
  t: number,
  desired: number | undefined,
  ready: number,
  extra: Partial<Sample> = {},
): Sample {
  return {
    t,
    rps: 0,
    failed: 0,
    clientInFlight: 0,
    proxyInFlight: undefined,
    desired,
    ready,
    ...extra,
  };
}

describe("series arithmetic", () => {
  const samples = [
    sample(0, undefined, 0),
    sample(1, 1, 1),
    sample(2, 3, 1),
    sample(3, 3, 3),
    sample(4, 2, 3),
  ];

  it("peak replicas counts desired and ready", () => {
    expect(peakReplicas(samples)).toBe(3);
    expect(peakReplicas([sample(0, 5, 2)])).toBe(5);
    expect(peakReplicas([])).toBe(0);
  });

  it("lists the desired replica changes in order", () => {
    expect(replicaSteps(samples)).toEqual([
      { t: 2, from: 1, to: 3 },
      { t: 4, from: 3, to: 2 },
    ]);
  });

  it("finds the first sample after a time that passes a test", () => {
    expect(firstWhere(samples, 1.5, (s) => s.ready === 3)?.t).toBe(3);
    expect(firstWhere(samples, 0, (s) => s.ready === 9)).toBeUndefined();
  });

  it("formats durations", () => {
    expect(formatSeconds(4.25)).toBe("4.3s");
    expect(formatSeconds(59.94)).toBe("59.9s");
    expect(formatSeconds(125)).toBe("2m05s");
  });

  it("writes CSV with empty cells for unknown values", () => {
    const csv = samplesCsv([
      sample(1, undefined, 0, { rps: 12.34, proxyInFlight: 2.5 }),
      sample(2, 3, 2, { proxyInFlight: 6, proxyDemand: 3.25 }),
    ]).split("\n");
    expect(csv[0]).toBe(
      "seconds,answered_per_second,failed,client_in_flight,proxy_in_flight,proxy_demand,desired_replicas,ready_replicas",
    );
    expect(csv[1]).toBe("1.0,12.3,0,0,2.50,,,0");
    expect(csv[2]).toBe("2.0,0.0,0,0,6.00,3.25,3,2");
  });
});

describe("expectedReplicas", () => {
  it("is ceil(in-flight / target), clamped to min..max", () => {
    expect(expectedReplicas(16, 4, 1, 5)).toBe(4);
    expect(expectedReplicas(17, 4, 1, 5)).toBe(5);
    expect(expectedReplicas(40, 4, 1, 5)).toBe(5);
    expect(expectedReplicas(1, 4, 2, 5)).toBe(2);
    expect(expectedReplicas(8, 4, 1, 5)).toBe(2);
  });
});
