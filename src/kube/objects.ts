// Reading and writing the custom resources through the REST client: list, server-side apply
// (optionally dry-run), delete. Shapes only; what to apply and when is decided elsewhere.
import type { KubeClient } from "./client.ts";
import {
  type ApiResource,
  FIELD_MANAGER,
  GROUP,
  type ObjectMeta,
  PLURAL,
  type ResourceKind,
  VERSION,
} from "./resource.ts";

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: "Apply" | "Update";
  subresource?: string;
  time?: string;
  fieldsV1?: Record<string, unknown>;
}

/** An object as the API server returns it. */
export type Live<T extends ApiResource = ApiResource> = T & {
  metadata: ObjectMeta & { managedFields?: ManagedFieldsEntry[] };
};

interface List<T> {
  metadata?: { resourceVersion?: string };
  items: T[];
}

/** The collection of `kind` in `namespace`; undefined: in every namespace. */
export function collectionPath(kind: ResourceKind, namespace: string | undefined): string {
  const scope = namespace === undefined ? "" : `/namespaces/${encodeURIComponent(namespace)}`;
  return `/apis/${GROUP}/${VERSION}${scope}/${PLURAL[kind]}`;
}

export function objectPath(kind: ResourceKind, namespace: string, name: string): string {
  return `${collectionPath(kind, namespace)}/${encodeURIComponent(name)}`;
}

export async function listResources<K extends ResourceKind>(
  client: KubeClient,
  kind: K,
  /** Undefined: every namespace. */
  namespace: string | undefined,
  labelSelector?: string,
): Promise<{ items: Live<Extract<ApiResource, { kind: K }>>[]; resourceVersion: string }> {
  const list = await client.request<List<Live<Extract<ApiResource, { kind: K }>>>>(
    "GET",
    collectionPath(kind, namespace),
    { query: { labelSelector } },
  );
  // Items of a list may leave kind off (built-in lists do); set it so callers can rely on it.
  for (const item of list.items) item.kind = kind as typeof item.kind;
  return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? "" };
}

export async function getResource<K extends ResourceKind>(
  client: KubeClient,
  kind: K,
  namespace: string,
  name: string,
): Promise<Live<Extract<ApiResource, { kind: K }>>> {
  return client.request("GET", objectPath(kind, namespace, name));
}

/**
 * For commands that work on revisions (history, rollback) and found no RealtimeAPI: if `name` is
 * a TrafficSplitter, why it has none; else undefined.
 */
export async function splitterHasNoRevisions(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<string | undefined> {
  const splitter = await getResource(client, "TrafficSplitter", namespace, name).then(
    () => true,
    () => false,
  );
  return splitter
    ? `${name} is a TrafficSplitter, which has no revisions: its routes change only with cortex.yaml (deploy an earlier commit to restore them)`
    : undefined;
}

export interface ApplyOptions {
  dryRun?: boolean;
  /** Take fields owned by other managers (`--force-conflicts`). */
  force?: boolean;
}

/**
 * Server-side apply with field manager cortex-deploy. Strict field validation, so a field the CRD
 * does not know is an error rather than silently dropped.
 */
export async function applyResource<T extends ApiResource>(
  client: KubeClient,
  resource: T,
  opts: ApplyOptions = {},
): Promise<Live<T>> {
  const namespace = resource.metadata.namespace ?? "default";
  return client.request("PATCH", objectPath(resource.kind, namespace, resource.metadata.name), {
    body: resource,
    contentType: "application/apply-patch+yaml",
    query: {
      fieldManager: FIELD_MANAGER,
      fieldValidation: "Strict",
      force: opts.force ? true : undefined,
      dryRun: opts.dryRun ? "All" : undefined,
    },
  });
}

/**
 * Deletes one object; with `uid`, only that incarnation (a re-created namesake survives); with
 * `resourceVersion` too, only if nothing wrote it since it was read (else 409).
 */
export async function deleteResource(
  client: KubeClient,
  kind: ResourceKind,
  namespace: string,
  name: string,
  uid?: string,
  resourceVersion?: string,
  /** The server checks the delete (RBAC, admission, preconditions) and deletes nothing. */
  opts: { dryRun?: boolean } = {},
): Promise<void> {
  const preconditions = {
    ...(uid ? { uid } : {}),
    ...(resourceVersion ? { resourceVersion } : {}),
  };
  await client.request("DELETE", objectPath(kind, namespace, name), {
    body: {
      apiVersion: "v1",
      kind: "DeleteOptions",
      propagationPolicy: "Background",
      // In the body: with a body, the server ignores DeleteOptions given as query parameters.
      ...(opts.dryRun ? { dryRun: ["All"] } : {}),
      ...(Object.keys(preconditions).length > 0 ? { preconditions } : {}),
    },
  });
}
