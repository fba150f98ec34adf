// The Service of an API: port 80 to the proxies' port 8888, across every revision's pods.
import type { Service } from "../kube/types.ts";
import { apiLabels, PROXY_PORT, podSelector, SERVICE_PORT } from "../names.ts";
import { type ApiRef, ownerReference } from "./owner.ts";

export function renderService(api: ApiRef): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: api.name,
      namespace: api.namespace,
      labels: apiLabels(api.name),
      ownerReferences: [ownerReference(api)],
    },
    spec: {
      type: "ClusterIP",
      selector: podSelector(api.name),
      ports: [{ name: "http", port: SERVICE_PORT, targetPort: PROXY_PORT, protocol: "TCP" }],
    },
  };
}
