// Writing a derived object (Deployment, Service) only when its rendering changed: the applied-hash
// annotation on the cached copy says whether it was applied from the same rendering.
import type { KubeClient } from "../../../src/kube/client.ts";
import { CONTROLLER_FIELD_MANAGER } from "../../../src/kube/resource.ts";
import { type ResourceType, resourcePath } from "./kube/paths.ts";
import type { KubeObject } from "./kube/types.ts";
import { appliedHashOf, withAppliedHash } from "./render/applied-hash.ts";

export interface DerivedCache<T> {
  get(namespace: string, name: string): T | undefined;
  remember(obj: T): void;
}

/**
 * Server-side applies `rendered` unless the cached copy carries the same applied hash (or `force`,
 * to put back a hand edit). Returns the object as written, or the cached copy when nothing was,
 * and whether it wrote.
 */
export async function applyIfChanged<T extends KubeObject & { spec?: object }>(
  client: KubeClient,
  type: ResourceType,
  cache: DerivedCache<T>,
  rendered: T,
  force: boolean,
  /** spec.replicas is the autoscaler's once created (see withAppliedHash). */
  replicasHandedOver = false,
): Promise<{ object: T | undefined; wrote: boolean; created: boolean }> {
  const body = withAppliedHash(rendered, replicasHandedOver);
  const { name, namespace } = body.metadata;
  const cached = cache.get(namespace ?? "", name);
  if (!force && appliedHashOf(cached) === appliedHashOf(body))
    return { object: cached, wrote: false, created: false };
  const applied = await client.apply<T>(
    resourcePath(type, namespace, name),
    body,
    CONTROLLER_FIELD_MANAGER,
  );
  cache.remember(applied);
  return { object: applied, wrote: true, created: cached === undefined };
}
