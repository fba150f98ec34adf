// Knative's KPA (pkg/autoscaler/scaling/autoscaler.go) written from its documented algorithm,
// with the defaults Knative ships: stable window 60 s, panic window 10% of it (6 s), panic
// threshold 200%, target utilisation 70% of the container concurrency, max scale-up rate 1000,
// max scale-down rate 2, tick 2 s, no scale-down delay. min-scale/max-scale are set to the same
// bounds as the others (Knative's default min-scale 0 would add cold starts and nothing else).

import type { LoadMetric, SimScaler } from "./scaler.ts";
import { MovingAverage } from "./window.ts";

export interface KpaOptions {
  containerConcurrency: number;
  minScale: number;
  maxScale: number;
}

export class Kpa implements SimScaler {
  readonly name: string;
  readonly tickSeconds = 2;
  private readonly stableWindow = 60;
  private readonly panicWindow = 6;
  private readonly panicThreshold = 2;
  private readonly maxScaleUpRate = 1000;
  private readonly maxScaleDownRate = 2;
  private readonly target: number;
  private readonly window = new MovingAverage(60);
  private panicSince: number | undefined;
  private maxPanicPods = 0;

  /** `metric` other than Knative's own in-flight count is for comparison only. */
  constructor(
    private readonly o: KpaOptions,
    readonly metric: LoadMetric = "inFlight",
  ) {
    this.name = metric === "inFlight" ? "Knative KPA" : `Knative KPA, fed ${metric}`;
    this.target = o.containerConcurrency * 0.7;
  }

  record(time: number, load: number): void {
    this.window.record(time, load);
  }

  decide(now: number, current: number, readyCount: number): number {
    const stable = this.window.average(now, this.stableWindow);
    const panic = this.window.average(now, this.panicWindow);
    if (stable === undefined || panic === undefined) return current; // no data: no decision
    const ready = Math.max(1, readyCount);
    const maxUp = Math.ceil(this.maxScaleUpRate * ready);
    const maxDown = Math.floor(ready / this.maxScaleDownRate);
    const dspc = Math.ceil(stable / this.target);
    const dppc = Math.ceil(panic / this.target);
    const stablePods = Math.min(Math.max(dspc, maxDown), maxUp);
    const panicPods = Math.min(Math.max(dppc, maxDown), maxUp);
    const over = dppc / ready >= this.panicThreshold;
    if (over) {
      this.panicSince = now; // entering, or extending, panic
    } else if (this.panicSince !== undefined && this.panicSince + this.stableWindow < now) {
      this.panicSince = undefined;
      this.maxPanicPods = 0;
    }
    let desired = stablePods;
    if (this.panicSince !== undefined) {
      desired = Math.max(desired, panicPods);
      // No scale-down while panicking.
      if (desired > this.maxPanicPods) this.maxPanicPods = desired;
      desired = this.maxPanicPods;
    }
    return Math.min(this.o.maxScale, Math.max(this.o.minScale, desired));
  }
}
