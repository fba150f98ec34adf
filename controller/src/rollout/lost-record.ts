// The record (ControllerRevision) of the RealtimeAPI's current spec deleted while the spec stays:
// it is made again from the spec, and with the fate the API's status last reported for this
// generation. Made again as a new rollout instead, a Ready revision whose pods are in trouble now
// (a crash loop after it became Ready) would be judged failed and silently rolled back, and a
// spec that was rolled back would be rolled out again. Pure.
import { getCondition } from "../../../src/kube/conditions.ts";
import { ANNOTATIONS, type RealtimeApiStatus } from "../../../src/kube/resource.ts";
import type { Deployment } from "../controller/kube/types.ts";
import { CONTROLLER_ANNOTATIONS } from "../controller/names.ts";

export interface LostRecordInput {
  generation: number;
  specHash: string;
  status: RealtimeApiStatus | undefined;
  /** The Deployment as read: its annotations say which revision's spec it runs. */
  deployment: Deployment | undefined;
}

/** The fate a lost record had, as its status reported it. */
export interface LostFate {
  result: "Ready" | "RolledBack";
  /** The number it had, when known (the Deployment runs it). */
  revision?: number;
  reason: string;
  message: string;
}

/**
 * What the status says of the current spec's revision when its record is missing; undefined when
 * it says nothing settled about this generation (a rollout under way is judged again).
 */
export function lostRecordFate(input: LostRecordInput): LostFate | undefined {
  const status = input.status;
  if (status?.observedGeneration !== input.generation) return undefined;
  const rolledBack = getCondition(status.conditions, "RolledBack");
  if (rolledBack?.status === "True") {
    return { result: "RolledBack", reason: rolledBack.reason, message: rolledBack.message };
  }
  const annotations = input.deployment?.metadata.annotations ?? {};
  const revision = Number(annotations[CONTROLLER_ANNOTATIONS.revision]);
  const runsThisSpec = annotations[ANNOTATIONS.specHash] === input.specHash;
  if (
    runsThisSpec &&
    Number.isInteger(revision) &&
    status.currentRevision === revision &&
    status.lastReadyRevision === revision
  ) {
    return {
      result: "Ready",
      revision,
      reason: "",
      message: `revision ${revision} became Ready; its record was missing and was made again from the RealtimeAPI's spec`,
    };
  }
  return undefined;
}
