import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  KubeApiError
} from "./chunk-ZCC5ZNP4.js";
import {
  LABELS,
  MANAGED_BY
} from "./chunk-PUABCNCY.js";

// src/kube/namespace.ts
async function namespaceState(client, namespace) {
  try {
    await client.request("GET", `/api/v1/namespaces/${encodeURIComponent(namespace)}`);
    return "exists";
  } catch (err) {
    if (err instanceof KubeApiError && err.status === 404) return "missing";
    if (err instanceof KubeApiError && err.status === 403) return "unknown";
    throw err;
  }
}
async function ensureNamespace(client, namespace) {
  if (await namespaceState(client, namespace) !== "missing") return false;
  try {
    await client.request("POST", "/api/v1/namespaces", {
      body: {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: namespace, labels: { [LABELS.managedBy]: MANAGED_BY } }
      },
      query: { fieldManager: "cortex-deploy" }
    });
    return true;
  } catch (err) {
    if (err instanceof KubeApiError && err.status === 409) return false;
    throw err;
  }
}

export {
  namespaceState,
  ensureNamespace
};
