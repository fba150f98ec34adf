// The autoscaler's decision for one API: Cortex's algorithm as DESIGN.md states it, plus panic
// mode after Knative's KPA. Pure over its inputs: the caller records in-flight samples and asks
// for a decision with the time and the replica counts; there is no clock, timer or I/O here.
//
// Choices DESIGN.md leaves open, made here:
// - `currentReplicas` is the count last requested (the scale subresource's spec.replicas);
//   tolerances, factor limits and stabilisation are relative to it. `readyReplicas` is used only
//   for the panic condition, as in Knative.
// - Stabilisation only holds a step back; it never turns a scale-down into a scale-up (Cortex's
//   code could, when an earlier, held-back upscale recommendation was still in the history).
// - Panic mode bypasses upscale stabilisation and the max_upscale_factor limit (Knative's default
//   max scale-up rate of 1000 amounts to no limit); it still obeys max_replicas.
// - A revision that is not Ready is held at its current count (never grown, not shrunk either:
//   a struggling rollout should not lose capacity on top); max_replicas still applies.
// - Panic lends replicas; the stable path does not take them over. While panicking, the stable
//   path keeps its own count (`stableBase`), the count it would have asked for had there been no
//   panic, and works from it: tolerances, factor limits and stabilisation are relative to that
//   count, and the history holds its recommendations, never panic's. The count asked for is
//   max(current, stable count, panic recommendation). When panic ends (its condition false for a
//   whole `window`), the stable count applies at once: the replicas panic added are given back
//   in one step, and the stable path goes on from its own count with its own history.
//   Without this the stable path would work from the panic-inflated count and come down Cortex's
//   way, one max_downscale_factor step per downscale_stabilization_period: with the defaults an
//   8 s burst held 100 replicas for more than an hour (25.8 replica-hours) where 2 were needed.
//   One exception keeps a lasting rise from being given back: the stable path is slow to climb
//   (1.5× per upscale_stabilization_period), so at panic's end it first keeps what its window
//   average needs, ceil(average / target), up to the count that exists. This is no scale-up (the
//   replicas already run) and the window, a whole one past the last panicking tick, shows the
//   load is still there. A short burst has left the window by then and keeps nothing.
//   If the write of the smaller count fails, the next decision gives it back again. With panic
//   off (`panic_window: 0s`) there is no stable count apart from the current one: Cortex exactly.
// - After a start (`startedAt`: process start or leadership gained; the history is in memory
//   only) there is no scale-down for one downscale_stabilization_period. Scale-up is not held:
//   Cortex's code also held it for one upscale period, DESIGN.md does not.
// - Without a fresh sample (none within staleAfterSeconds) the count is held; panic state and
//   history are left as they were.
// - max_replicas and min_replicas are absolute: they apply even during the restart hold, panic
//   and stale metrics (a lowered max_replicas is a config change, not a load decision).

import { type AutoscalerConfig, validateAutoscalerConfig } from "./config.ts";
import { PanicMode } from "./panic.ts";
import { clampToBounds, recommend } from "./recommend.ts";
import { RecommendationHistory } from "./recommendations.ts";
import { type InFlightSample, InFlightSamples } from "./samples.ts";

export type { InFlightSample } from "./samples.ts";

export interface ScaleInput {
  /** Seconds since the same epoch as the samples' times. */
  now: number;
  /** The replica count last requested (spec.replicas). */
  currentReplicas: number;
  readyReplicas: number;
  /** Whether the API's current revision is Ready (its rollout has finished). */
  revisionReady: boolean;
  /** When this autoscaler (the controller, or its leadership) started: history begins here. */
  startedAt: number;
}

export type DecisionReason =
  | "no-metrics"
  | "stale-metrics"
  | "revision-not-ready"
  | "panic"
  | "panic-over"
  | "scale-up"
  | "scale-down"
  | "steady"
  | "within-tolerance"
  | "upscale-stabilization"
  | "downscale-stabilization"
  | "restart-hold"
  | "bounds";

export interface Decision {
  desiredReplicas: number;
  reason: DecisionReason;
  /** Whether panic mode is on after this decision. */
  panic: boolean;
  /** This tick's stable recommendation (before stabilisation); undefined without metrics. */
  recommendation: number | undefined;
  /** ceil(panic-window average / target); undefined when panic mode is off or has no samples. */
  panicRecommendation: number | undefined;
  /** Average in-flight over the stable window. */
  stableInFlight: number | undefined;
  /** Average in-flight over the panic window. */
  panicInFlight: number | undefined;
}

export interface AutoscalerOptions {
  /** A sample older than this is stale and the count is held; default 6 s (3 ticks of 2 s). */
  staleAfterSeconds?: number;
}

export const DEFAULT_STALE_AFTER_SECONDS = 6;

/**
 * When samples go stale for a given scrape interval (pure): three missed scrapes, never less than
 * the default. A fixed 6 s would hold every decision made more than 6 s after the last scrape when
 * scrapes are further apart.
 */
export function staleAfterSeconds(scrapeIntervalSeconds: number): number {
  return Math.max(DEFAULT_STALE_AFTER_SECONDS, 3 * scrapeIntervalSeconds);
}

export class Autoscaler {
  readonly config: AutoscalerConfig;
  private readonly staleAfterSeconds: number;
  private readonly samples: InFlightSamples;
  private readonly history: RecommendationHistory;
  private readonly panicMode = new PanicMode();
  /**
   * The stable path's own count while panic has added replicas, and until they have been given
   * back (the current count is at or below it); undefined otherwise, when the stable path works
   * from the current count as in Cortex.
   */
  private stableBase: number | undefined;

  constructor(config: AutoscalerConfig, options: AutoscalerOptions = {}) {
    const problems = validateAutoscalerConfig(config);
    if (problems.length > 0) throw new RangeError(`invalid autoscaling: ${problems.join("; ")}`);
    this.config = config;
    this.staleAfterSeconds = options.staleAfterSeconds ?? DEFAULT_STALE_AFTER_SECONDS;
    this.samples = new InFlightSamples(
      Math.max(config.windowSeconds, config.panicWindowSeconds, this.staleAfterSeconds),
    );
    this.history = new RecommendationHistory(
      Math.max(config.downscaleStabilizationSeconds, config.upscaleStabilizationSeconds),
    );
  }

  /**
   * The autoscaler under new settings (an edited `autoscaling` block), keeping the samples, the
   * recommendation history and the panic state, as Cortex keeps them across spec changes: the
   * stabilisation periods still look back over what came before the edit.
   */
  reconfigured(config: AutoscalerConfig): Autoscaler {
    const next = new Autoscaler(config, { staleAfterSeconds: this.staleAfterSeconds });
    this.samples.copyInto(next.samples);
    this.history.copyInto(next.history);
    // With panic mode now off, nothing would ever end a panic carried over.
    if (config.panicWindowSeconds > 0) this.panicMode.copyInto(next.panicMode);
    // Carried either way: without panic mode, the replicas it lent are given back at once.
    next.stableBase = this.stableBase;
    return next;
  }

  /** Records the API's total in-flight requests at a moment. */
  record(sample: InFlightSample): void {
    this.samples.add(sample);
  }

  scale(input: ScaleInput): Decision {
    const c = this.config;
    const { now, currentReplicas: current } = input;
    this.samples.prune(now);
    this.history.prune(now);

    const newest = this.samples.newestAt(now);
    const stableInFlight = this.samples.average(now, c.windowSeconds);
    if (newest === undefined) return this.hold(input, "no-metrics");
    if (now - newest > this.staleAfterSeconds || stableInFlight === undefined) {
      return this.hold(input, "stale-metrics");
    }

    let panicInFlight: number | undefined;
    let panicRecommendation: number | undefined;
    let panicking = false;
    if (c.panicWindowSeconds > 0) {
      panicInFlight = this.samples.average(now, c.panicWindowSeconds);
      panicRecommendation =
        panicInFlight === undefined ? undefined : Math.ceil(panicInFlight / c.targetInFlight);
      // Knative counts zero ready pods as one, so a cold API can still panic.
      const over =
        panicRecommendation !== undefined &&
        panicRecommendation >= c.panicThreshold * Math.max(1, input.readyReplicas);
      panicking = this.panicMode.update(now, over, c.windowSeconds);
    }

    // The count the stable path works from: its own while panic has lent replicas (never above
    // the current count), else the current count, as in Cortex.
    let base = this.stableBase === undefined ? current : Math.min(this.stableBase, current);
    if (this.stableBase !== undefined && !panicking) {
      // Panic is over: keep the lent replicas that the load still needs now (the short window;
      // the stable one would still hold a burst that ended up to a window ago).
      const recent = this.samples.average(now, c.panicWindowSeconds || c.windowSeconds);
      const needed = clampToBounds(Math.ceil((recent ?? 0) / c.targetInFlight), c);
      base = Math.max(base, Math.min(current, needed));
    }

    const rec = recommend(stableInFlight, base, c);
    // History holds recommendations before stabilisation, as in Cortex: stabilisation reads it.
    this.history.add(now, rec.replicas);
    const stable = this.stabilize(rec.replicas, rec.withinTolerance, base, input);
    let { replicas: desired, reason } = stable;

    if (panicking) {
      // Never down while panicking; up at once to what the short window asks for.
      desired = Math.max(current, stable.replicas, panicRecommendation ?? 0);
      reason = "panic";
      this.stableBase = stable.replicas;
    } else if (this.stableBase !== undefined) {
      // Giving back what panic lent; kept until the count is down to the stable path's.
      if (stable.replicas < current) reason = "panic-over";
      this.stableBase = stable.replicas < current ? stable.replicas : undefined;
    }

    const bounded = clampToBounds(desired, c);
    if (bounded !== desired) {
      desired = bounded;
      reason = "bounds";
    }
    if (!input.revisionReady) {
      desired = Math.min(current, c.maxReplicas);
      reason = "revision-not-ready";
    }
    return {
      desiredReplicas: desired,
      reason,
      panic: this.panicMode.active,
      recommendation: rec.replicas,
      panicRecommendation,
      stableInFlight,
      panicInFlight,
    };
  }

  /** Cortex's stabilisation, plus the restart hold, around this tick's recommendation. */
  private stabilize(
    recommended: number,
    withinTolerance: boolean,
    current: number,
    input: ScaleInput,
  ): { replicas: number; reason: DecisionReason } {
    const c = this.config;
    const { now } = input;
    if (recommended < current) {
      // After a restart the history is empty, so the stabilisation floor would be meaningless.
      if (now - input.startedAt < c.downscaleStabilizationSeconds) {
        return { replicas: current, reason: "restart-hold" };
      }
      const floor = this.history.maxSince(now, c.downscaleStabilizationSeconds) ?? recommended;
      const replicas = Math.min(current, Math.max(recommended, floor));
      return {
        replicas,
        reason: replicas === recommended ? "scale-down" : "downscale-stabilization",
      };
    }
    if (recommended > current) {
      const ceiling = this.history.minSince(now, c.upscaleStabilizationSeconds) ?? recommended;
      const replicas = Math.max(current, Math.min(recommended, ceiling));
      return { replicas, reason: replicas === recommended ? "scale-up" : "upscale-stabilization" };
    }
    return { replicas: current, reason: withinTolerance ? "within-tolerance" : "steady" };
  }

  /** The decision without usable metrics: keep the count (within bounds, never growing unready). */
  private hold(input: ScaleInput, reason: DecisionReason): Decision {
    const { currentReplicas: current } = input;
    const desired = input.revisionReady
      ? clampToBounds(current, this.config)
      : Math.min(current, this.config.maxReplicas);
    return {
      desiredReplicas: desired,
      reason: desired === current ? reason : "bounds",
      panic: this.panicMode.active,
      recommendation: undefined,
      panicRecommendation: undefined,
      stableInFlight: undefined,
      panicInFlight: undefined,
    };
  }

  /** Samples and recommendations held, for checking that memory stays bounded. */
  get retained(): { samples: number; recommendations: number } {
    return { samples: this.samples.size, recommendations: this.history.size };
  }
}
