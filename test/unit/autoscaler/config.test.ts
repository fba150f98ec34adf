import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Autoscaler } from "../../../controller/src/autoscaler/autoscaler.ts";
import {
  type AutoscalerConfig,
  defaultAutoscalerConfig,
  fromApiAutoscaling,
  validateAutoscalerConfig,
} from "../../../controller/src/autoscaler/config.ts";
import { validConfig } from "./arbitraries.ts";

describe("fromApiAutoscaling", () => {
  it("fills DESIGN.md's defaults, target from max_concurrency", () => {
    expect(fromApiAutoscaling({}, { max_concurrency: 4 })).toEqual({
      minReplicas: 1,
      maxReplicas: 100,
      initReplicas: 1,
      targetInFlight: 4,
      windowSeconds: 60,
      downscaleStabilizationSeconds: 300,
      upscaleStabilizationSeconds: 60,
      maxDownscaleFactor: 0.75,
      maxUpscaleFactor: 1.5,
      downscaleTolerance: 0.05,
      upscaleTolerance: 0.05,
      panicWindowSeconds: 6,
      panicThreshold: 2,
    });
    expect(fromApiAutoscaling().targetInFlight).toBe(1);
  });

  it("raises a panic window shorter than cortex.yaml allows to 2s, and keeps 0s (off)", () => {
    expect(fromApiAutoscaling({ panic_window: "500ms" }).panicWindowSeconds).toBe(2);
    expect(fromApiAutoscaling({ panic_window: "1ns" }).panicWindowSeconds).toBe(2);
    expect(fromApiAutoscaling({ panic_window: "2s" }).panicWindowSeconds).toBe(2);
    expect(fromApiAutoscaling({ panic_window: "2.5s" }).panicWindowSeconds).toBe(2.5);
    expect(fromApiAutoscaling({ panic_window: "0s" }).panicWindowSeconds).toBe(0);
    // Still refused by validateAutoscalerConfig, not silently turned on.
    expect(fromApiAutoscaling({ panic_window: "-1s" }).panicWindowSeconds).toBe(-1);
  });

  it("converts snake_case fields and Go durations", () => {
    const c = fromApiAutoscaling({
      min_replicas: 2,
      max_replicas: 20,
      init_replicas: 4,
      target_in_flight: 8,
      window: "1m30s",
      downscale_stabilization_period: "10m",
      upscale_stabilization_period: "0s",
      max_downscale_factor: 0.5,
      max_upscale_factor: 2,
      downscale_tolerance: 0.1,
      upscale_tolerance: 0.2,
      panic_window: "0s",
      panic_threshold: 3,
    });
    expect(c).toEqual({
      minReplicas: 2,
      maxReplicas: 20,
      initReplicas: 4,
      targetInFlight: 8,
      windowSeconds: 90,
      downscaleStabilizationSeconds: 600,
      upscaleStabilizationSeconds: 0,
      maxDownscaleFactor: 0.5,
      maxUpscaleFactor: 2,
      downscaleTolerance: 0.1,
      upscaleTolerance: 0.2,
      panicWindowSeconds: 0,
      panicThreshold: 3,
    });
  });

  it("names the field whose duration does not parse", () => {
    expect(() => fromApiAutoscaling({ window: "60" })).toThrow(/autoscaling\.window: "60"/);
    expect(() => fromApiAutoscaling({ panic_window: "soon" })).toThrow(/panic_window/);
  });
});

describe("validateAutoscalerConfig", () => {
  const good = defaultAutoscalerConfig(1);

  it("accepts the defaults", () => {
    expect(validateAutoscalerConfig(good)).toEqual([]);
    expect(validateAutoscalerConfig(fromApiAutoscaling({ min_replicas: 0 }))).toEqual([]);
  });

  const cases: [string, Partial<AutoscalerConfig>, RegExp][] = [
    ["negative min", { minReplicas: -1, initReplicas: 0 }, /min_replicas must be an integer ≥ 0/],
    ["fractional min", { minReplicas: 1.5, initReplicas: 2 }, /min_replicas must be an integer/],
    [
      "max 0",
      { maxReplicas: 0, minReplicas: 0, initReplicas: 0 },
      /max_replicas must be an integer ≥ 1/,
    ],
    [
      "max below min",
      { minReplicas: 5, maxReplicas: 3, initReplicas: 4 },
      /max_replicas \(3\) must be at least min_replicas \(5\)/,
    ],
    [
      "init outside",
      { initReplicas: 0 },
      /init_replicas \(0\) must be within min_replicas..max_replicas \(1..100\)/,
    ],
    ["target 0", { targetInFlight: 0 }, /target_in_flight must be greater than 0/],
    ["window 5s", { windowSeconds: 5 }, /window must be at least 10s/],
    ["window 15s", { windowSeconds: 15 }, /multiple of 10s/],
    [
      "negative downscale period",
      { downscaleStabilizationSeconds: -1 },
      /downscale_stabilization_period/,
    ],
    [
      "negative upscale period",
      { upscaleStabilizationSeconds: -1 },
      /upscale_stabilization_period/,
    ],
    ["downscale factor 1", { maxDownscaleFactor: 1 }, /max_downscale_factor must be ≥ 0 and < 1/],
    ["upscale factor 1", { maxUpscaleFactor: 1 }, /max_upscale_factor must be greater than 1/],
    ["downscale tolerance 1", { downscaleTolerance: 1 }, /downscale_tolerance/],
    ["negative upscale tolerance", { upscaleTolerance: -0.1 }, /upscale_tolerance must be ≥ 0/],
    ["panic window over window", { panicWindowSeconds: 61 }, /panic_window/],
    ["negative panic window", { panicWindowSeconds: -6 }, /panic_window/],
    ["panic threshold 1", { panicThreshold: 1 }, /panic_threshold must be greater than 1/],
    ["NaN", { upscaleTolerance: Number.NaN }, /upscale_tolerance must be a finite number/],
  ];
  it.each(cases)("reports %s", (_name, overrides, problem) => {
    const problems = validateAutoscalerConfig({ ...good, ...overrides });
    expect(problems.some((p) => problem.test(p))).toBe(true);
  });

  it("checks target_in_flight against max_concurrency + max_queue_length when given the pod", () => {
    const c = defaultAutoscalerConfig(200);
    expect(validateAutoscalerConfig(c)).toEqual([]);
    expect(validateAutoscalerConfig(c, { maxConcurrency: 1, maxQueueLength: 100 })).toEqual([
      "target_in_flight (200) must be at most max_concurrency + max_queue_length (101)",
    ]);
  });

  it("is what the Autoscaler constructor enforces", () => {
    expect(() => new Autoscaler({ ...good, maxUpscaleFactor: 0.5 })).toThrow(
      /invalid autoscaling: max_upscale_factor/,
    );
  });

  it("accepts every config the property tests generate", () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        expect(validateAutoscalerConfig(c)).toEqual([]);
      }),
    );
  });
});
