// What a pod's containers should do next, decided from their records alone (pure): init
// containers one at a time, each to completion; then every container; restarts per
// restartPolicy behind the crash-loop back-off.
import { type BackoffPolicy, backoffUntil } from "./backoff.ts";
import type { ContainerRecord } from "./container-state.ts";

export type RestartPolicy = "Always" | "OnFailure" | "Never";

export interface Plan {
  /** Containers to start now. */
  start: string[];
  /** Containers waiting out a back-off: the worker shows them as CrashLoopBackOff. */
  backingOff: { name: string; untilMs: number; delayMs: number }[];
  /** The earliest moment a waiting container may start; the worker re-plans then. */
  wakeAtMs?: number;
  /** An init container failed and will not be retried: the pod has failed. */
  initFailed: boolean;
  /** Every init container has completed (sidecars: are running and started). */
  initialized: boolean;
  /** Nothing runs and nothing will start again: the pod is finished. */
  done: boolean;
}

export function shouldRestart(policy: RestartPolicy, exitCode: number): boolean {
  return policy === "Always" || (policy === "OnFailure" && exitCode !== 0);
}

export function planPod(
  restartPolicy: RestartPolicy,
  records: readonly ContainerRecord[],
  nowMs: number,
  policy: BackoffPolicy,
): Plan {
  const plan: Plan = {
    start: [],
    backingOff: [],
    initFailed: false,
    initialized: true,
    done: false,
  };
  const wake = (at: number) => {
    plan.wakeAtMs = plan.wakeAtMs === undefined ? at : Math.min(plan.wakeAtMs, at);
  };
  // Start now, unless a failed start attempt or a crash-loop back-off says wait.
  const startOrWait = (record: ContainerRecord) => {
    if (record.retryAtMs !== undefined && record.retryAtMs > nowMs) {
      wake(record.retryAtMs);
      return;
    }
    if (record.state.kind === "exited") {
      const finished = Date.parse(record.state.terminated.finishedAt);
      const until = backoffUntil(record.backoff, finished, policy);
      if (until !== undefined && until > nowMs) {
        plan.backingOff.push({
          name: record.name,
          untilMs: until,
          delayMs: record.backoff?.delayMs ?? 0,
        });
        wake(until);
        return;
      }
    }
    plan.start.push(record.name);
  };

  for (const record of records.filter((r) => r.isInit)) {
    const { state } = record;
    if (record.sidecar) {
      // Sidecars restart whatever their exit code; the next init waits until one has started.
      if (state.kind !== "running") startOrWait(record);
      if (state.kind !== "running" || !record.started) {
        plan.initialized = false;
        return plan;
      }
      continue;
    }
    if (state.kind === "exited" && state.terminated.exitCode === 0) continue;
    plan.initialized = false;
    if (state.kind === "created") startOrWait(record);
    if (state.kind === "exited") {
      // Init containers restart on failure unless the pod never restarts anything.
      if (restartPolicy === "Never") {
        plan.initFailed = true;
        plan.done = true;
      } else {
        startOrWait(record);
      }
    }
    return plan;
  }

  let finished = 0;
  const main = records.filter((r) => !r.isInit);
  for (const record of main) {
    const { state } = record;
    if (state.kind === "running") continue;
    if (state.kind === "created") {
      startOrWait(record);
      continue;
    }
    if (shouldRestart(restartPolicy, state.terminated.exitCode)) startOrWait(record);
    else finished++;
  }
  plan.done = main.length > 0 && finished === main.length;
  return plan;
}
