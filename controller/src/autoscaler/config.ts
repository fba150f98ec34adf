// The autoscaler's settings in plain numbers (seconds and factors), the defaults DESIGN.md gives
// for cortex.yaml's `autoscaling` block, and a validator that names problems in cortex.yaml's own
// field names so a person can find them.

import { MIN_PANIC_WINDOW_SECONDS } from "../../../src/config/defaults.ts";
import { parseDuration } from "../../../src/config/duration.ts";

export interface AutoscalerConfig {
  minReplicas: number;
  maxReplicas: number;
  /** The replica count an API is created with. */
  initReplicas: number;
  /** In-flight requests (running + queued) one replica should carry. */
  targetInFlight: number;
  /** The stable averaging window. */
  windowSeconds: number;
  downscaleStabilizationSeconds: number;
  upscaleStabilizationSeconds: number;
  /** One step may shrink to no less than this fraction of the current count (always -1 allowed). */
  maxDownscaleFactor: number;
  /** One step may grow to no more than this multiple of the current count (always +1 allowed). */
  maxUpscaleFactor: number;
  downscaleTolerance: number;
  upscaleTolerance: number;
  /** The short averaging window of panic mode; 0 turns panic mode off. */
  panicWindowSeconds: number;
  /** Panic when the panic-window recommendation is at least this multiple of the ready count. */
  panicThreshold: number;
}

/** Defaults of everything that does not depend on the pod (min/init/target do). */
export const AUTOSCALER_DEFAULTS = {
  minReplicas: 1,
  maxReplicas: 100,
  windowSeconds: 60,
  downscaleStabilizationSeconds: 300,
  upscaleStabilizationSeconds: 60,
  maxDownscaleFactor: 0.75,
  maxUpscaleFactor: 1.5,
  downscaleTolerance: 0.05,
  upscaleTolerance: 0.05,
  panicWindowSeconds: 6,
  panicThreshold: 2,
} as const;

/** Cortex's default `pod.max_concurrency`, which is also the default target_in_flight. */
const DEFAULT_MAX_CONCURRENCY = 1;

/** A full config from defaults; init_replicas defaults to min_replicas as in cortex.yaml. */
export function defaultAutoscalerConfig(
  targetInFlight: number,
  overrides: Partial<AutoscalerConfig> = {},
): AutoscalerConfig {
  const minReplicas = overrides.minReplicas ?? AUTOSCALER_DEFAULTS.minReplicas;
  return {
    ...AUTOSCALER_DEFAULTS,
    initReplicas: minReplicas,
    targetInFlight,
    ...overrides,
  };
}

/**
 * The fewest replicas the autoscaler keeps: min_replicas, but at least 1. min_replicas 0 validates
 * (Cortex's files use it), but scaling to zero needs an activator that holds requests and wakes
 * the API, which is not built: at 0 replicas no proxy reports load, so the API would stay at 0.
 */
export function lowestReplicas(config: AutoscalerConfig): number {
  return Math.max(1, config.minReplicas);
}

/** The replica count a new API starts with. */
export function initialReplicas(config: AutoscalerConfig): number {
  return Math.min(config.maxReplicas, Math.max(lowestReplicas(config), config.initReplicas));
}

/** The pod settings target_in_flight is checked against. */
export interface PodLimits {
  maxConcurrency: number;
  maxQueueLength: number;
}

/** cortex.yaml's name for each field, so problems read in the user's terms. */
const YAML_NAMES: Readonly<Record<keyof AutoscalerConfig, string>> = {
  minReplicas: "min_replicas",
  maxReplicas: "max_replicas",
  initReplicas: "init_replicas",
  targetInFlight: "target_in_flight",
  windowSeconds: "window",
  downscaleStabilizationSeconds: "downscale_stabilization_period",
  upscaleStabilizationSeconds: "upscale_stabilization_period",
  maxDownscaleFactor: "max_downscale_factor",
  maxUpscaleFactor: "max_upscale_factor",
  downscaleTolerance: "downscale_tolerance",
  upscaleTolerance: "upscale_tolerance",
  panicWindowSeconds: "panic_window",
  panicThreshold: "panic_threshold",
};
const FIELDS = Object.keys(YAML_NAMES) as (keyof AutoscalerConfig)[];

/** Problems with a config, one sentence each; empty when it is fine. */
export function validateAutoscalerConfig(c: AutoscalerConfig, pod?: PodLimits): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  const notFinite = FIELDS.filter((key) => !Number.isFinite(c[key]));
  for (const key of notFinite) problems.push(`${YAML_NAMES[key]} must be a finite number`);
  if (notFinite.length > 0) return problems;

  check(
    Number.isInteger(c.minReplicas) && c.minReplicas >= 0,
    "min_replicas must be an integer ≥ 0",
  );
  check(
    Number.isInteger(c.maxReplicas) && c.maxReplicas >= 1,
    "max_replicas must be an integer ≥ 1",
  );
  check(
    c.maxReplicas >= c.minReplicas,
    `max_replicas (${c.maxReplicas}) must be at least min_replicas (${c.minReplicas})`,
  );
  check(Number.isInteger(c.initReplicas), "init_replicas must be an integer");
  check(
    c.initReplicas >= c.minReplicas && c.initReplicas <= c.maxReplicas,
    `init_replicas (${c.initReplicas}) must be within min_replicas..max_replicas (${c.minReplicas}..${c.maxReplicas})`,
  );
  check(c.targetInFlight > 0, "target_in_flight must be greater than 0");
  if (pod !== undefined) {
    const limit = pod.maxConcurrency + pod.maxQueueLength;
    check(
      c.targetInFlight <= limit,
      `target_in_flight (${c.targetInFlight}) must be at most max_concurrency + max_queue_length (${limit})`,
    );
  }
  check(
    c.windowSeconds >= 10 && c.windowSeconds % 10 === 0,
    "window must be at least 10s and a multiple of 10s",
  );
  check(c.downscaleStabilizationSeconds >= 0, "downscale_stabilization_period must be ≥ 0s");
  check(c.upscaleStabilizationSeconds >= 0, "upscale_stabilization_period must be ≥ 0s");
  check(
    c.maxDownscaleFactor >= 0 && c.maxDownscaleFactor < 1,
    "max_downscale_factor must be ≥ 0 and < 1",
  );
  check(c.maxUpscaleFactor > 1, "max_upscale_factor must be greater than 1");
  check(
    c.downscaleTolerance >= 0 && c.downscaleTolerance < 1,
    "downscale_tolerance must be ≥ 0 and < 1",
  );
  check(c.upscaleTolerance >= 0, "upscale_tolerance must be ≥ 0");
  check(
    c.panicWindowSeconds >= 0 && c.panicWindowSeconds <= c.windowSeconds,
    "panic_window must be 0s (off) or positive and no longer than window",
  );
  // A threshold of 1 or less would put a steady, well-sized API in panic permanently.
  check(c.panicThreshold > 1, "panic_threshold must be greater than 1");
  return problems;
}

/**
 * A panic window that is on (> 0) but shorter than cortex.yaml allows, raised to the minimum: the
 * Action refuses it, but a custom resource written by hand may hold one, and a window holding no
 * scrape would leave panic mode silently off. 0 (off) and negative values (refused by
 * validateAutoscalerConfig) are left as they are.
 */
export function clampPanicWindow(seconds: number): number {
  return seconds > 0 && seconds < MIN_PANIC_WINDOW_SECONDS ? MIN_PANIC_WINDOW_SECONDS : seconds;
}

/** cortex.yaml's `autoscaling` block as written (snake_case, Go durations). */
export interface ApiAutoscaling {
  min_replicas?: number;
  max_replicas?: number;
  init_replicas?: number;
  target_in_flight?: number;
  window?: string;
  downscale_stabilization_period?: string;
  upscale_stabilization_period?: string;
  max_downscale_factor?: number;
  max_upscale_factor?: number;
  downscale_tolerance?: number;
  upscale_tolerance?: number;
  panic_window?: string;
  panic_threshold?: number;
}

/**
 * Converts cortex.yaml's autoscaling block, filling DESIGN.md's defaults. Throws a RangeError
 * naming the field when a duration does not parse; range checks are validateAutoscalerConfig's.
 */
export function fromApiAutoscaling(
  a: ApiAutoscaling = {},
  pod: { max_concurrency?: number } = {},
): AutoscalerConfig {
  const d = AUTOSCALER_DEFAULTS;
  const seconds = (field: keyof ApiAutoscaling, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    try {
      return parseDuration(value);
    } catch {
      throw new RangeError(
        `autoscaling.${field}: "${value}" is not a duration such as 60s or 1m30s`,
      );
    }
  };
  const minReplicas = a.min_replicas ?? d.minReplicas;
  return {
    minReplicas,
    maxReplicas: a.max_replicas ?? d.maxReplicas,
    initReplicas: a.init_replicas ?? minReplicas,
    targetInFlight: a.target_in_flight ?? pod.max_concurrency ?? DEFAULT_MAX_CONCURRENCY,
    windowSeconds: seconds("window", a.window, d.windowSeconds),
    downscaleStabilizationSeconds: seconds(
      "downscale_stabilization_period",
      a.downscale_stabilization_period,
      d.downscaleStabilizationSeconds,
    ),
    upscaleStabilizationSeconds: seconds(
      "upscale_stabilization_period",
      a.upscale_stabilization_period,
      d.upscaleStabilizationSeconds,
    ),
    maxDownscaleFactor: a.max_downscale_factor ?? d.maxDownscaleFactor,
    maxUpscaleFactor: a.max_upscale_factor ?? d.maxUpscaleFactor,
    downscaleTolerance: a.downscale_tolerance ?? d.downscaleTolerance,
    upscaleTolerance: a.upscale_tolerance ?? d.upscaleTolerance,
    panicWindowSeconds: clampPanicWindow(
      seconds("panic_window", a.panic_window, d.panicWindowSeconds),
    ),
    panicThreshold: a.panic_threshold ?? d.panicThreshold,
  };
}
