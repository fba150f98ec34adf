// Wires the controller together: informers feed a work queue with the keys of RealtimeAPIs and
// TrafficSplitters whose world changed; while this replica leads, workers reconcile keys one at a
// time per key and the autoscale loop runs. Losing the Lease stops both; the caches stay warm for
// a quick comeback, but on gaining the Lease every cache lists again (they may have missed an
// outage), and each kind of reconcile waits for the caches it reads. The controller observes
// while it leads and every cache a RealtimeAPI's reconcile reads is fresh; rollouts are judged,
// and their deadlines run, only then (rollout/observation.ts). A cache they do not read (the
// TrafficSplitters', its CRD deleted) holds none of them back.

import type { KubeClient } from "../../../src/kube/client.ts";
import type { Logger } from "../lib/log.ts";
import { ObservationLog } from "../rollout/observation.ts";
import { METRICS_AVAILABLE_REASON, METRICS_UNAVAILABLE_REASON } from "./autoscale/health.ts";
import { AutoscaleLoop } from "./autoscale/loop.ts";
import { scrapeDemand } from "./autoscale/scrape.ts";
import {
  apiKeyOf,
  type Caches,
  cachesSynced,
  desiredPartChanged,
  silentCache,
  splitterKeyOf,
} from "./caches.ts";
import type { EventRecorder } from "./events.ts";
import { objectKey } from "./kube/informer.ts";
import { RESOURCES, resourcePath } from "./kube/paths.ts";
import type { KubeObject } from "./kube/types.ts";
import type { ControllerMetrics } from "./metrics.ts";
import { AUTOSCALER_FIELD_MANAGER } from "./names.ts";
import { ExponentialRateLimiter } from "./queue/rate-limiter.ts";
import { WorkQueue } from "./queue/work-queue.ts";
import { type ApiRuntime, type ReconcileOptions, Reconciler } from "./reconcile.ts";
import { SplitterReconciler } from "./splitter/reconcile.ts";
import type { SplitterRenderOptions } from "./splitter/render.ts";
import { WrittenScales } from "./written-scales.ts";

export interface ControllerOptions {
  client: KubeClient;
  caches: Caches;
  events: EventRecorder;
  metrics: ControllerMetrics;
  log: Logger;
  reconcile: ReconcileOptions;
  splitter: SplitterRenderOptions;
  workers: number;
  resyncPeriodMs: number;
  scrapeIntervalMs: number;
  scrapeTimeoutMs: number;
  /** After how long without a sample an API's metrics are reported unavailable. */
  metricsUnavailableAfterMs?: number;
  decisionIntervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  now?: () => number;
  /**
   * Whether this replica may write now (it holds the Lease within its renew deadline); checked
   * before each reconcile and scale write. Default: always.
   */
  mayAct?: () => boolean;
}

/**
 * /readyz fails when a cache has heard nothing from the API server for this long: a healthy watch
 * hears a bookmark or its end at least every ~70 s, and a silent one is replaced after 80 s.
 */
export const CACHE_SILENCE_MS = 120_000;

/** How long the autoscaler trusts its own scale write over a cache that has not caught up. */
const SCALE_WRITE_TRUST_MS = 60_000;

type CacheName = keyof Caches;

/** The caches a RealtimeAPI's reconcile reads (reconcile.ts, with the rollout decision's inputs). */
const API_CACHES: readonly CacheName[] = ["apis", "deployments", "pods", "revisions", "services"];
/** The caches a TrafficSplitter's reconcile reads (splitter/reconcile.ts). */
const SPLITTER_CACHES: readonly CacheName[] = ["splitters", "apis", "deployments", "services"];

/** Queue keys of TrafficSplitters carry this prefix; RealtimeAPI keys are plain `namespace/name`. */
const SPLITTER_KEY = "splitter:";
/** A TrafficSplitter's key in the work queue, which it shares with RealtimeAPIs. */
const splitterQueueKey = (key: string): string => `${SPLITTER_KEY}${key}`;

function specChanged(a: KubeObject | undefined, b: KubeObject): boolean {
  if (a === undefined) return true;
  // Our own status writes come back as updates; only a new generation, new annotations (the
  // provenance of a push) or a deletion need a reconcile.
  return (
    a.metadata.generation !== b.metadata.generation ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    JSON.stringify(a.metadata.annotations ?? {}) !== JSON.stringify(b.metadata.annotations ?? {})
  );
}

export class Controller {
  private queue: WorkQueue | undefined;
  private workers: Promise<void>[] = [];
  private resync: NodeJS.Timeout | undefined;
  private readonly runtime = new Map<string, ApiRuntime>();
  private readonly reconciler: Reconciler;
  private readonly splitterReconciler: SplitterReconciler;
  private readonly autoscaler: AutoscaleLoop;
  /**
   * When this replica could observe: it led, and every cache a RealtimeAPI's reconcile reads was
   * fresh and listed since it took over.
   */
  private readonly observation = new ObservationLog();
  /** The caches that have listed since this replica started acting. */
  private readonly relisted = new Set<CacheName>();
  /** The caches last reported not fresh (comma-separated), so each change is logged once. */
  private reportedStale = "";
  private readonly writtenScales: WrittenScales;

  constructor(private readonly o: ControllerOptions) {
    this.writtenScales = new WrittenScales(SCALE_WRITE_TRUST_MS, () => this.now());
    this.reconciler = new Reconciler({
      client: o.client,
      caches: o.caches,
      events: o.events,
      metrics: o.metrics,
      log: o.log,
      options: o.reconcile,
      runtime: this.runtime,
      // The autoscale loop knows; constructed below, asked only once acting.
      metricsUnavailable: (key) => this.autoscaler.metricsUnavailable(key),
      observed: () => this.observation.spans(),
      staleCaches: () => this.staleOf(API_CACHES),
      ...(o.now === undefined ? {} : { now: o.now }),
      onPhaseChange: (namespace) => this.enqueueSplitters(namespace),
    });
    this.splitterReconciler = new SplitterReconciler({
      client: o.client,
      caches: o.caches,
      events: o.events,
      log: o.log,
      render: o.splitter,
    });
    this.autoscaler = new AutoscaleLoop({
      apis: () => this.runtime.entries(),
      pods: (key) => o.caches.pods.byIndex(key),
      deployment: (ns, name) =>
        this.writtenScales.view(`${ns}/${name}`, o.caches.deployments.get(ns, name)),
      scrape: (ip) => scrapeDemand(ip, o.scrapeTimeoutMs),
      scale: async (ns, name, replicas) => {
        if (!this.mayAct()) throw new Error("not leading: the Lease is past its renew deadline");
        const before = o.caches.deployments.get(ns, name);
        await o.client.mergePatch(
          resourcePath(RESOURCES.deployments, ns, name, "scale"),
          { spec: { replicas } },
          AUTOSCALER_FIELD_MANAGER,
        );
        this.writtenScales.record(`${ns}/${name}`, replicas, before);
      },
      log: o.log,
      metrics: o.metrics,
      scrapeIntervalMs: o.scrapeIntervalMs,
      decisionIntervalMs: o.decisionIntervalMs,
      metricsUnavailableAfterMs: o.metricsUnavailableAfterMs,
      onMetricsChange: (key, api, change) => {
        const ref = {
          namespace: api.namespace,
          name: api.name,
          uid: o.caches.apis.get(api.namespace, api.name)?.metadata.uid ?? "",
        };
        void (change.unavailable
          ? o.events.record(ref, "Warning", METRICS_UNAVAILABLE_REASON, change.message)
          : o.events.record(
              ref,
              "Normal",
              METRICS_AVAILABLE_REASON,
              "the proxies' metrics can be read again; autoscaling resumes",
            ));
        // The status reports it.
        this.queue?.add(key, false);
      },
    });
    const enqueue = (key: string | undefined, urgent = false): void => {
      if (key !== undefined) this.queue?.add(key, urgent);
    };
    const enqueueSplitter = (key: string | undefined, urgent = false): void => {
      if (key !== undefined) enqueue(splitterQueueKey(key), urgent);
    };
    for (const informer of Object.values(o.caches))
      informer.onFreshness(() => this.updateObservation());
    o.caches.apis.on((type, obj, old) => {
      // A new spec jumps the queue: rollouts start promptly whatever the status churn.
      if (type !== "update" || specChanged(old, obj)) enqueue(objectKey(obj), true);
      // Splitters report whether their targets exist and are Ready (a phase written by this
      // controller comes through onPhaseChange instead: the watch skips our own writes).
      if (type !== "update" || old?.status?.phase !== obj.status?.phase)
        this.enqueueSplitters(obj.metadata.namespace ?? "");
    });
    o.caches.splitters.on((type, obj, old) => {
      if (type !== "update" || specChanged(old, obj)) enqueueSplitter(objectKey(obj), true);
    });
    // A hand edit of what we derive is put back with a forced apply, as the resync would do later;
    // our own applies come back here too, and re-applying them changes nothing. Says whether it
    // asked for one.
    const repairDrift = (type: string, obj: KubeObject, old: KubeObject | undefined): boolean => {
      if (type !== "update" || !desiredPartChanged(old, obj)) return false;
      const key = apiKeyOf(obj);
      const splitter = splitterKeyOf(obj);
      if (key !== undefined) this.reconciler.forceApply.add(key);
      else if (splitter !== undefined) this.splitterReconciler.forceApply.add(splitter);
      else return false;
      return true;
    };
    o.caches.deployments.on((type, obj, old) => {
      repairDrift(type, obj, old);
      enqueue(apiKeyOf(obj));
      enqueueSplitter(splitterKeyOf(obj));
    });
    o.caches.pods.on((_t, obj) => enqueue(apiKeyOf(obj)));
    o.caches.revisions.on((_t, obj) => enqueue(apiKeyOf(obj)));
    o.caches.services.on((type, obj, old) => {
      if (repairDrift(type, obj, old) || type === "delete") {
        enqueue(apiKeyOf(obj));
        enqueueSplitter(splitterKeyOf(obj));
      }
    });
  }

  get isActing(): boolean {
    return this.queue !== undefined;
  }

  /**
   * Starts acting (on gaining the Lease). Every cache lists afresh: while this replica did not
   * lead, its watches may have been down (an API server outage) without it noticing yet. Each kind
   * of reconcile starts once the caches it reads have listed, so a cache that cannot list (its CRD
   * deleted) holds back only what reads it. Resolves once RealtimeAPIs' reconciles have begun.
   */
  async startActing(): Promise<void> {
    if (this.queue !== undefined) return;
    const queue = new WorkQueue(new ExponentialRateLimiter(this.o.retryBaseMs, this.o.retryMaxMs));
    this.queue = queue;
    this.relisted.clear();
    const relists = new Map<CacheName, Promise<void>>();
    for (const name of Object.keys(this.o.caches) as CacheName[]) {
      const relist = this.o.caches[name].relist().then(() => {
        if (this.queue !== queue) return;
        this.relisted.add(name);
        this.updateObservation();
        // The last cache a kind reads has listed: its objects are reconciled now.
        if (API_CACHES.includes(name) && this.listed(API_CACHES)) this.enqueueApis(false);
        if (SPLITTER_CACHES.includes(name) && this.listed(SPLITTER_CACHES))
          this.enqueueAllSplitters(false);
      });
      relists.set(name, relist);
    }
    this.workers = Array.from({ length: this.o.workers }, () => this.work(queue));
    this.resync = setInterval(() => this.enqueueAll(true), this.o.resyncPeriodMs);
    this.resync.unref();
    await Promise.all(API_CACHES.map((name) => relists.get(name)));
    if (this.queue !== queue) return;
    this.autoscaler.start();
    const waiting = this.staleOf(Object.keys(this.o.caches) as CacheName[]);
    this.o.log.info("acting", {
      apis: this.o.caches.apis.size,
      workers: this.o.workers,
      ...(waiting.length === 0 ? {} : { waiting_for_caches: waiting }),
    });
  }

  /** Stops acting (Lease lost or shutdown); waits for reconciles in progress to finish. */
  async stopActing(): Promise<void> {
    const queue = this.queue;
    if (queue === undefined) return;
    this.queue = undefined;
    this.relisted.clear();
    this.updateObservation();
    this.autoscaler.stop();
    if (this.resync !== undefined) clearInterval(this.resync);
    queue.shutDown();
    await Promise.all(this.workers);
    this.workers = [];
    // After the last reconcile: it would set its API's figures again. The next leader exports them.
    this.o.metrics.forgetApis();
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private mayAct(): boolean {
    return this.o.mayAct?.() ?? true;
  }

  /** Every one of `names` has listed since this replica started acting. */
  private listed(names: readonly CacheName[]): boolean {
    return names.every((n) => this.relisted.has(n));
  }

  /** Of `names`, the caches not listed since this replica started acting, or not fresh since. */
  private staleOf(names: readonly CacheName[]): CacheName[] {
    return names.filter((n) => !this.relisted.has(n) || !this.o.caches[n].isFresh());
  }

  /** Opens or closes the current span of observation. */
  private updateObservation(): void {
    this.reportStale();
    const observing = this.queue !== undefined && this.staleOf(API_CACHES).length === 0;
    if (observing === this.observation.observing) return;
    if (observing) {
      this.observation.begin(this.now());
      // Rollouts held while the caches were stale are judged now.
      this.enqueueApis(false);
    } else {
      this.observation.end(this.now());
      // Rollouts under way say in their status what they wait for.
      for (const api of this.o.caches.apis.list())
        if (api.status?.phase === "Progressing") this.queue?.add(objectKey(api));
    }
  }

  /**
   * Warns, naming them, when caches that had listed since this replica started acting stop being
   * fresh (a cache that never lists shows in the "acting" line and the informer's own warnings).
   */
  private reportStale(): void {
    const stale =
      this.queue === undefined
        ? []
        : (Object.keys(this.o.caches) as CacheName[]).filter(
            (n) => this.relisted.has(n) && !this.o.caches[n].isFresh(),
          );
    const reported = stale.join(",");
    if (reported === this.reportedStale) return;
    this.reportedStale = reported;
    if (stale.length === 0) {
      if (this.queue !== undefined) this.o.log.info("caches fresh again");
      return;
    }
    const held = stale.some((n) => API_CACHES.includes(n));
    this.o.log.warn(
      held
        ? "caches not fresh; RealtimeAPI rollouts are not judged until they list again"
        : "caches not fresh; RealtimeAPI rollouts go on, as they do not read them",
      { caches: stale },
    );
  }

  private enqueueAll(force: boolean): void {
    this.enqueueApis(force);
    this.enqueueAllSplitters(force);
  }

  private enqueueApis(force: boolean): void {
    for (const api of this.o.caches.apis.list()) {
      const key = objectKey(api);
      if (force) this.reconciler.forceApply.add(key);
      this.queue?.add(key);
    }
  }

  private enqueueAllSplitters(force: boolean): void {
    for (const splitter of this.o.caches.splitters.list()) {
      const key = objectKey(splitter);
      if (force) this.splitterReconciler.forceApply.add(key);
      this.queue?.add(splitterQueueKey(key));
    }
  }

  /** Queues every TrafficSplitter of the namespace (they report their targets' phases). */
  private enqueueSplitters(namespace: string): void {
    for (const s of this.o.caches.splitters.list())
      if (s.metadata.namespace === namespace) this.queue?.add(splitterQueueKey(objectKey(s)));
  }

  private async reconcile(key: string): Promise<{ requeueAfterMs?: number }> {
    if (!key.startsWith(SPLITTER_KEY)) return this.reconciler.reconcile(key);
    return this.splitterReconciler.reconcile(key.slice(SPLITTER_KEY.length));
  }

  ready(): { ok: boolean; detail: string } {
    if (!cachesSynced(this.o.caches)) return { ok: false, detail: "caches not synced" };
    const silent = silentCache(this.o.caches, CACHE_SILENCE_MS);
    if (silent !== undefined) {
      const seconds = Math.round(silent.silentMs / 1000);
      return {
        ok: false,
        detail: `the ${silent.name} cache has no working watch for ${seconds} s`,
      };
    }
    return { ok: true, detail: this.isActing ? "leading" : "standby" };
  }

  private async work(queue: WorkQueue): Promise<void> {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      if (!this.listed(key.startsWith(SPLITTER_KEY) ? SPLITTER_CACHES : API_CACHES)) {
        // Not yet: it is queued again once the caches it reads have listed (startActing).
        queue.done(key);
        continue;
      }
      if (!this.mayAct()) {
        // The Lease may be another's by now (a timer that came due in a freeze ran first): leave
        // the key to whoever leads; stopActing follows.
        queue.done(key);
        continue;
      }
      const started = performance.now();
      try {
        const result = await this.reconcile(key);
        queue.forget(key);
        this.o.metrics.reconciles.inc({ result: "success" });
        if (result.requeueAfterMs !== undefined) queue.addAfter(key, result.requeueAfterMs);
      } catch (err) {
        const delay = queue.addRateLimited(key);
        this.o.metrics.reconciles.inc({ result: "error" });
        this.o.metrics.reconcileErrors.inc();
        this.o.log.warn("reconcile failed; retrying", { api: key, err, retry_in_ms: delay });
      } finally {
        this.o.metrics.reconcileSeconds.observe((performance.now() - started) / 1000);
        queue.done(key);
        this.o.metrics.queueDepth.set(queue.length);
        this.o.metrics.queueDelayed.set(queue.delayed);
      }
    }
  }
}
