// cortex-deploy's autoscaler (controller/src/autoscaler) behind the simulation's interface,
// with the controller's 2 s decision tick.

import { Autoscaler } from "../../controller/src/autoscaler/autoscaler.ts";
import type { AutoscalerConfig } from "../../controller/src/autoscaler/config.ts";
import type { SimScaler } from "./scaler.ts";

export class Ours implements SimScaler {
  readonly tickSeconds = 2;
  private readonly autoscaler: Autoscaler;
  private startedAt: number | undefined;

  constructor(
    readonly name: string,
    config: AutoscalerConfig,
  ) {
    this.autoscaler = new Autoscaler(config);
  }

  record(time: number, inFlight: number): void {
    this.autoscaler.record({ time, inFlight });
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
