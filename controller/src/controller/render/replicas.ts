// Who owns a Deployment's spec.replicas, and what the controller writes there. The controller sets
// replicas when it creates the Deployment; then it hands the field to the autoscaler's field
// manager (the handover Kubernetes' server-side apply documentation describes for HPAs) and leaves
// it out of every later apply, so the two never fight over it. One exception: a count outside the
// running spec's [min_replicas, max_replicas] (the bounds just changed) is brought into them at
// once, under the autoscaler's manager, not at the autoscaler's next tick: a rollout is Ready only
// once its minimum is available (rollout/decide.ts), so the minimum must be asked for with it.
import { CONTROLLER_FIELD_MANAGER } from "../../../../src/kube/resource.ts";
import { type AutoscalerConfig, initialReplicas, lowestReplicas } from "../../autoscaler/config.ts";
import { clampToBounds } from "../../autoscaler/recommend.ts";
import type { Deployment, ManagedFieldsEntry } from "../kube/types.ts";

function ownsReplicas(entry: ManagedFieldsEntry): boolean {
  const spec = entry.fieldsV1?.["f:spec"];
  return typeof spec === "object" && spec !== null && "f:replicas" in spec;
}

/** True when a manager other than the controller's own apply owns spec.replicas. */
export function replicasHandedOver(deployment: Deployment | undefined): boolean {
  if (deployment === undefined) return false;
  return (deployment.metadata.managedFields ?? []).some(
    (e) => !(e.manager === CONTROLLER_FIELD_MANAGER && e.operation === "Apply") && ownsReplicas(e),
  );
}

/**
 * The count the Deployment should have now: init_replicas for a new one; else its own count (a
 * restart between create and handover must not reset it) brought into the bounds as the
 * autoscaler brings it.
 */
export function boundedReplicas(
  deployment: Deployment | undefined,
  config: AutoscalerConfig,
): number {
  const current = deployment?.spec?.replicas;
  return current === undefined ? initialReplicas(config) : clampToBounds(current, config);
}

/** The replicas to put in the controller's apply: undefined once handed over. */
export function replicasForApply(
  deployment: Deployment | undefined,
  config: AutoscalerConfig,
): number | undefined {
  return replicasHandedOver(deployment) ? undefined : boundedReplicas(deployment, config);
}

/**
 * The replicas to write under the autoscaler's field manager: the handover (until it is done), or
 * a handed-over count brought into the bounds; undefined when there is nothing to write.
 */
export function replicasToScale(
  deployment: Deployment | undefined,
  config: AutoscalerConfig,
): number | undefined {
  const bounded = boundedReplicas(deployment, config);
  if (!replicasHandedOver(deployment)) return bounded;
  return bounded === deployment?.spec?.replicas ? undefined : bounded;
}

/**
 * The count a rollback leaves: the replicas that a failed spec's higher minimum asked for and that
 * never became available go (the revision returned to runs as it ran, its pods not grown by the
 * failed spec: a pod that cannot be scheduled does not stay Pending); the available ones stay, at
 * least the returned revision's own minimum. Undefined when the count is not the failed minimum's
 * (the autoscaler's, which is kept as after any rollback).
 */
export function replicasAfterRollback(
  deployment: Deployment | undefined,
  failed: AutoscalerConfig,
  back: AutoscalerConfig,
): number | undefined {
  const current = deployment?.spec?.replicas;
  if (current === undefined) return undefined;
  const raised = lowestReplicas(failed);
  if (current !== raised || raised <= lowestReplicas(back)) return undefined;
  const available = deployment?.status?.availableReplicas ?? 0;
  const kept = clampToBounds(Math.min(current, available), back);
  return kept === current ? undefined : kept;
}
