// cortex-deploy's autoscaler (controller/src/autoscaler) behind the simulation's interface,
// with the controller's 2 s decision tick, reading the proxy's in-flight demand (or, for
// comparison, the raw in-flight count it read before).

import { Autoscaler } from "../../controller/src/autoscaler/autoscaler.ts";
import type { AutoscalerConfig } from "../../controller/src/autoscaler/config.ts";
import type { LoadMetric, SimScaler } from "./scaler.ts";

export class Ours implements SimScaler {
  readonly tickSeconds = 2;
  private readonly autoscaler: Autoscaler;
  private startedAt: number | undefined;

  constructor(
    readonly name: string,
    config: AutoscalerConfig,
    readonly metric: LoadMetric = "demand",
  ) {
    this.autoscaler = new Autoscaler(config);
  }

  record(time: number, load: number): void {
    this.autoscaler.record({ time, inFlight: load });
  }

  decide(now: number, currentReplicas: number, readyReplicas: number): number {
    this.startedAt ??= now;
    return this.autoscaler.scale({
      now,
      currentReplicas,
      readyReplicas,
      revisionReady: true,
      startedAt: this.startedAt,
    }).desiredReplicas;
  }
}
