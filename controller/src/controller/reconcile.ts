// One reconcile of one RealtimeAPI: read it and what derives from it from the caches, decide
// (pure modules: spec, rollout/*, render/*, status), then write only what differs: the revision
// history, the Deployment, the Service, the status, and an Event when a rollout ends. Every step
// is idempotent, so a crash anywhere is repaired by the next reconcile.

import { isApiError, type KubeApiError, type KubeClient } from "../../../src/kube/client.ts";
import {
  CONTROLLER_FIELD_MANAGER,
  type RealtimeApiStatus,
  specIdentity,
} from "../../../src/kube/resource.ts";
import type { AutoscalerConfig } from "../autoscaler/config.ts";
import {
  fromApiAutoscaling,
  lowestReplicas,
  validateAutoscalerConfig,
} from "../autoscaler/config.ts";
import type { Logger } from "../lib/log.ts";
import { decideRollout, type RolloutDecision } from "../rollout/decide.ts";
import { type LostFate, lostRecordFate } from "../rollout/lost-record.ts";
import type { ObservedSpan } from "../rollout/observation.ts";
import {
  planRevisions,
  type RevisionPlan,
  type RevisionRecord,
  readRevision,
} from "../rollout/revisions.ts";
import { applyIfChanged, DriftRepairError, DriftReports } from "./apply-if-changed.ts";
import type { Caches, RealtimeApiObject } from "./caches.ts";
import { NAME_TAKEN_RETRY_MS, nameHeld, readDerived } from "./claim.ts";
import { keepContainerLog } from "./container-log.ts";
import type { EventRecorder } from "./events.ts";
import { hashJson } from "./hash.ts";
import { RESOURCES, resourcePath } from "./kube/paths.ts";
import type { ControllerRevision, Deployment } from "./kube/types.ts";
import type { ControllerMetrics } from "./metrics.ts";
import { AUTOSCALER_FIELD_MANAGER, CONTROLLER_ANNOTATIONS } from "./names.ts";
import { renderDeployment } from "./render/deployment.ts";
import type { ApiRef } from "./render/owner.ts";
import type { PodRenderOptions } from "./render/pod.ts";
import { replicasAfterRollback, replicasForApply, replicasToScale } from "./render/replicas.ts";
import {
  provenanceOf,
  renderRevision,
  revisionAnnotationsPatch,
  revisionLabels,
} from "./render/revision.ts";
import { renderService } from "./render/service.ts";
import { type ApiSpec, readApiSpec, SpecError } from "./spec.ts";
import { computeStatus, invalidSpecStatus } from "./status.ts";
import { writeStatusIfChanged } from "./write-status.ts";

export interface ReconcileOptions {
  render: PodRenderOptions;
  historyLimit: number;
  crashRestarts: number;
  unschedulableTimeoutMs: number;
  /** Re-check a rollout at least this often even without events. */
  progressingRecheckMs: number;
}

/** What the autoscale loop needs to know about an API, kept current by reconciles. */
export interface ApiRuntime {
  namespace: string;
  name: string;
  config: AutoscalerConfig;
  revisionReady: boolean;
}

export interface ReconcilerDeps {
  client: KubeClient;
  caches: Caches;
  events: EventRecorder;
  metrics: ControllerMetrics;
  log: Logger;
  options: ReconcileOptions;
  runtime: Map<string, ApiRuntime>;
  /** Why an API's proxies cannot be read, when the autoscale loop reports that they cannot. */
  metricsUnavailable?: (key: string) => string | undefined;
  now?: () => number;
  /** When the controller could observe the cluster (rollout/observation.ts); default: always. */
  observed?: () => readonly ObservedSpan[];
  /** The caches a RealtimeAPI's reconcile reads that are not fresh, named in its status. */
  staleCaches?: () => readonly string[];
  /**
   * Told when a reconcile changed an API's phase. TrafficSplitters report their targets' phases,
   * and the watch does not carry our own status writes back (the cache already holds them).
   */
  onPhaseChange?: (namespace: string) => void;
}

export interface ReconcileResult {
  requeueAfterMs?: number;
}

/**
 * A recorded revision's autoscaler settings; `fallback` (the current spec's) if they no longer
 * pass (a revision recorded by an older controller with looser checks).
 */
function recordedConfig(spec: ApiSpec, fallback: AutoscalerConfig): AutoscalerConfig {
  try {
    return autoscalerConfig(spec);
  } catch {
    return fallback;
  }
}

/** The autoscaler's settings from the spec; throws SpecError on a bad block. */
function autoscalerConfig(spec: ApiSpec): AutoscalerConfig {
  let config: AutoscalerConfig;
  try {
    config = fromApiAutoscaling(spec.autoscaling, { max_concurrency: spec.maxConcurrency });
  } catch (err) {
    throw new SpecError(`spec.${(err as Error).message}`);
  }
  const problems = validateAutoscalerConfig(config, {
    maxConcurrency: spec.maxConcurrency,
    maxQueueLength: spec.maxQueueLength,
  });
  if (problems.length > 0) throw new SpecError(`spec.autoscaling: ${problems.join("; ")}`);
  return config;
}

export class Reconciler {
  /** Keys whose Deployment and Service are applied even if unchanged (drift repair on resync). */
  readonly forceApply = new Set<string>();
  private readonly drift: DriftReports;

  constructor(private readonly d: ReconcilerDeps) {
    this.drift = new DriftReports(d.events);
  }

  private now(): number {
    return (this.d.now ?? Date.now)();
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const [namespace, name] = key.split("/") as [string, string];
    const api = this.d.caches.apis.get(namespace, name);
    if (api === undefined || api.metadata.deletionTimestamp !== undefined) {
      // Owner references let the garbage collector delete what we derived.
      this.d.runtime.delete(key);
      this.d.metrics.forgetApi(key);
      return {};
    }
    const log = this.d.log.with({ api: key });
    const ref: ApiRef = { name, namespace, uid: api.metadata.uid ?? "" };
    const generation = api.metadata.generation ?? 1;

    let spec: ApiSpec;
    let config: AutoscalerConfig;
    try {
      spec = readApiSpec(name, api.spec);
      config = autoscalerConfig(spec);
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      this.d.runtime.delete(key);
      await this.reportFailed(
        api,
        ref,
        "InvalidSpec",
        err.message,
        log,
        "invalid spec",
        err.message,
      );
      return {};
    }

    // Read from the API server when the cache does not have it: a Deployment whose labels someone
    // removed has left the cache but still runs, at a replica count that must be kept.
    const [deployment, liveService] = await Promise.all([
      readDerived(this.d.client, this.d.caches.deployments, RESOURCES.deployments, namespace, name),
      readDerived(this.d.client, this.d.caches.services, RESOURCES.services, namespace, name),
    ]);
    const claimant = { ...ref, kind: "RealtimeAPI" as const };
    const taken =
      nameHeld(deployment, RESOURCES.deployments, claimant) ??
      nameHeld(liveService, RESOURCES.services, claimant);
    if (taken !== undefined) {
      this.d.runtime.delete(key);
      await this.reportFailed(api, ref, "NameTaken", taken, log, "name taken", taken);
      return { requeueAfterMs: NAME_TAKEN_RETRY_MS };
    }

    const specHash = hashJson(specIdentity(api.spec));
    const lost = lostRecordFate({ generation, specHash, status: api.status, deployment });
    const plan = this.planRevisions(api, ref, specHash, generation, lost);

    const templates = new Map<string, string | undefined>();
    const templateHashOf = (r: RevisionRecord): string | undefined => {
      if (!templates.has(r.specHash)) {
        let hash: string | undefined;
        try {
          const s = r.specHash === specHash ? spec : readApiSpec(name, r.spec);
          hash = this.renderFor(ref, r, s, undefined).templateHash;
        } catch {
          hash = undefined;
        }
        templates.set(r.specHash, hash);
      }
      return templates.get(r.specHash);
    };
    const decision = decideRollout({
      now: this.now(),
      desired: plan.desired,
      records: plan.records,
      templateHashOf,
      deployment,
      pods: this.d.caches.pods.byIndex(key),
      progressDeadlineMs: spec.progressDeadlineSeconds * 1000,
      crashRestarts: this.d.options.crashRestarts,
      unschedulableTimeoutMs: this.d.options.unschedulableTimeoutMs,
      minAvailable: lowestReplicas(config),
      ...(this.d.observed === undefined ? {} : { observed: this.d.observed() }),
      ...(this.d.staleCaches === undefined ? {} : { staleCaches: this.d.staleCaches() }),
    });
    const targetSpec =
      decision.target.specHash === specHash ? spec : readApiSpec(name, decision.target.spec);
    // The revision that runs scales by its own settings: after a rollback, the failed spec's
    // autoscaling (a higher minimum, say) must not apply to the old revision's pods.
    const runningConfig = targetSpec === spec ? config : recordedConfig(targetSpec, config);
    // A rollback takes back the replicas the failed spec's higher minimum added that never came up.
    const rolledBack =
      decision.desiredChanged && decision.desired.result === "RolledBack"
        ? replicasAfterRollback(deployment, config, runningConfig)
        : undefined;

    const revisionReady =
      decision.target.result === "Ready" && decision.desired.result !== "Progressing";
    // The autoscaler must not grow a revision that is not Ready, even while a write below fails
    // and this reconcile is retried.
    const running = this.d.runtime.get(key);
    if (!revisionReady && running?.revisionReady) {
      this.d.runtime.set(key, { ...running, revisionReady: false });
    }

    // A revision's new fate (a rollback above all) is written, and told, before the Deployment
    // moves: if a later write fails or the controller stops, the next reconcile reads that fate
    // and does not roll the failed spec out again, and the event is not lost.
    // Only that record goes first: the other revisions' writes must not hold a rollback back.
    if (plan.recreated) {
      // Before the record is written: a failed write retries, and this is said again then.
      const note = `the record of revision ${plan.desired.revision} (ControllerRevision ${plan.desired.name}) was deleted; it is recorded again from the RealtimeAPI's spec as ${plan.desired.result}, and the pods that run stay as they are`;
      log.info("recording a deleted revision again", {
        revision: plan.desired.revision,
        result: plan.desired.result,
      });
      await this.d.events.record(ref, "Normal", "RevisionRecordedAgain", note);
    }
    if (decision.desiredChanged) {
      await this.writeDesiredRevision(api, ref, specHash, plan, decision);
      this.announce(decision, log);
      if (decision.event !== undefined) {
        const e = decision.event;
        await this.d.events.record(ref, e.type, e.reason, e.note);
        // Before the Deployment moves: the rollback deletes the crashed pod and its log.
        if (e.logsOf !== undefined) await keepContainerLog({ ...this.d, log }, ref, e.logsOf);
      }
    }
    // The other writes do not depend on one another, so they go together; the status, which
    // reports on them, goes last. A crash in between is repaired by the next reconcile.
    // The flag is taken now, so a hand edit made while we write asks again; it is given back if a
    // forced write fails, or the retry would skip the object (its applied hash is unchanged) and
    // leave the edit in place.
    const force = this.forceApply.delete(key);
    const [revisions, deployed, service] = await Promise.allSettled([
      Promise.all([
        decision.desiredChanged
          ? undefined
          : this.writeDesiredRevision(api, ref, specHash, plan, decision),
        this.writeOtherRevisions(ref, plan, decision),
      ]),
      this.applyDeployment(
        ref,
        decision.target,
        targetSpec,
        { config: runningConfig, ...(rolledBack === undefined ? {} : { rolledBack }) },
        force,
        log,
        deployment,
      ),
      this.applyService(ref, force, log),
    ]);
    if (force && (deployed.status === "rejected" || service.status === "rejected"))
      this.forceApply.add(key);
    if (deployed.status === "rejected") {
      // The API server refuses what the spec renders to (a quantity it cannot parse, say):
      // retrying cannot help, so say so in the status until the spec changes.
      const why = refusal(deployed.reason);
      if (why === undefined) throw deployed.reason;
      const message = `the API server rejected the Deployment of revision ${decision.target.revision}: ${why}`;
      await this.reportFailed(
        api,
        ref,
        "InvalidSpec",
        message,
        log,
        "deployment rejected",
        deployed.reason,
      );
      return {};
    }
    if (revisions.status === "rejected") throw revisions.reason;
    if (service.status === "rejected") {
      // A hand edit the controller cannot undo: say so in the status rather than retry forever.
      const why = refusal(service.reason);
      if (why === undefined) throw service.reason;
      const message = `the API server rejected the Service: ${why}`;
      await this.reportFailed(
        api,
        ref,
        "DriftRepairFailed",
        message,
        log,
        "service rejected",
        service.reason,
      );
      return {};
    }
    const applied = deployed.value;

    const records = plan.records.map((r) =>
      r.name === decision.desired.name ? decision.desired : r,
    );
    const status = computeStatus({
      now: new Date(this.now()),
      generation,
      previous: api.status,
      endpoint: spec.endpoint,
      decision,
      records,
      deployment: applied,
      metricsUnavailable: this.d.metricsUnavailable?.(key),
    });
    const wrote = await this.writeStatus(api, status);
    log.debug("reconciled", {
      generation,
      phase: status.phase,
      revision: status.currentRevision,
      status_written: wrote,
    });

    this.d.runtime.set(key, { namespace, name, config: runningConfig, revisionReady });
    this.d.metrics.updateApi(namespace, name, { current: applied?.spec?.replicas ?? 0 });
    return { requeueAfterMs: this.recheck(decision) };
  }

  /** The log line and metric of a rollout that ended (Ready, Failed or RolledBack). */
  private announce(decision: RolloutDecision, log: Logger): void {
    log.info("rollout ended", {
      revision: decision.desired.revision,
      result: decision.desired.result,
      reason: decision.desired.reason || undefined,
      message: decision.desired.message,
    });
    if (decision.desired.result === "RolledBack") this.d.metrics.rollbacks.inc();
  }

  private recheck(decision: RolloutDecision): number | undefined {
    const a = decision.assessment;
    if (decision.desired.result !== "Progressing" || a.state !== "progressing") return undefined;
    const every = this.d.options.progressingRecheckMs;
    if (a.recheckAt === undefined) return every;
    return Math.max(100, Math.min(every, a.recheckAt - this.now()));
  }

  private renderFor(
    ref: ApiRef,
    record: RevisionRecord,
    spec: ApiSpec,
    replicas: number | undefined,
  ) {
    return renderDeployment(
      { api: ref, spec, specHash: record.specHash, revision: record.revision, replicas },
      this.d.options.render,
    );
  }

  /** The revision history after this spec: what to create, renumber, supersede and prune. */
  private planRevisions(
    api: RealtimeApiObject,
    ref: ApiRef,
    specHash: string,
    generation: number,
    lost: LostFate | undefined,
  ) {
    const key = `${ref.namespace}/${ref.name}`;
    const owned = this.d.caches.revisions
      .byIndex(key)
      .filter((cr) => cr.metadata.ownerReferences?.some((o) => o.uid === ref.uid));
    const records = owned.map(readRevision).filter((r): r is RevisionRecord => r !== undefined);
    return planRevisions({
      records,
      name: `${ref.name}-${specHash.slice(0, 10)}`,
      specHash,
      spec: api.spec,
      generation,
      provenance: provenanceOf(api.metadata.annotations),
      now: new Date(this.now()),
      historyLimit: this.d.options.historyLimit,
      ...(lost === undefined ? {} : { lost }),
    });
  }

  /** The desired revision's record: created, or its state written when it changed. */
  private async writeDesiredRevision(
    api: RealtimeApiObject,
    ref: ApiRef,
    specHash: string,
    plan: RevisionPlan,
    decision: RolloutDecision,
  ): Promise<void> {
    const desired = decision.desired;
    if (plan.create) await this.createRevision(api, ref, specHash, desired);
    else if (decision.desiredChanged || plan.update.some((r) => r.name === desired.name)) {
      await this.writeRevisionState(desired, ref);
    }
  }

  /** The other revisions' renumbering and pruning. */
  private async writeOtherRevisions(
    ref: ApiRef,
    plan: RevisionPlan,
    decision: RolloutDecision,
  ): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const r of plan.update)
      if (r.name !== decision.desired.name) writes.push(this.writeRevisionState(r, ref));
    for (const name of plan.delete) writes.push(this.deleteRevision(ref, name));
    const results = await Promise.allSettled(writes);
    for (const r of results) if (r.status === "rejected") throw r.reason;
  }

  private async createRevision(
    api: RealtimeApiObject,
    ref: ApiRef,
    specHash: string,
    state: RevisionRecord,
  ): Promise<void> {
    const body = renderRevision(ref, api.spec, specHash, state);
    const path = resourcePath(RESOURCES.controllerRevisions, ref.namespace);
    try {
      const created = await this.d.client.create<ControllerRevision>(
        path,
        body,
        CONTROLLER_FIELD_MANAGER,
      );
      this.d.caches.revisions.remember(created);
    } catch (err) {
      // The cache may lag our own earlier create: the retry will see it.
      if (isApiError(err, 409))
        throw new Error(`revision ${body.metadata.name} exists but is not cached yet`);
      throw err;
    }
  }

  private async deleteRevision(ref: ApiRef, name: string): Promise<void> {
    try {
      await this.d.client.delete(resourcePath(RESOURCES.controllerRevisions, ref.namespace, name));
    } catch (err) {
      if (!isApiError(err, 404)) throw err;
    }
    this.d.caches.revisions.forget(ref.namespace, name);
  }

  /** Writes a revision's number, result and latest provenance (its data is immutable). */
  private async writeRevisionState(r: RevisionRecord, ref: ApiRef): Promise<void> {
    const cached = this.d.caches.revisions.get(ref.namespace, r.name);
    const patch = {
      // Optimistic concurrency: a stale cache makes this fail with 409 and the reconcile retry.
      metadata: {
        ...(cached?.metadata.resourceVersion === undefined
          ? {}
          : { resourceVersion: cached.metadata.resourceVersion }),
        labels: revisionLabels(ref.name, r.revision),
        annotations: revisionAnnotationsPatch(r.specHash, r),
      },
      revision: r.revision,
    };
    const updated = await this.d.client.mergePatch<ControllerRevision>(
      resourcePath(RESOURCES.controllerRevisions, ref.namespace, r.name),
      patch,
      CONTROLLER_FIELD_MANAGER,
    );
    this.d.caches.revisions.remember(updated);
  }

  /**
   * Applies the target's Deployment and keeps its replica count in the running settings' bounds
   * (`rolledBack`: the count a rollback that just happened leaves). `read` is the Deployment as the
   * reconcile read it (from the API server when the cache lacked it): one that exists keeps its
   * replica count.
   */
  private async applyDeployment(
    ref: ApiRef,
    target: RevisionRecord,
    spec: ApiSpec,
    scaling: { config: AutoscalerConfig; rolledBack?: number },
    force: boolean,
    log: Logger,
    read: Deployment | undefined,
  ): Promise<Deployment | undefined> {
    // The cache, which may have moved on since the reconcile read it (an autoscaler write).
    const live = this.d.caches.deployments.get(ref.namespace, ref.name) ?? read;
    const { config } = scaling;
    const replicas = replicasForApply(live, config);
    const scale = scaling.rolledBack ?? replicasToScale(live, config);
    const { deployment: plain, templateHash } = this.renderFor(ref, target, spec, replicas);
    // A new count goes in the same write as a new template: written apart, the Deployment
    // controller would share it out between the old and the new ReplicaSet (proportional
    // scaling), growing the old pods. Otherwise only the autoscaler's manager writes it (below).
    const withTemplate =
      scale !== undefined &&
      live?.metadata.annotations?.[CONTROLLER_ANNOTATIONS.templateHash] !== templateHash;
    const rendered = withTemplate ? { ...plain, spec: { ...plain.spec, replicas: scale } } : plain;
    const applied = await this.drift.track(
      ref,
      "RealtimeAPI",
      `Deployment ${ref.name}`,
      log,
      applyIfChanged(
        this.d.client,
        RESOURCES.deployments,
        this.d.caches.deployments,
        rendered,
        force,
        true,
      ),
      (err) => refusal(err) !== undefined,
    );
    let current = applied.object;
    if (applied.wrote) {
      // Not in the cache is not the same as not there: its labels may have been removed.
      const what = !applied.created
        ? applied.changed
          ? "applied deployment"
          : "deployment already as rendered"
        : live === undefined
          ? "created deployment"
          : "took back deployment";
      const fields = {
        revision: target.revision,
        template: rendered.metadata.annotations?.[CONTROLLER_ANNOTATIONS.templateHash],
      };
      // A forced apply that changed nothing (the periodic resync) is no news.
      if (applied.changed) log.info(what, fields);
      else log.debug(what, fields);
    }
    const path = resourcePath(RESOURCES.deployments, ref.namespace, ref.name);
    if (scale !== undefined) {
      // Hand spec.replicas to the autoscaler's field manager (our next apply leaves it out), or
      // bring a handed-over count into the bounds as that manager: the field stays the autoscaler's.
      current = await this.scaleTo(path, ref, scale);
      if (replicas === undefined) {
        log.info("scaled into bounds", {
          from: live?.spec?.replicas,
          to: scale,
          min_replicas: config.minReplicas,
          max_replicas: config.maxReplicas,
          ...(scaling.rolledBack === undefined ? {} : { after: "rollback" }),
        });
      }
    }
    return this.d.caches.deployments.get(ref.namespace, ref.name) ?? current;
  }

  /**
   * Writes spec.replicas as the autoscaler's field manager: the field stays the autoscaler's, so
   * the controller's own applies leave it out.
   */
  private async scaleTo(path: string, ref: ApiRef, replicas: number): Promise<Deployment> {
    const current = await this.d.client.apply<Deployment>(
      path,
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: ref.name, namespace: ref.namespace },
        spec: { replicas },
      },
      AUTOSCALER_FIELD_MANAGER,
    );
    this.d.caches.deployments.remember(current);
    return current;
  }

  private async applyService(ref: ApiRef, force: boolean, log: Logger): Promise<void> {
    await this.drift.track(
      ref,
      "RealtimeAPI",
      `Service ${ref.name}`,
      log,
      applyIfChanged(
        this.d.client,
        RESOURCES.services,
        this.d.caches.services,
        renderService(ref),
        force,
      ),
      (err) => refusal(err) !== undefined,
    );
  }

  /**
   * Marks the API Failed for a reason retrying cannot fix (its spec, a held name); the warning and
   * the Event go out only when the status changes, so a requeue does not repeat them.
   */
  private async reportFailed(
    api: RealtimeApiObject,
    ref: ApiRef,
    reason: string,
    message: string,
    log: Logger,
    logLine: string,
    err: unknown,
  ): Promise<void> {
    const generation = api.metadata.generation ?? 1;
    const now = new Date(this.now());
    const status = invalidSpecStatus(api.status, generation, message, now, reason);
    if (await this.writeStatus(api, status)) {
      log.warn(logLine, { generation, err });
      await this.d.events.record(ref, "Warning", reason, message);
    }
  }

  /** Writes the status when it differs; true when written. */
  private async writeStatus(api: RealtimeApiObject, status: RealtimeApiStatus): Promise<boolean> {
    const wrote = await writeStatusIfChanged(
      this.d.client,
      RESOURCES.realtimeApis,
      this.d.caches.apis,
      api,
      status,
    );
    this.d.metrics.setPhase(api.metadata.namespace ?? "", api.metadata.name, status.phase);
    if (wrote && api.status?.phase !== status.phase)
      this.d.onPhaseChange?.(api.metadata.namespace ?? "");
    return wrote;
  }
}

/**
 * The API server refuses the Deployment itself, so no retry helps: invalid (422, 400), or a
 * server-side apply that cannot even build the object (500 "failed to create typed patch object",
 * as for two volume mounts at one path).
 */
function rejectsSpec(err: unknown): err is KubeApiError {
  if (isApiError(err, 422) || isApiError(err, 400)) return true;
  return isApiError(err, 500) && /failed to create typed patch object/.test(err.message);
}

/**
 * Why the API server will not take a rendered object, when retrying cannot help; undefined when it
 * may. The apply was refused as invalid and either there was no object to replace, replacing it
 * was refused as well (then it is what we render), or the controller may not replace it at all.
 */
function refusal(err: unknown): string | undefined {
  if (!(err instanceof DriftRepairError)) return rejectsSpec(err) ? err.message : undefined;
  if (!rejectsSpec(err.applyError)) return undefined;
  if (rejectsSpec(err.replaceError)) return err.applyError.message;
  const missing = err.missingPermission;
  if (missing === undefined) return undefined;
  return `${err.applyError.message}; the controller could not replace it whole either, as it lacks the permission to ${missing.verb} ${missing.resource} (grant it as controller/deploy/rbac.yaml does)`;
}
