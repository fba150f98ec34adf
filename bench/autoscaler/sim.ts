// A discrete-time (1 s) simulation of one API behind an autoscaler. Requests are a fluid: each
// ready pod runs up to `maxConcurrency` requests, each taking `serviceSeconds` (so a pod serves
// maxConcurrency / serviceSeconds per second), and queues up to `maxQueueLength` more; arrivals
// that find every queue full are rejected, as the proxy's 503. A requested pod is ready
// `startDelaySeconds` later. Scale-down removes pods that are not ready first; a removed pod's
// queue drains (the proxy drains on SIGTERM), it just accepts nothing new.

import { countedArrivals, demandConcurrency } from "../../controller/src/proxy/demand.ts";
import type { SimScaler } from "./scaler.ts";
import type { Trace } from "./traces.ts";

export interface SimParams {
  startDelaySeconds: number;
  maxConcurrency: number;
  maxQueueLength: number;
  serviceSeconds: number;
  initialReplicas: number;
  /**
   * Report the offered load (arrivals × service time) to every algorithm, whatever its metric:
   * what an unlimited buffer in front of the pods would give, with no backlog building up while
   * pods start. Only for checking reaction times against published figures.
   */
  offeredLoadMetric?: boolean;
}

export interface SimResult {
  /** Pod-seconds, counting pods from the moment they are requested. */
  replicaSeconds: number;
  rejected: number;
  arrived: number;
  peakReplicas: number;
  /** Seconds from the step until a decision asked for the needed replicas. */
  reactionSeconds: number | undefined;
  /** Direction changes of the requested count after warm-up. */
  flaps: number;
  /** The requested count after each decision. */
  decisions: { time: number; desired: number }[];
}

export function simulate(trace: Trace, scaler: SimScaler, p: SimParams): SimResult {
  // Ready times of the pods that exist, oldest first.
  const initial = trace.initialReplicas ?? p.initialReplicas;
  let pods: number[] = Array.from({ length: initial }, () => -Infinity);
  // Requests started in each of the last `serviceSeconds` seconds (a ring), and those queued.
  const service = Math.max(1, Math.round(p.serviceSeconds));
  const running: number[] = Array.from({ length: service }, () => 0);
  let queued = 0;
  let replicaSeconds = 0;
  let rejected = 0;
  let arrived = 0;
  let peakReplicas = pods.length;
  let reactionSeconds: number | undefined;
  const decisions: { time: number; desired: number }[] = [];

  const seconds = trace.callers?.length ?? trace.arrivals.length;
  for (let t = 0; t < seconds; t++) {
    const ready = pods.filter((r) => r <= t).length;
    const slot = t % service;
    running[slot] = 0; // those started `service` seconds ago have finished
    const busy = running.reduce((a, b) => a + b, 0);
    const free = Math.max(0, ready * p.maxConcurrency - busy);

    // The queue goes first, then new arrivals; what fits nowhere is rejected.
    const fromQueue = Math.min(queued, free);
    queued -= fromQueue;
    const arrivals =
      trace.callers === undefined
        ? (trace.arrivals[t] ?? 0)
        : Math.max(0, (trace.callers[t] ?? 0) - busy - queued);
    arrived += arrivals;
    const direct = Math.min(arrivals, free - fromQueue);
    const room = Math.max(0, ready * p.maxQueueLength - queued);
    const toQueue = Math.min(arrivals - direct, room);
    const refused = arrivals - direct - toQueue;
    rejected += refused;
    queued += toQueue;
    running[slot] = fromQueue + direct;

    const inFlight = busy + running[slot] + queued;
    if (p.offeredLoadMetric === true) scaler.record(t, arrivals * p.serviceSeconds);
    else if (scaler.metric === "demand")
      scaler.record(
        t,
        demandConcurrency(countedArrivals(direct + toQueue, refused), p.serviceSeconds, queued),
      );
    else scaler.record(t, inFlight);
    replicaSeconds += pods.length;

    if (t % scaler.tickSeconds === 0) {
      const desired = scaler.decide(t, pods.length, ready);
      decisions.push({ time: t, desired });
      if (desired > pods.length) {
        pods = pods.concat(
          Array.from({ length: desired - pods.length }, () => t + p.startDelaySeconds),
        );
      } else if (desired < pods.length) {
        // Keep the pods that became ready first.
        pods = [...pods].sort((a, b) => a - b).slice(0, desired);
      }
      peakReplicas = Math.max(peakReplicas, pods.length);
      if (
        trace.step !== undefined &&
        reactionSeconds === undefined &&
        t >= trace.step.at &&
        desired >= trace.step.neededReplicas
      ) {
        reactionSeconds = t - trace.step.at;
      }
    }
  }

  const afterWarmup = decisions.filter((d) => d.time >= trace.warmupSeconds).map((d) => d.desired);
  return {
    replicaSeconds,
    rejected,
    arrived,
    peakReplicas,
    reactionSeconds,
    flaps: directionChanges(afterWarmup),
    decisions,
  };
}

export function directionChanges(values: number[]): number {
  let changes = 0;
  let last = 0;
  for (let i = 1; i < values.length; i++) {
    const d = Math.sign((values[i] ?? 0) - (values[i - 1] ?? 0));
    if (d === 0) continue;
    if (last !== 0 && d !== last) changes++;
    last = d;
  }
  return changes;
}
