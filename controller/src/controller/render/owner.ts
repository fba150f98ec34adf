// The owner reference every derived object carries, so deleting the RealtimeAPI (or the
// TrafficSplitter) deletes them.
import { API_VERSION } from "../../../../src/kube/resource.ts";
import type { OwnerReference } from "../kube/types.ts";

export interface ApiRef {
  name: string;
  namespace: string;
  uid: string;
}

export function ownerReference(
  api: ApiRef,
  kind: "RealtimeAPI" | "TrafficSplitter" = "RealtimeAPI",
): OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind,
    name: api.name,
    uid: api.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}
