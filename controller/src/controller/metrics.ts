// The controller's Prometheus metrics. Per-API series are kept apart from lib/prometheus's
// registry because an API that is deleted must lose its series, and the registry cannot remove one.
import { formatValue, Registry } from "../lib/prometheus.ts";
import type { Phase } from "./status.ts";

export interface ApiFigures {
  desired: number;
  current: number;
  inFlight: number | undefined;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

const PER_API = [
  [
    "cortex_controller_api_desired_replicas",
    "Replicas the autoscaler asks for, per API.",
    "desired",
  ],
  ["cortex_controller_api_current_replicas", "Replicas the Deployment has, per API.", "current"],
  [
    "cortex_controller_api_in_flight_requests",
    "In-flight demand across the API's proxies, as the autoscaler reads it: the concurrency the traffic asks for (arrival rate × service time, plus a quarter of the queue; running + queued from proxies that do not report demand).",
    "inFlight",
  ],
] as const;

const PHASE_METRIC = "cortex_controller_api_phase";
/**
 * Every phase the controller writes (status.ts), each an own series as kube-state-metrics does,
 * so that `== 1` picks the current one and a sum over APIs counts them. Typed so that a phase
 * added to Phase fails to compile here until it is listed.
 */
const PHASES = Object.keys({
  Ready: true,
  NotReady: true,
  Progressing: true,
  Failed: true,
  RolledBack: true,
} satisfies Record<Phase, true>) as Phase[];

export class ControllerMetrics {
  readonly registry = new Registry();
  readonly reconciles = this.registry.counter(
    "cortex_controller_reconciles_total",
    "Reconciles of RealtimeAPIs by result.",
    ["result"],
  );
  readonly reconcileErrors = this.registry.counter(
    "cortex_controller_reconcile_errors_total",
    "Reconciles that failed and were retried with back-off.",
  );
  readonly reconcileSeconds = this.registry.histogram(
    "cortex_controller_reconcile_duration_seconds",
    "Time one reconcile takes.",
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  readonly apiRequestSeconds = this.registry.histogram(
    "cortex_controller_kube_request_duration_seconds",
    "Kubernetes API requests (lists and writes; not watches) by verb.",
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ["verb"],
  );
  readonly queueDepth = this.registry.gauge(
    "cortex_controller_work_queue_depth",
    "Keys waiting in the work queue (not counting delayed retries).",
  );
  readonly queueDelayed = this.registry.gauge(
    "cortex_controller_work_queue_delayed",
    "Keys waiting for a delayed retry or re-check.",
  );
  readonly leader = this.registry.gauge(
    "cortex_controller_is_leader",
    "1 while this replica holds the leader Lease.",
  );
  readonly rollbacks = this.registry.counter(
    "cortex_controller_rollbacks_total",
    "Rollouts that failed and were rolled back to the last Ready revision.",
  );
  readonly scaleWrites = this.registry.counter(
    "cortex_controller_scale_writes_total",
    "Writes of a Deployment's scale subresource by result.",
    ["result"],
  );
  readonly scrapeErrors = this.registry.counter(
    "cortex_controller_scrape_errors_total",
    "Failed scrapes of a proxy's /metrics.",
  );
  private readonly rss = this.registry.gauge(
    "process_resident_memory_bytes",
    "Resident memory of the controller process.",
  );
  private readonly heapUsed = this.registry.gauge("nodejs_heap_used_bytes", "V8 heap in use.");
  private readonly heapTotal = this.registry.gauge("nodejs_heap_total_bytes", "V8 heap reserved.");
  private readonly cpuSeconds = this.registry.counter(
    "process_cpu_seconds_total",
    "User and system CPU time of the controller process.",
  );
  /** CPU seconds already counted: the counter only goes up, by what was used since. */
  private cpuCounted = 0;
  private readonly perApi = new Map<
    string,
    { namespace: string; api: string; figures: ApiFigures }
  >();

  /** Phase of each API as last written to (or found in) its status. */
  private readonly phases = new Map<
    string,
    { namespace: string; api: string; phase: string | undefined }
  >();

  setApi(namespace: string, api: string, figures: ApiFigures): void {
    this.perApi.set(`${namespace}/${api}`, { namespace, api, figures });
  }

  updateApi(namespace: string, api: string, update: Partial<ApiFigures>): void {
    const key = `${namespace}/${api}`;
    const entry = this.perApi.get(key);
    const figures = {
      ...(entry?.figures ?? { desired: 0, current: 0, inFlight: undefined }),
      ...update,
    };
    this.perApi.set(key, { namespace, api, figures });
  }

  /** The phase in the API's status, where the controller writes it (undefined: none yet). */
  setPhase(namespace: string, api: string, phase: string | undefined): void {
    this.phases.set(`${namespace}/${api}`, { namespace, api, phase });
  }

  forgetApi(key: string): void {
    this.perApi.delete(key);
    this.phases.delete(key);
  }

  /**
   * Drops every API's series (on losing leadership): only the leader keeps them current, and a
   * former leader's frozen copies would double every sum across replicas.
   */
  forgetApis(): void {
    this.perApi.clear();
    this.phases.clear();
  }

  render(): string {
    const memory = process.memoryUsage();
    this.rss.set(memory.rss);
    this.heapUsed.set(memory.heapUsed);
    this.heapTotal.set(memory.heapTotal);
    const cpu = process.cpuUsage();
    const cpuTotal = (cpu.user + cpu.system) / 1e6;
    if (cpuTotal > this.cpuCounted) {
      this.cpuSeconds.inc(undefined, cpuTotal - this.cpuCounted);
      this.cpuCounted = cpuTotal;
    }
    const lines: string[] = [];
    for (const [name, help, field] of PER_API) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
      for (const { namespace, api, figures } of this.perApi.values()) {
        const value = figures[field];
        if (value === undefined) continue;
        lines.push(
          `${name}{namespace="${escapeLabel(namespace)}",api="${escapeLabel(api)}"} ${formatValue(value)}`,
        );
      }
    }
    lines.push(
      `# HELP ${PHASE_METRIC} 1 for the phase in the API's status (${PHASES.join(", ")}), 0 for the others.`,
      `# TYPE ${PHASE_METRIC} gauge`,
    );
    for (const { namespace, api, phase } of this.phases.values()) {
      const labels = `namespace="${escapeLabel(namespace)}",api="${escapeLabel(api)}"`;
      for (const p of PHASES)
        lines.push(`${PHASE_METRIC}{${labels},phase="${p}"} ${p === phase ? 1 : 0}`);
    }
    return `${this.registry.render()}${lines.join("\n")}\n`;
  }
}
