// Who owns a Deployment's spec.replicas. The controller sets replicas only when it creates the
// Deployment; then it hands the field to the autoscaler's field manager (the handover Kubernetes'
// server-side apply documentation describes for HPAs) and leaves it out of every later apply, so
// the two never fight over it.
import { CONTROLLER_FIELD_MANAGER } from "../../../../src/kube/resource.ts";
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
 * The replicas to put in the controller's apply: undefined once handed over; otherwise the
 * current count (a restart between create and handover must not reset it) or init_replicas.
 */
export function replicasForApply(
  deployment: Deployment | undefined,
  initReplicas: number,
): number | undefined {
  if (replicasHandedOver(deployment)) return undefined;
  return deployment?.spec?.replicas ?? initReplicas;
}
