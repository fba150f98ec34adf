// ControllerRevisions: one per distinct spec of an API, the history `cortex-deploy history` and
// `rollback` read. `data` is immutable in Kubernetes, so what may change later (the revision
// number, the result) lives in `revision` and the annotations.
import { ANNOTATIONS, LABELS, MANAGED_BY } from "../../../../src/kube/resource.ts";
import type { ControllerRevision } from "../kube/types.ts";
import { CONTROLLER_ANNOTATIONS, revisionName } from "../names.ts";
import { type ApiRef, ownerReference } from "./owner.ts";

export type RevisionResult = "Progressing" | "Ready" | "Failed" | "RolledBack" | "Superseded";

/**
 * Where the spec came from: the RealtimeAPI's cortexdeploy.dev/* annotations. A rollback keeps the
 * re-applied revision's commit, ref, run and actor, and adds who rolled back, from which run, and
 * to which revision (rollbackOf).
 */
export interface Provenance {
  commit?: string;
  ref?: string;
  runUrl?: string;
  actor?: string;
  rollbackOf?: string;
  rolledBackBy?: string;
  rollbackRunUrl?: string;
}

/** Each provenance field and its annotation, the same on the RealtimeAPI and its revisions. */
const PROVENANCE_ANNOTATIONS = [
  ["commit", ANNOTATIONS.commit],
  ["ref", ANNOTATIONS.ref],
  ["runUrl", ANNOTATIONS.runUrl],
  ["actor", ANNOTATIONS.actor],
  ["rollbackOf", ANNOTATIONS.rollbackOf],
  ["rolledBackBy", ANNOTATIONS.rolledBackBy],
  ["rollbackRunUrl", ANNOTATIONS.rollbackRunUrl],
] as const satisfies readonly (readonly [keyof Provenance, string])[];

/** The fields only the apply that set them has: a later apply without them was no rollback. */
const ROLLBACK_FIELDS: ReadonlySet<keyof Provenance> = new Set([
  "rollbackOf",
  "rolledBackBy",
  "rollbackRunUrl",
]);

/**
 * The provenance in `annotations`; a field they lack is taken from `fallback` (a revision's data,
 * its first apply), except a rollback's, which would mark a later deploy as that rollback.
 */
export function provenanceOf(
  annotations: Readonly<Record<string, string>> | undefined,
  fallback?: Provenance,
): Provenance {
  const out: Provenance = {};
  const a = annotations ?? {};
  for (const [key, annotation] of PROVENANCE_ANNOTATIONS) {
    const v = a[annotation] ?? (ROLLBACK_FIELDS.has(key) ? undefined : fallback?.[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** The mutable part of a revision, kept in its metadata. */
export interface RevisionState {
  revision: number;
  result: RevisionResult;
  message: string;
  /** Why it failed (CrashLoopBackOff, ProgressDeadlineExceeded…); empty otherwise. */
  reason: string;
  /** The RealtimeAPI generation this result is about. */
  generation: number;
  /** ISO time the current rollout of this spec started. */
  rolloutStartedAt: string;
  /** The latest push that applied this spec (data keeps the first one's). */
  provenance: Provenance;
}

export function revisionMetadataAnnotations(
  specHash: string,
  state: RevisionState,
): Record<string, string> {
  const out: Record<string, string> = {
    [ANNOTATIONS.specHash]: specHash,
    [ANNOTATIONS.result]: state.result,
    [ANNOTATIONS.resultMessage]: state.message,
    [CONTROLLER_ANNOTATIONS.resultReason]: state.reason,
    [CONTROLLER_ANNOTATIONS.generation]: String(state.generation),
    [CONTROLLER_ANNOTATIONS.rolloutStartedAt]: state.rolloutStartedAt,
  };
  for (const [key, annotation] of PROVENANCE_ANNOTATIONS) {
    const v = state.provenance[key];
    if (v !== undefined) out[annotation] = v;
  }
  return out;
}

/**
 * revisionMetadataAnnotations as a merge patch of an existing revision: a merge patch keeps what
 * it leaves out, so the rollback annotations of an earlier apply that this one lacks are removed
 * (null); else a deploy that re-applies a spec would still read as the rollback that did before.
 */
export function revisionAnnotationsPatch(
  specHash: string,
  state: RevisionState,
): Record<string, string | null> {
  const cleared = PROVENANCE_ANNOTATIONS.filter(([key]) => ROLLBACK_FIELDS.has(key));
  return {
    ...Object.fromEntries(cleared.map(([, annotation]) => [annotation, null])),
    ...revisionMetadataAnnotations(specHash, state),
  };
}

export function revisionLabels(apiName: string, revision: number): Record<string, string> {
  return {
    [LABELS.api]: apiName,
    [LABELS.managedBy]: MANAGED_BY,
    [LABELS.revision]: String(revision),
  };
}

export function renderRevision(
  api: ApiRef,
  spec: unknown,
  specHash: string,
  state: RevisionState,
): ControllerRevision {
  return {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: revisionName(api.name, specHash),
      namespace: api.namespace,
      labels: revisionLabels(api.name, state.revision),
      annotations: revisionMetadataAnnotations(specHash, state),
      ownerReferences: [ownerReference(api)],
    },
    data: { spec, annotations: state.provenance },
    revision: state.revision,
  };
}
