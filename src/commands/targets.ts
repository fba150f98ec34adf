// A TrafficSplitter may route to RealtimeAPIs of the same file or ones already deployed in the
// namespace; anything else is an error found before anything is applied.
import type { ApiConfig } from "../config/index.ts";
import { isNotFound, type KubeClient } from "../kube/client.ts";
import { getResource } from "../kube/objects.ts";

/** Target names of the file's TrafficSplitters that are not RealtimeAPIs of the file (pure). */
export function externalTargets(apis: readonly ApiConfig[]): Map<string, string[]> {
  const local = new Set(apis.filter((a) => a.kind === "RealtimeAPI").map((a) => a.name));
  const out = new Map<string, string[]>();
  for (const api of apis) {
    if (api.kind !== "TrafficSplitter") continue;
    for (const target of api.apis) {
      if (local.has(target.name)) continue;
      out.set(target.name, [...(out.get(target.name) ?? []), api.name]);
    }
  }
  return out;
}

/** One message per target that is neither in the file nor deployed. */
export async function missingTargets(
  client: KubeClient,
  namespace: string,
  apis: readonly ApiConfig[],
): Promise<string[]> {
  const external = externalTargets(apis);
  const missing = await Promise.all(
    [...external].map(async ([target, splitters]) => {
      try {
        await getResource(client, "RealtimeAPI", namespace, target);
        return undefined;
      } catch (err) {
        if (!isNotFound(err)) throw err;
        return (
          `trafficsplitter/${splitters.join(", trafficsplitter/")} routes to ${target}, which is ` +
          `neither a RealtimeAPI in cortex.yaml nor deployed in namespace ${namespace}`
        );
      }
    }),
  );
  return missing.filter((m): m is string => m !== undefined);
}
