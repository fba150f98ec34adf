// The autoscaling loop around the pure autoscaler (controller/src/autoscaler): every scrape
// interval it samples each API's ready proxies for in-flight requests; every decision interval it
// asks the autoscaler for a replica count and writes a change to the Deployment's scale
// subresource. It runs only on the leader. Per-API state lives here; the reconciler tells it which
// APIs exist, their autoscaling settings and whether their running revision is Ready.
import { Autoscaler, staleAfterSeconds } from "../../autoscaler/autoscaler.ts";
import type { AutoscalerConfig } from "../../autoscaler/config.ts";
import type { Logger } from "../../lib/log.ts";
import { canonicalJson } from "../hash.ts";
import type { Deployment, Pod } from "../kube/types.ts";
import type { ControllerMetrics } from "../metrics.ts";
import { type MetricsChange, MetricsHealth } from "./health.ts";
import { estimateTotal, type ScrapeFailure, type ScrapeTarget, sampleTargets } from "./sample.ts";

export interface ScaledApi {
  namespace: string;
  name: string;
  config: AutoscalerConfig;
  /** The running revision is Ready: no rollout in progress. */
  revisionReady: boolean;
}

export interface AutoscaleDeps {
  apis: () => Iterable<[string, ScaledApi]>;
  pods: (key: string) => readonly Pod[];
  deployment: (namespace: string, name: string) => Deployment | undefined;
  /** A proxy's in-flight demand; undefined or a failure when it cannot be read. */
  scrape: (ip: string) => Promise<number | ScrapeFailure | undefined>;
  scale: (namespace: string, name: string, replicas: number) => Promise<void>;
  log: Logger;
  metrics: ControllerMetrics;
  now?: () => number;
  random?: () => number;
  scrapeIntervalMs: number;
  decisionIntervalMs: number;
  /** Pods sampled per API per scrape (Knative samples a similar handful). */
  maxSampled?: number;
  /** Scrapes in flight at once across all APIs. */
  concurrency?: number;
  /** After how long without a sample an API's metrics are reported unavailable; default 60 s. */
  metricsUnavailableAfterMs?: number;
  /** Told once when an API's metrics become unavailable, and once when they are back. */
  onMetricsChange?: (key: string, api: ScaledApi, change: MetricsChange) => void;
}

export const DEFAULT_METRICS_UNAVAILABLE_AFTER_MS = 60_000;

interface Tracked {
  autoscaler: Autoscaler;
  health: MetricsHealth;
  configKey: string;
  startedAt: number;
}

export function readyTargets(pods: readonly Pod[]): ScrapeTarget[] {
  const out: ScrapeTarget[] = [];
  for (const p of pods) {
    if (p.metadata.deletionTimestamp !== undefined) continue;
    const ip = p.status?.podIP;
    const ready = p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
    if (ready && ip !== undefined && ip !== "") out.push({ pod: p.metadata.name, ip });
  }
  return out;
}

export class AutoscaleLoop {
  private readonly tracked = new Map<string, Tracked>();
  private timers: NodeJS.Timeout[] = [];
  private scraping = false;
  private deciding = false;
  /** Set by stop(): a scrape answered after it must not export figures for a former leader. */
  private stopped = false;

  constructor(private readonly d: AutoscaleDeps) {}

  private now(): number {
    return (this.d.now ?? Date.now)();
  }

  /** Starts (on gaining leadership): the history starts empty, so scale-down waits a period. */
  start(): void {
    this.stop();
    this.stopped = false;
    this.tracked.clear();
    const scrape = setInterval(() => void this.scrapeAll(), this.d.scrapeIntervalMs);
    const decide = setInterval(() => void this.decideAll(), this.d.decisionIntervalMs);
    this.timers = [scrape, decide];
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.stopped = true;
  }

  private track(key: string, api: ScaledApi): Tracked {
    const configKey = canonicalJson(api.config);
    const current = this.tracked.get(key);
    if (current !== undefined && current.configKey === configKey) return current;
    // New settings keep the history. A new API gets its own start, so it holds init_replicas for
    // a downscale_stabilization_period, as in Cortex.
    const t: Tracked = {
      autoscaler:
        current?.autoscaler.reconfigured(api.config) ??
        new Autoscaler(api.config, {
          staleAfterSeconds: staleAfterSeconds(this.d.scrapeIntervalMs / 1000),
        }),
      configKey,
      health: current?.health ?? new MetricsHealth(),
      startedAt: current?.startedAt ?? this.now(),
    };
    this.tracked.set(key, t);
    return t;
  }

  /** One scrape round over every API; a round still running skips the next tick. */
  async scrapeAll(): Promise<void> {
    if (this.scraping) return;
    this.scraping = true;
    try {
      const jobs: (() => Promise<void>)[] = [];
      const seen = new Set<string>();
      for (const [key, api] of this.d.apis()) {
        seen.add(key);
        const t = this.track(key, api);
        const ready = readyTargets(this.d.pods(key));
        const sampled = sampleTargets(ready, this.d.maxSampled ?? 16, this.d.random ?? Math.random);
        if (sampled.length === 0) continue;
        jobs.push(async () => {
          const time = this.now() / 1000;
          const results = await Promise.all(sampled.map((s) => this.d.scrape(s.ip)));
          const answers = results.map((a) => (typeof a === "number" ? a : undefined));
          const failed = answers.filter((a) => a === undefined).length;
          if (failed > 0) this.d.metrics.scrapeErrors.inc(undefined, failed);
          const total = estimateTotal(answers, ready.length);
          if (total === undefined) {
            const first = results.find((a): a is ScrapeFailure => typeof a === "object");
            const why = first?.error ?? "no answer";
            t.health.failed(
              this.now(),
              failed > 1 ? `${why}; ${failed} of ${results.length} proxies not read` : why,
            );
          } else {
            t.health.sampled();
            t.autoscaler.record({ time, inFlight: total });
            if (!this.stopped)
              this.d.metrics.updateApi(api.namespace, api.name, { inFlight: total });
          }
          this.checkMetrics(key, api, t.health);
        });
      }
      for (const key of [...this.tracked.keys()]) if (!seen.has(key)) this.tracked.delete(key);
      await runLimited(jobs, this.d.concurrency ?? 64);
    } finally {
      this.scraping = false;
    }
  }

  /**
   * Why an API's metrics are reported unavailable, while they are (for its status). Forgotten with
   * the API, and on losing leadership: the next leader finds out for itself.
   */
  metricsUnavailable(key: string): string | undefined {
    return this.tracked.get(key)?.health.unavailable;
  }

  /** Logs and tells a change of an API's metrics' availability, once per change. */
  private checkMetrics(key: string, api: ScaledApi, health: MetricsHealth): void {
    const change = health.check(
      this.now(),
      this.d.metricsUnavailableAfterMs ?? DEFAULT_METRICS_UNAVAILABLE_AFTER_MS,
    );
    if (change === undefined) return;
    const log = this.d.log.with({ api: key });
    if (change.unavailable) log.warn("metrics unavailable", { message: change.message });
    else log.info("metrics available again");
    this.d.onMetricsChange?.(key, api, change);
  }

  /** One decision round; writes only changes. */
  async decideAll(): Promise<void> {
    if (this.deciding) return;
    this.deciding = true;
    try {
      const writes: (() => Promise<void>)[] = [];
      for (const [key, api] of this.d.apis()) {
        // The settings as given now (after a rollback, the old revision's), with the history the
        // scrapes kept: api.revisionReady is current, so the settings must be too.
        const t = this.tracked.has(key) ? this.track(key, api) : undefined;
        const deployment = this.d.deployment(api.namespace, api.name);
        const current = deployment?.spec?.replicas;
        if (t === undefined || current === undefined) continue;
        const decision = t.autoscaler.scale({
          now: this.now() / 1000,
          currentReplicas: current,
          readyReplicas: deployment?.status?.readyReplicas ?? 0,
          revisionReady: api.revisionReady,
          startedAt: t.startedAt / 1000,
        });
        this.d.metrics.updateApi(api.namespace, api.name, {
          desired: decision.desiredReplicas,
          current,
        });
        if (decision.desiredReplicas === current) continue;
        const log = this.d.log.with({ api: key });
        writes.push(async () => {
          try {
            await this.d.scale(api.namespace, api.name, decision.desiredReplicas);
            this.d.metrics.scaleWrites.inc({ result: "success" });
            log.info("scaled", {
              from: current,
              to: decision.desiredReplicas,
              reason: decision.reason,
              panic: decision.panic,
              in_flight: decision.stableInFlight,
            });
          } catch (err) {
            this.d.metrics.scaleWrites.inc({ result: "error" });
            log.warn("cannot scale", { to: decision.desiredReplicas, err });
          }
        });
      }
      await runLimited(writes, 16);
    } finally {
      this.deciding = false;
    }
  }
}

async function runLimited(jobs: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++] as () => Promise<void>;
      await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
}
