import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  FIELD_MANAGER,
  GROUP,
  PLURAL,
  VERSION
} from "./chunk-332YSSNY.js";

// src/kube/objects.ts
function collectionPath(kind, namespace) {
  const scope = namespace === void 0 ? "" : `/namespaces/${encodeURIComponent(namespace)}`;
  return `/apis/${GROUP}/${VERSION}${scope}/${PLURAL[kind]}`;
}
function objectPath(kind, namespace, name) {
  return `${collectionPath(kind, namespace)}/${encodeURIComponent(name)}`;
}
async function listResources(client, kind, namespace, labelSelector) {
  const list = await client.request(
    "GET",
    collectionPath(kind, namespace),
    { query: { labelSelector } }
  );
  for (const item of list.items) item.kind = kind;
  return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? "" };
}
async function getResource(client, kind, namespace, name) {
  return client.request("GET", objectPath(kind, namespace, name));
}
async function splitterHasNoRevisions(client, namespace, name) {
  const splitter = await getResource(client, "TrafficSplitter", namespace, name).then(
    () => true,
    () => false
  );
  return splitter ? `${name} is a TrafficSplitter, which has no revisions: its routes change only with cortex.yaml (deploy an earlier commit to restore them)` : void 0;
}
async function applyResource(client, resource, opts = {}) {
  const namespace = resource.metadata.namespace ?? "default";
  return client.request("PATCH", objectPath(resource.kind, namespace, resource.metadata.name), {
    body: resource,
    contentType: "application/apply-patch+yaml",
    query: {
      fieldManager: FIELD_MANAGER,
      fieldValidation: "Strict",
      force: opts.force ? true : void 0,
      dryRun: opts.dryRun ? "All" : void 0
    }
  });
}
async function deleteResource(client, kind, namespace, name, uid, resourceVersion, opts = {}) {
  const preconditions = {
    ...uid ? { uid } : {},
    ...resourceVersion ? { resourceVersion } : {}
  };
  await client.request("DELETE", objectPath(kind, namespace, name), {
    body: {
      apiVersion: "v1",
      kind: "DeleteOptions",
      propagationPolicy: "Background",
      // In the body: with a body, the server ignores DeleteOptions given as query parameters.
      ...opts.dryRun ? { dryRun: ["All"] } : {},
      ...Object.keys(preconditions).length > 0 ? { preconditions } : {}
    }
  });
}

export {
  collectionPath,
  listResources,
  getResource,
  splitterHasNoRevisions,
  applyResource,
  deleteResource
};
