// One tick's recommendation from the stable average, before any look at history: Cortex's
// ceil(avg / target), the tolerance dead band, the per-step factor limits and the bounds.

import { type AutoscalerConfig, lowestReplicas } from "./config.ts";

export interface Recommendation {
  /** avg / target before rounding. */
  raw: number;
  /** The recommended replica count. */
  replicas: number;
  /** True when the tolerance band, not the load, kept the count where it is. */
  withinTolerance: boolean;
}

export function recommend(
  averageInFlight: number,
  currentReplicas: number,
  c: AutoscalerConfig,
): Recommendation {
  const raw = averageInFlight / c.targetInFlight;
  let replicas = Math.ceil(raw);

  // Tolerances compare the unrounded need with the current count, as Cortex does.
  const withinTolerance =
    (raw < currentReplicas && raw > currentReplicas * (1 - c.downscaleTolerance)) ||
    (raw > currentReplicas && raw < currentReplicas * (1 + c.upscaleTolerance));
  if (withinTolerance) replicas = currentReplicas;

  // ceil(current * factor) can equal current at small counts (or at 0 going up); ±1 keeps a
  // step possible there.
  const floor = Math.min(currentReplicas - 1, Math.ceil(currentReplicas * c.maxDownscaleFactor));
  const ceiling = Math.max(currentReplicas + 1, Math.ceil(currentReplicas * c.maxUpscaleFactor));
  replicas = Math.min(ceiling, Math.max(floor, replicas));

  replicas = clampToBounds(replicas, c);
  return { raw, replicas, withinTolerance };
}

export function clampToBounds(replicas: number, c: AutoscalerConfig): number {
  return Math.min(c.maxReplicas, Math.max(lowestReplicas(c), replicas));
}
