// One reconcile of one TrafficSplitter: read it, its target RealtimeAPIs and its Deployment from
// the caches, apply the Deployment and the Service when what they render to changed, then write
// the status if it differs. Idempotent, like the RealtimeAPI reconcile.

import type { KubeClient } from "../../../../src/kube/client.ts";
import type { TrafficSplitterStatus } from "../../../../src/kube/resource.ts";
import type { Logger } from "../../lib/log.ts";
import { applyIfChanged, type DerivedCache, DriftReports } from "../apply-if-changed.ts";
import type { Caches, TrafficSplitterObject } from "../caches.ts";
import { derivedNameTaken, NAME_TAKEN_RETRY_MS } from "../claim.ts";
import type { EventRecorder } from "../events.ts";
import { RESOURCES, type ResourceType } from "../kube/paths.ts";
import type { Deployment, KubeObject } from "../kube/types.ts";
import type { ApiRef } from "../render/owner.ts";
import { SpecError } from "../spec.ts";
import { writeStatusIfChanged } from "../write-status.ts";
import {
  renderSplitterDeployment,
  renderSplitterService,
  type SplitterRenderOptions,
  splitterReplicas,
} from "./render.ts";
import { readSplitterSpec } from "./spec.ts";
import { computeSplitterStatus, invalidSplitterStatus } from "./status.ts";

export interface SplitterReconcilerDeps {
  client: KubeClient;
  caches: Caches;
  events: EventRecorder;
  log: Logger;
  render: SplitterRenderOptions;
  now?: () => number;
}

export class SplitterReconciler {
  /** Keys whose Deployment and Service are applied even if unchanged (drift repair). */
  readonly forceApply = new Set<string>();
  private readonly drift: DriftReports;

  constructor(private readonly d: SplitterReconcilerDeps) {
    this.drift = new DriftReports(d.events);
  }

  async reconcile(key: string): Promise<{ requeueAfterMs?: number }> {
    const [namespace, name] = key.split("/") as [string, string];
    const splitter = this.d.caches.splitters.get(namespace, name);
    // Gone: owner references let the garbage collector delete the Deployment and Service.
    if (splitter === undefined || splitter.metadata.deletionTimestamp !== undefined) return {};
    const log = this.d.log.with({ splitter: key });
    const ref: ApiRef = { name, namespace, uid: splitter.metadata.uid ?? "" };
    const generation = splitter.metadata.generation ?? 1;
    const now = new Date((this.d.now ?? Date.now)());

    let spec: ReturnType<typeof readSplitterSpec>;
    try {
      spec = readSplitterSpec(name, splitter.spec);
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      await this.reportFailed(splitter, ref, now, "InvalidSpec", err.message, log, "invalid spec");
      return {};
    }

    const taken = await derivedNameTaken(this.d.client, this.d.caches, {
      ...ref,
      kind: "TrafficSplitter",
    });
    if (taken !== undefined) {
      await this.reportFailed(splitter, ref, now, "NameTaken", taken, log, "name taken");
      return { requeueAfterMs: NAME_TAKEN_RETRY_MS };
    }

    // Taken now, so a hand edit made while we write asks again; given back if a write fails, or
    // the retry would skip the object (its applied hash is unchanged) and leave the edit in place.
    const force = this.forceApply.delete(key);
    const writes = Promise.all([
      this.apply(
        ref,
        RESOURCES.deployments,
        this.d.caches.deployments,
        renderSplitterDeployment(ref, spec, {
          ...this.d.render,
          replicas: splitterReplicas(this.d.render.replicas, splitter.metadata.labels),
        }),
        force,
        log,
      ),
      this.apply(
        ref,
        RESOURCES.services,
        this.d.caches.services,
        renderSplitterService(ref),
        force,
        log,
      ),
    ]);
    let deployment: Deployment | undefined;
    try {
      [deployment] = await writes;
    } catch (err) {
      if (force) this.forceApply.add(key);
      throw err;
    }
    const targets = new Map<string, string | undefined>();
    for (const t of spec.targets) {
      const api = this.d.caches.apis.get(namespace, t.name);
      if (api !== undefined && api.metadata.deletionTimestamp === undefined)
        targets.set(t.name, api.status?.phase);
    }
    const status = computeSplitterStatus({
      now,
      generation,
      previous: splitter.status,
      spec,
      deployment: this.d.caches.deployments.get(namespace, name) ?? (deployment as Deployment),
      targets,
    });
    if (await this.writeStatus(splitter, status)) {
      log.info("status", { phase: status.phase, generation });
    }
    return {};
  }

  private async apply<T extends KubeObject>(
    ref: ApiRef,
    type: ResourceType,
    cache: DerivedCache<T>,
    rendered: T,
    force: boolean,
    log: Logger,
  ): Promise<T | undefined> {
    const r = await this.drift.track(
      ref,
      "TrafficSplitter",
      `${rendered.kind ?? type.plural} ${rendered.metadata.name}`,
      log,
      applyIfChanged(this.d.client, type, cache, rendered, force),
    );
    // A forced apply that changed nothing (the periodic resync) is no news.
    if (r.changed)
      log.info(`${r.created ? "created" : "applied"} ${type.plural}`, {
        name: rendered.metadata.name,
      });
    else if (r.wrote)
      log.debug(`${type.plural} already as rendered`, { name: rendered.metadata.name });
    return r.object;
  }

  /** Marks the splitter Failed; the warning and the Event go out only when the status changes. */
  private async reportFailed(
    splitter: TrafficSplitterObject,
    ref: ApiRef,
    now: Date,
    reason: string,
    message: string,
    log: Logger,
    logLine: string,
  ): Promise<void> {
    const generation = splitter.metadata.generation ?? 1;
    const status = invalidSplitterStatus(splitter.status, generation, message, now, reason);
    if (await this.writeStatus(splitter, status)) {
      log.warn(logLine, { generation, err: message });
      await this.d.events.record(ref, "Warning", reason, message, "TrafficSplitter");
    }
  }

  private writeStatus(
    splitter: TrafficSplitterObject,
    status: TrafficSplitterStatus,
  ): Promise<boolean> {
    return writeStatusIfChanged(
      this.d.client,
      RESOURCES.trafficSplitters,
      this.d.caches.splitters,
      splitter,
      status,
    );
  }
}
