// The applied-hash annotation: a hash of the object as rendered, so a reconcile skips the write
// when the cached copy was applied from the same rendering.
import { hashJson } from "../hash.ts";
import type { KubeObject } from "../kube/types.ts";
import { CONTROLLER_ANNOTATIONS } from "../names.ts";

/**
 * Adds the annotation. With `replicasHandedOver`, spec.replicas is left out of the hash: an API's
 * Deployment carries it only in the apply that creates it, before the field is handed to the
 * autoscaler (replicas.ts). Counting it would make the next reconcile, rendering without it, see
 * a new hash and write the Deployment again for nothing; that write changes the annotation, which
 * bumps the Deployment's generation and sends its rollout status back to "not observed yet".
 */
export function withAppliedHash<T extends KubeObject & { spec?: object }>(
  obj: T,
  replicasHandedOver = false,
): T {
  const covered =
    replicasHandedOver && obj.spec && "replicas" in obj.spec
      ? { ...obj, spec: { ...obj.spec, replicas: undefined } }
      : obj;
  const hash = hashJson(covered).slice(0, 16);
  obj.metadata.annotations = {
    ...obj.metadata.annotations,
    [CONTROLLER_ANNOTATIONS.appliedHash]: hash,
  };
  return obj;
}

export function appliedHashOf(obj: KubeObject | undefined): string | undefined {
  return obj?.metadata.annotations?.[CONTROLLER_ANNOTATIONS.appliedHash];
}
