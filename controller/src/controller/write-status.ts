// Writing a RealtimeAPI's or a TrafficSplitter's status only when it differs from the cached one.
import { isApiError, type KubeClient } from "../../../src/kube/client.ts";
import { CONTROLLER_FIELD_MANAGER } from "../../../src/kube/resource.ts";
import { canonicalJson } from "./hash.ts";
import { type ResourceType, resourcePath } from "./kube/paths.ts";
import type { KubeObject } from "./kube/types.ts";

/** Merge-patches the status subresource when it differs; true when written. */
export async function writeStatusIfChanged<S, T extends KubeObject & { status?: S }>(
  client: KubeClient,
  type: ResourceType,
  cache: { remember(obj: T): void },
  obj: T,
  status: S,
): Promise<boolean> {
  if (canonicalJson(obj.status ?? {}) === canonicalJson(status)) return false;
  const path = resourcePath(type, obj.metadata.namespace, obj.metadata.name, "status");
  try {
    // A merge patch replaces lists whole, so conditions are exactly ours.
    const updated = await client.mergePatch<T>(path, { status }, CONTROLLER_FIELD_MANAGER);
    cache.remember(updated);
  } catch (err) {
    // Deleted meanwhile: nothing left to report on.
    if (isApiError(err, 404)) return false;
    throw err;
  }
  return true;
}
