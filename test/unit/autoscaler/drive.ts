// A fake-clock driver for the autoscaler: one in-flight sample a second, a decision every tick,
// and the decision fed back as the next current count (with an optional delay before requested
// replicas count as ready). Scripted traces in the tests are functions of time.

import { Autoscaler, type Decision } from "../../../controller/src/autoscaler/autoscaler.ts";
import type { AutoscalerConfig } from "../../../controller/src/autoscaler/config.ts";

export interface DriveOptions {
  config: AutoscalerConfig;
  /** Total in-flight at second t; undefined means no sample that second. */
  load: (t: number) => number | undefined;
  /** Last second simulated (inclusive); the run starts at `from`. */
  until: number;
  from?: number;
  tickSeconds?: number;
  initialReplicas: number;
  /** Seconds before a requested replica counts as ready; 0 = at once. */
  readyDelaySeconds?: number;
  /** Default: long before the run, so no restart hold. */
  startedAt?: number;
  revisionReady?: (t: number) => boolean;
  staleAfterSeconds?: number;
  /** Reuse an autoscaler (to continue a run). */
  autoscaler?: Autoscaler;
}

export interface Step {
  time: number;
  current: number;
  ready: number;
  decision: Decision;
}

export function drive(o: DriveOptions): { steps: Step[]; autoscaler: Autoscaler; final: number } {
  const tick = o.tickSeconds ?? 2;
  const from = o.from ?? 0;
  const delay = o.readyDelaySeconds ?? 0;
  const autoscaler =
    o.autoscaler ??
    new Autoscaler(
      o.config,
      o.staleAfterSeconds === undefined ? {} : { staleAfterSeconds: o.staleAfterSeconds },
    );
  const steps: Step[] = [];
  let current = o.initialReplicas;
  // Each request for more replicas becomes ready `delay` seconds later.
  const requested: { time: number; replicas: number }[] = [{ time: -Infinity, replicas: current }];
  for (let t = from; t <= o.until; t++) {
    const inFlight = o.load(t);
    if (inFlight !== undefined) autoscaler.record({ time: t, inFlight });
    if ((t - from) % tick !== 0) continue;
    let readyTarget = 0;
    for (const r of requested) if (r.time + delay <= t) readyTarget = r.replicas;
    const ready = Math.min(current, readyTarget);
    const decision = autoscaler.scale({
      now: t,
      currentReplicas: current,
      readyReplicas: ready,
      revisionReady: o.revisionReady?.(t) ?? true,
      startedAt: o.startedAt ?? -1e9,
    });
    steps.push({ time: t, current, ready, decision });
    if (decision.desiredReplicas !== current) {
      current = decision.desiredReplicas;
      requested.push({ time: t, replicas: current });
    }
  }
  return { steps, autoscaler, final: current };
}

/** The desired count at each decision. */
export function desired(steps: Step[]): number[] {
  return steps.map((s) => s.decision.desiredReplicas);
}

/** The decision taken at second t. */
export function at(steps: Step[], t: number): Decision {
  const step = steps.find((s) => s.time === t);
  if (step === undefined) throw new Error(`no decision at t=${t}`);
  return step.decision;
}

/** How often the sequence turns from rising to falling or back. */
export function directionChanges(values: number[]): number {
  let changes = 0;
  let last = 0;
  for (let i = 1; i < values.length; i++) {
    const d = Math.sign((values[i] as number) - (values[i - 1] as number));
    if (d === 0) continue;
    if (last !== 0 && d !== last) changes++;
    last = d;
  }
  return changes;
}
