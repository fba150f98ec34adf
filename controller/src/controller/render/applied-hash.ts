// The applied-hash annotation: a hash of the object as rendered, so a reconcile skips the write
// when the cached copy was applied from the same rendering.
import { hashJson } from "../hash.ts";
import type { KubeObject } from "../kube/types.ts";
import { CONTROLLER_ANNOTATIONS } from "../names.ts";

export function withAppliedHash<T extends KubeObject>(obj: T): T {
  const hash = hashJson(obj).slice(0, 16);
  obj.metadata.annotations = {
    ...obj.metadata.annotations,
    [CONTROLLER_ANNOTATIONS.appliedHash]: hash,
  };
  return obj;
}

export function appliedHashOf(obj: KubeObject | undefined): string | undefined {
  return obj?.metadata.annotations?.[CONTROLLER_ANNOTATIONS.appliedHash];
}
