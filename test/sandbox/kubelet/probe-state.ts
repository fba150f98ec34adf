// Probe result bookkeeping (pure): a probe's outcome flips only after successThreshold
// consecutive successes or failureThreshold consecutive failures, as in the kubelet's prober.
import type { Probe } from "./kube-types.ts";

export type ProbeKind = "readiness" | "liveness" | "startup";

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/** Kubernetes' defaults: no delay, every 10 s, 1 s timeout, 1 success, 3 failures. */
export function probeTiming(probe: Probe, kind: ProbeKind): ProbeTiming {
  return {
    initialDelayMs: (probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, probe.periodSeconds ?? 10) * 1000,
    timeoutMs: Math.max(1, probe.timeoutSeconds ?? 1) * 1000,
    // Liveness and startup probes must use 1 (the API enforces it); readiness may ask for more.
    successThreshold: kind === "readiness" ? Math.max(1, probe.successThreshold ?? 1) : 1,
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
  };
}

export interface ProbeCounter {
  /** The probe's current verdict. */
  ok: boolean;
  successes: number;
  failures: number;
}

/** Before any result: not ready, alive, not started. */
export function initialCounter(kind: ProbeKind): ProbeCounter {
  return { ok: kind === "liveness", successes: 0, failures: 0 };
}

export function recordResult(
  counter: ProbeCounter,
  success: boolean,
  timing: Pick<ProbeTiming, "successThreshold" | "failureThreshold">,
): ProbeCounter {
  if (success) {
    const successes = counter.successes + 1;
    return { ok: counter.ok || successes >= timing.successThreshold, successes, failures: 0 };
  }
  const failures = counter.failures + 1;
  return { ok: counter.ok && failures < timing.failureThreshold, successes: 0, failures };
}
