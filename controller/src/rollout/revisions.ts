// The revision history of an API: one record per distinct spec. Applying a spec creates its record
// with the next number, or, when the spec was seen before, gives the old record the next number
// (as Deployments do) and starts a new rollout of it. A rollout that a newer spec interrupts is
// marked Superseded. Old records beyond the history limit are deleted, never the one being rolled
// out nor the last Ready one. The current spec's record deleted by hand is made again with the
// fate it had (lost-record.ts). Pure.
import { ANNOTATIONS } from "../../../src/kube/resource.ts";
import type { ControllerRevision } from "../controller/kube/types.ts";
import { CONTROLLER_ANNOTATIONS } from "../controller/names.ts";
import {
  type Provenance,
  provenanceOf,
  type RevisionResult,
} from "../controller/render/revision.ts";
import type { LostFate } from "./lost-record.ts";

export interface RevisionRecord {
  name: string;
  specHash: string;
  revision: number;
  result: RevisionResult;
  message: string;
  reason: string;
  generation: number;
  /** ISO time. */
  rolloutStartedAt: string;
  provenance: Provenance;
  /** data.spec: the RealtimeAPI spec as applied. */
  spec: unknown;
}

const RESULTS: readonly RevisionResult[] = [
  "Progressing",
  "Ready",
  "Failed",
  "RolledBack",
  "Superseded",
];

function isResult(v: string | undefined): v is RevisionResult {
  return v !== undefined && (RESULTS as readonly string[]).includes(v);
}

/** Reads a ControllerRevision written by renderRevision; undefined for anything else. */
export function readRevision(cr: ControllerRevision): RevisionRecord | undefined {
  const a = cr.metadata.annotations ?? {};
  const hash = a[ANNOTATIONS.specHash];
  const data = cr.data as { spec?: unknown; annotations?: Provenance } | undefined;
  if (hash === undefined || data === undefined || typeof data !== "object") return undefined;
  const result = a[ANNOTATIONS.result];
  // The latest apply's, with the first apply's (data) for what older revisions did not record.
  const provenance = provenanceOf(a, data.annotations);
  return {
    name: cr.metadata.name,
    specHash: hash,
    revision: cr.revision,
    result: isResult(result) ? result : "Progressing",
    message: a[ANNOTATIONS.resultMessage] ?? "",
    reason: a[CONTROLLER_ANNOTATIONS.resultReason] ?? "",
    generation: Number(a[CONTROLLER_ANNOTATIONS.generation] ?? 0),
    rolloutStartedAt:
      a[CONTROLLER_ANNOTATIONS.rolloutStartedAt] ?? cr.metadata.creationTimestamp ?? "",
    provenance,
    spec: data.spec,
  };
}

export interface PlanInput {
  records: readonly RevisionRecord[];
  name: string;
  specHash: string;
  spec: unknown;
  generation: number;
  provenance: Provenance;
  now: Date;
  historyLimit: number;
  /**
   * What became of this spec's revision when its record is missing though the spec was seen
   * (lost-record.ts): the record is made again with that fate instead of as a new rollout.
   */
  lost?: LostFate;
}

export interface RevisionPlan {
  /** The record of the RealtimeAPI's current spec, as it should be. */
  desired: RevisionRecord;
  /** True when `desired` is new: create it. */
  create: boolean;
  /** True when `desired` is made again with the fate its lost record had. */
  recreated: boolean;
  /** Records whose number or state changed (including `desired` when it existed). */
  update: RevisionRecord[];
  /** Names of records to delete. */
  delete: string[];
  /** Every record after the plan, newest first. */
  records: RevisionRecord[];
}

/** The newest Ready record other than `except` (and, when given, that `usable` accepts). */
export function lastReady(
  records: readonly RevisionRecord[],
  except?: string,
  usable: (record: RevisionRecord) => boolean = () => true,
): RevisionRecord | undefined {
  let best: RevisionRecord | undefined;
  for (const r of records) {
    if (r.result !== "Ready" || r.specHash === except || !usable(r)) continue;
    if (best === undefined || r.revision > best.revision) best = r;
  }
  return best;
}

export function planRevisions(input: PlanInput): RevisionPlan {
  const max = input.records.reduce((m, r) => Math.max(m, r.revision), 0);
  const existing = input.records.find((r) => r.specHash === input.specHash);
  const changed = new Map<string, RevisionRecord>();
  let desired: RevisionRecord;
  let create = false;
  const lost = existing === undefined ? input.lost : undefined;
  if (existing === undefined) {
    create = true;
    // The number it had, unless another record has taken it since.
    const kept =
      lost?.revision !== undefined && !input.records.some((r) => r.revision === lost.revision);
    desired = {
      name: input.name,
      specHash: input.specHash,
      revision: kept ? (lost?.revision ?? max + 1) : max + 1,
      result: lost?.result ?? "Progressing",
      message: lost?.message ?? "",
      reason: lost?.reason ?? "",
      generation: input.generation,
      rolloutStartedAt: input.now.toISOString(),
      provenance: input.provenance,
      spec: input.spec,
    };
  } else if (existing.generation !== input.generation) {
    // The spec was applied again (a new generation): a new rollout, with the newest number, of
    // the spec as it is now (a retry differs in spec.retry alone).
    desired = {
      ...existing,
      spec: input.spec,
      revision: existing.revision === max ? max : max + 1,
      result: "Progressing",
      message: "",
      reason: "",
      generation: input.generation,
      rolloutStartedAt: input.now.toISOString(),
      provenance: input.provenance,
    };
    changed.set(desired.name, desired);
  } else {
    desired = existing;
  }

  const records: RevisionRecord[] = [];
  for (const r of input.records) {
    if (r.specHash === input.specHash) continue;
    if ((create || changed.has(desired.name)) && r.result === "Progressing") {
      const superseded: RevisionRecord = {
        ...r,
        result: "Superseded",
        reason: "Superseded",
        message: `superseded by revision ${desired.revision} before it became Ready`,
      };
      changed.set(r.name, superseded);
      records.push(superseded);
    } else {
      records.push(r);
    }
  }
  records.push(desired);
  records.sort((a, b) => b.revision - a.revision);

  const keep = new Set<string>([desired.name]);
  const ready = lastReady(records);
  if (ready !== undefined) keep.add(ready.name);
  const remove: string[] = [];
  let kept = 0;
  for (const r of records) {
    if (kept < input.historyLimit || keep.has(r.name)) {
      kept++;
      continue;
    }
    remove.push(r.name);
  }
  const survivors = records.filter((r) => !remove.includes(r.name));
  return {
    desired,
    create,
    recreated: lost !== undefined,
    update: [...changed.values()].filter((r) => !remove.includes(r.name)),
    delete: remove,
    records: survivors,
  };
}
