// REST paths of the resources the controller uses.
import { GROUP, PLURAL, VERSION } from "../../../../src/kube/resource.ts";

export interface ResourceType {
  group: string;
  version: string;
  plural: string;
}

export const RESOURCES = {
  realtimeApis: { group: GROUP, version: VERSION, plural: PLURAL.RealtimeAPI },
  trafficSplitters: { group: GROUP, version: VERSION, plural: PLURAL.TrafficSplitter },
  deployments: { group: "apps", version: "v1", plural: "deployments" },
  controllerRevisions: { group: "apps", version: "v1", plural: "controllerrevisions" },
  pods: { group: "", version: "v1", plural: "pods" },
  services: { group: "", version: "v1", plural: "services" },
  leases: { group: "coordination.k8s.io", version: "v1", plural: "leases" },
  events: { group: "events.k8s.io", version: "v1", plural: "events" },
} as const satisfies Record<string, ResourceType>;

/** `/api/v1/...` or `/apis/<group>/<version>/...`, namespaced when a namespace is given. */
export function resourcePath(
  type: ResourceType,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  let path = type.group === "" ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  if (namespace !== undefined) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${type.plural}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  if (subresource !== undefined) path += `/${subresource}`;
  return path;
}
