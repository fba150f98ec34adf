// ControllerRevisions: one per distinct spec of an API, the history `cortex-deploy history` and
// `rollback` read. `data` is immutable in Kubernetes, so what may change later (the revision
// number, the result) lives in `revision` and the annotations.
import { ANNOTATIONS, LABELS, MANAGED_BY } from "../../../../src/kube/resource.ts";
import type { ControllerRevision } from "../kube/types.ts";
import { CONTROLLER_ANNOTATIONS, revisionName } from "../names.ts";
import { type ApiRef, ownerReference } from "./owner.ts";

export type RevisionResult = "Progressing" | "Ready" | "Failed" | "RolledBack" | "Superseded";

/** Where the spec came from: the RealtimeAPI's cortexdeploy.dev/* annotations. */
export interface Provenance {
  commit?: string;
  ref?: string;
  runUrl?: string;
  actor?: string;
}

export function provenanceOf(
  annotations: Readonly<Record<string, string>> | undefined,
): Provenance {
  const out: Provenance = {};
  const a = annotations ?? {};
  if (a[ANNOTATIONS.commit] !== undefined) out.commit = a[ANNOTATIONS.commit];
  if (a[ANNOTATIONS.ref] !== undefined) out.ref = a[ANNOTATIONS.ref];
  if (a[ANNOTATIONS.runUrl] !== undefined) out.runUrl = a[ANNOTATIONS.runUrl];
  if (a[ANNOTATIONS.actor] !== undefined) out.actor = a[ANNOTATIONS.actor];
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
  const p = state.provenance;
  if (p.commit !== undefined) out[ANNOTATIONS.commit] = p.commit;
  if (p.ref !== undefined) out[ANNOTATIONS.ref] = p.ref;
  if (p.runUrl !== undefined) out[ANNOTATIONS.runUrl] = p.runUrl;
  if (p.actor !== undefined) out[ANNOTATIONS.actor] = p.actor;
  return out;
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
