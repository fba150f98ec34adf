// The target namespace: deploy creates it when missing; plan only asks whether it exists.
import { KubeApiError, type KubeClient } from "./client.ts";
import { LABELS, MANAGED_BY } from "./resource.ts";

export type NamespaceState = "exists" | "missing" | "terminating" | "unknown";

/** What to do about a namespace that is being deleted: nothing can be created in it meanwhile. */
export function terminatingNamespace(namespace: string): string {
  return (
    `namespace ${namespace} is being deleted (Terminating), and nothing can be created in it ` +
    `until it is gone; wait for that (kubectl get namespace ${namespace}), then deploy again`
  );
}

/**
 * "terminating" once deleted, while its contents go; "unknown" when we may not read namespaces
 * (a namespace-scoped CI role): assume it exists.
 */
export async function namespaceState(
  client: KubeClient,
  namespace: string,
): Promise<NamespaceState> {
  try {
    const ns = await client.request<{ metadata?: { deletionTimestamp?: string } }>(
      "GET",
      `/api/v1/namespaces/${encodeURIComponent(namespace)}`,
    );
    return ns.metadata?.deletionTimestamp ? "terminating" : "exists";
  } catch (err) {
    if (err instanceof KubeApiError && err.status === 404) return "missing";
    if (err instanceof KubeApiError && err.status === 403) return "unknown";
    throw err;
  }
}

/** Creates the namespace if it is missing; true when it did. */
export async function ensureNamespace(client: KubeClient, namespace: string): Promise<boolean> {
  if ((await namespaceState(client, namespace)) !== "missing") return false;
  try {
    await client.request("POST", "/api/v1/namespaces", {
      body: {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: namespace, labels: { [LABELS.managedBy]: MANAGED_BY } },
      },
      query: { fieldManager: "cortex-deploy" },
    });
    return true;
  } catch (err) {
    // Another deploy created it between our GET and POST.
    if (err instanceof KubeApiError && err.status === 409) return false;
    throw err;
  }
}
