// Runs one container's probes on their schedules: the startup probe first (if any), then
// liveness and readiness. Results go to callbacks; the pod worker decides what they mean.
import { type HandlerTarget, runHandler } from "./handlers.ts";
import type { Container, Probe } from "./kube-types.ts";
import { initialCounter, type ProbeKind, probeTiming, recordResult } from "./probe-state.ts";

export interface ProbeCallbacks {
  ready(ok: boolean): void;
  started(): void;
  /** Liveness or startup failed past its threshold: the container must be restarted. */
  failed(kind: "liveness" | "startup", message: string): void;
  /** Any one probe run that failed, e.g. "Readiness probe failed: ...", for the pod's events. */
  unhealthy(message: string): void;
}

const kindName: Record<ProbeKind, string> = {
  startup: "Startup",
  liveness: "Liveness",
  readiness: "Readiness",
};

export class ContainerProber {
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly container: Container,
    private readonly target: HandlerTarget,
    private readonly callbacks: ProbeCallbacks,
  ) {}

  start(): void {
    if (this.container.startupProbe) this.loop("startup", this.container.startupProbe);
    else this.startMain();
  }

  private startMain(): void {
    if (this.container.livenessProbe) this.loop("liveness", this.container.livenessProbe);
    if (this.container.readinessProbe) this.loop("readiness", this.container.readinessProbe);
  }

  private later(fn: () => void, ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private loop(kind: ProbeKind, probe: Probe): void {
    const timing = probeTiming(probe, kind);
    let counter = initialCounter(kind);
    const tick = async () => {
      if (this.stopped) return;
      const result = await runHandler(probe, this.target, timing.timeoutMs);
      if (this.stopped) return;
      const failure = `${kindName[kind]} probe failed: ${result.message}`;
      if (!result.ok) this.callbacks.unhealthy(failure);
      const next = recordResult(counter, result.ok, timing);
      const changed = next.ok !== counter.ok;
      counter = next;
      if (kind === "startup") {
        if (next.ok) {
          this.callbacks.started();
          this.startMain();
          return;
        }
        if (next.failures >= timing.failureThreshold) {
          this.callbacks.failed("startup", failure);
          return;
        }
      } else if (kind === "liveness" && changed && !next.ok) {
        this.callbacks.failed("liveness", failure);
        return;
      } else if (kind === "readiness" && changed) {
        this.callbacks.ready(next.ok);
      }
      this.later(() => void tick(), timing.periodMs);
    };
    this.later(() => void tick(), timing.initialDelayMs);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
