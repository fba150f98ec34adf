// fast-check generators for valid autoscaler configs. Ranges are kept modest (periods up to
// 5 minutes, up to 20 replicas of spread) so a run settles in a few thousand fake seconds.

import fc from "fast-check";
import type { AutoscalerConfig } from "../../../controller/src/autoscaler/config.ts";

const seconds = (max: number) => fc.integer({ min: 0, max });

export const validConfig: fc.Arbitrary<AutoscalerConfig> = fc
  .record({
    minReplicas: fc.integer({ min: 0, max: 5 }),
    spread: fc.integer({ min: 0, max: 20 }),
    initOffset: fc.double({ min: 0, max: 1, noNaN: true }),
    targetInFlight: fc.oneof(
      fc.integer({ min: 1, max: 10 }),
      fc.double({ min: 0.25, max: 10, noNaN: true }),
    ),
    windowTens: fc.integer({ min: 1, max: 12 }),
    downscaleStabilizationSeconds: seconds(300),
    upscaleStabilizationSeconds: seconds(120),
    maxDownscaleFactor: fc.double({ min: 0, max: 0.95, noNaN: true }),
    maxUpscaleFactor: fc.double({ min: 1.01, max: 3, noNaN: true }),
    downscaleTolerance: fc.double({ min: 0, max: 0.3, noNaN: true }),
    upscaleTolerance: fc.double({ min: 0, max: 0.3, noNaN: true }),
    panicFraction: fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 1, noNaN: true })),
    panicThreshold: fc.double({ min: 1.1, max: 4, noNaN: true }),
  })
  .map((r) => {
    const maxReplicas = Math.max(1, r.minReplicas + r.spread);
    const windowSeconds = r.windowTens * 10;
    return {
      minReplicas: r.minReplicas,
      maxReplicas,
      initReplicas: r.minReplicas + Math.floor(r.initOffset * (maxReplicas - r.minReplicas)),
      targetInFlight: r.targetInFlight,
      windowSeconds,
      downscaleStabilizationSeconds: r.downscaleStabilizationSeconds,
      upscaleStabilizationSeconds: r.upscaleStabilizationSeconds,
      maxDownscaleFactor: r.maxDownscaleFactor,
      maxUpscaleFactor: r.maxUpscaleFactor,
      downscaleTolerance: r.downscaleTolerance,
      upscaleTolerance: r.upscaleTolerance,
      panicWindowSeconds:
        r.panicFraction === 0 ? 0 : Math.max(1, Math.round(r.panicFraction * windowSeconds)),
      panicThreshold: r.panicThreshold,
    };
  });

/** A fake-clock span long enough for any generated config to settle under constant load. */
export function settleSeconds(c: AutoscalerConfig): number {
  // Each step moves at least one replica and waits at most the longest period (or the panic
  // exit window) plus a tick.
  const longest = Math.max(
    c.downscaleStabilizationSeconds,
    c.upscaleStabilizationSeconds,
    c.windowSeconds,
  );
  return (c.maxReplicas - c.minReplicas + 1) * (longest + 4) + 10;
}
