// Cortex v0.42's realtime autoscaler (pkg/autoscaler/autoscaler.go), as a reference: a 10 s
// tick; the window average of in-flight over `window`; tolerances; factor limits with ±1;
// bounds; then stabilisation against the recommendation history, and no scaling either way
// for one stabilisation period after the autoscaler starts. Unlike cortex-deploy, its
// stabilisation sets the request to the history's max/min outright, which can move it past
// the current count.

import type { AutoscalerConfig } from "../../controller/src/autoscaler/config.ts";
import type { LoadMetric, SimScaler } from "./scaler.ts";
import { MovingAverage } from "./window.ts";

export class CortexReference implements SimScaler {
  readonly name = "Cortex v0.42";
  readonly metric: LoadMetric = "inFlight";
  readonly tickSeconds = 10;
  private readonly window: MovingAverage;
  private readonly recs: { time: number; replicas: number }[] = [];
  private startTime: number | undefined;

  constructor(private readonly spec: AutoscalerConfig) {
    this.window = new MovingAverage(spec.windowSeconds);
  }

  record(time: number, load: number): void {
    this.window.record(time, load);
  }

  decide(now: number, current: number): number {
    const s = this.spec;
    this.startTime ??= now;
    const avg = this.window.average(now, s.windowSeconds);
    if (avg === undefined) return current;

    const raw = avg / s.targetInFlight;
    let rec = Math.ceil(raw);
    if (raw < current && raw > current * (1 - s.downscaleTolerance)) rec = current;
    if (raw > current && raw < current * (1 + s.upscaleTolerance)) rec = current;
    const downFloor = Math.min(current - 1, Math.ceil(current * s.maxDownscaleFactor));
    if (rec < downFloor) rec = downFloor;
    const upCeil = Math.max(current + 1, Math.ceil(current * s.maxUpscaleFactor));
    if (rec > upCeil) rec = upCeil;
    if (rec < s.minReplicas) rec = s.minReplicas;
    if (rec > s.maxReplicas) rec = s.maxReplicas;

    this.recs.push({ time: now, replicas: rec });
    const keep = Math.max(s.downscaleStabilizationSeconds, s.upscaleStabilizationSeconds);
    while (this.recs.length > 0 && now - (this.recs[0]?.time ?? now) > keep) this.recs.shift();
    const since = (period: number) => this.recs.filter((r) => now - r.time <= period);

    let request = rec;
    if (request < current) {
      const floor = Math.max(...since(s.downscaleStabilizationSeconds).map((r) => r.replicas));
      if (now - this.startTime < s.downscaleStabilizationSeconds) request = current;
      else if (request < floor) request = floor;
    }
    if (request > current) {
      const ceil = Math.min(...since(s.upscaleStabilizationSeconds).map((r) => r.replicas));
      if (now - this.startTime < s.upscaleStabilizationSeconds) request = current;
      else if (request > ceil) request = ceil;
    }
    return request;
  }
}
