// The Deployment and Service of an API or a TrafficSplitter are named after it, so the name can
// already be held: by another cortex-deploy object (an API and a splitter of the same name) or by
// something that is not ours at all. The controller writes only objects it owns or creates; a held
// name is reported in the status, never taken over (two owners would undo each other forever, and
// a user's own Deployment would be rewritten).
import { isApiError, type KubeClient } from "../../../src/kube/client.ts";
import { RESOURCES, type ResourceType, resourcePath } from "./kube/paths.ts";
import type { KubeObject } from "./kube/types.ts";

/** How long to wait before looking again: a foreign holder's deletion raises no event here. */
export const NAME_TAKEN_RETRY_MS = 30_000;

/** The object that derives the Deployment and Service. */
export interface Claimant {
  kind: "RealtimeAPI" | "TrafficSplitter";
  namespace: string;
  name: string;
  uid: string;
}

/**
 * Who holds `obj` when the claimant does not, as a phrase; undefined when it is the claimant's.
 * An object owned by an earlier claimant of the same kind and name (deleted and created again,
 * its objects not yet collected) counts as the claimant's, as it always has been. Pure.
 */
export function heldBy(obj: KubeObject, claimant: Claimant): string | undefined {
  const owners = obj.metadata.ownerReferences ?? [];
  const same = (o: { kind: string; name: string; uid: string }) =>
    o.uid === claimant.uid || (o.kind === claimant.kind && o.name === claimant.name);
  if (owners.some(same)) return undefined;
  const owner = owners.find((o) => o.controller === true) ?? owners[0];
  return owner === undefined ? "something else (it has no owner)" : `${owner.kind} ${owner.name}`;
}

type Cache = { get(namespace: string, name: string): KubeObject | undefined };

const SINGULAR: Record<string, string> = { deployments: "Deployment", services: "Service" };

/**
 * Why `name` cannot be used for a `type` object of the owner `uid`, or undefined when it can (free,
 * or already the owner's). Reads the cache, and the API server only when the cache does not have
 * the object (its first creation, or an object the cache's label selector leaves out).
 */
export async function nameTaken(
  client: KubeClient,
  cache: Cache,
  type: ResourceType,
  ref: Claimant,
): Promise<string | undefined> {
  return nameHeld(await readDerived(client, cache, type, ref.namespace, ref.name), type, ref);
}

/**
 * The object `name` of `type` from the cache, or from the API server when the cache does not have
 * it (its first creation, or an object the cache's label selector leaves out); undefined when
 * there is none.
 */
export async function readDerived<T extends KubeObject>(
  client: KubeClient,
  cache: { get(namespace: string, name: string): T | undefined },
  type: ResourceType,
  namespace: string,
  name: string,
): Promise<T | undefined> {
  const cached = cache.get(namespace, name);
  if (cached !== undefined) return cached;
  try {
    return await client.get<T>(resourcePath(type, namespace, name));
  } catch (err) {
    if (isApiError(err, 404)) return undefined;
    throw err;
  }
}

/** nameTaken's answer for an object already read (readDerived). Pure. */
export function nameHeld(
  live: KubeObject | undefined,
  type: ResourceType,
  ref: Claimant,
): string | undefined {
  if (live === undefined) return undefined;
  const who = heldBy(live, ref);
  if (who === undefined) return undefined;
  const kind = SINGULAR[type.plural] ?? type.plural;
  return `a ${kind} named ${ref.name} already exists and belongs to ${who}; rename this one, or delete that ${kind}`;
}

/** nameTaken for both objects derived from an API or a splitter: its Deployment and Service. */
export async function derivedNameTaken(
  client: KubeClient,
  caches: { deployments: Cache; services: Cache },
  ref: Claimant,
): Promise<string | undefined> {
  const [deployment, service] = await Promise.all([
    nameTaken(client, caches.deployments, RESOURCES.deployments, ref),
    nameTaken(client, caches.services, RESOURCES.services, ref),
  ]);
  return deployment ?? service;
}
