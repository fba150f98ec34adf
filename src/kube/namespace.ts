// The target namespace: deploy creates it when missing; plan only asks whether it exists.
import { KubeApiError, type KubeClient } from "./client.ts";
import { LABELS, MANAGED_BY } from "./resource.ts";

export type NamespaceState = "exists" | "missing" | "unknown";

/** "unknown" when we may not read namespaces (a namespace-scoped CI role): assume it exists. */
export async function namespaceState(
  client: KubeClient,
  namespace: string,
): Promise<NamespaceState> {
  try {
    await client.request("GET", `/api/v1/namespaces/${encodeURIComponent(namespace)}`);
    return "exists";
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
