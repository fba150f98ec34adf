// The owner reference every derived object carries, so deleting the RealtimeAPI deletes them.
import { API_VERSION } from "../../../../src/kube/resource.ts";
import type { OwnerReference } from "../kube/types.ts";

export interface ApiRef {
  name: string;
  namespace: string;
  uid: string;
}

export function ownerReference(api: ApiRef): OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind: "RealtimeAPI",
    name: api.name,
    uid: api.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}
