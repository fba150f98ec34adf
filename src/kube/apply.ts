// Applying a change set: read what is live, server-side apply what changed (a few at a time),
// delete what was pruned. Each object's failure is kept with the object, so the caller can report
// every refusal at once instead of the first.
import { createLimiter } from "../artifacts/limit.ts";
import type { ObjectChange } from "./changes.ts";
import { isNotFound, type KubeClient } from "./client.ts";
import { applyResource, deleteResource, type Live, listResources } from "./objects.ts";
import type { ApiResource } from "./resource.ts";

/** Every RealtimeAPI and TrafficSplitter in the namespace (two list requests). */
export async function readLive(client: KubeClient, namespace: string): Promise<Live[]> {
  const [realtime, splitters] = await Promise.all([
    listResources(client, "RealtimeAPI", namespace),
    listResources(client, "TrafficSplitter", namespace),
  ]);
  return [...realtime.items, ...splitters.items];
}

export interface ApplyOutcome {
  change: ObjectChange;
  /** The object as the server returned it (or would, for a dry run). */
  result?: Live;
  error?: unknown;
}

export interface ApplyAllOptions {
  dryRun?: boolean;
  force?: boolean;
  concurrency?: number;
}

export async function applyChanges(
  client: KubeClient,
  changes: readonly ObjectChange[],
  opts: ApplyAllOptions = {},
): Promise<ApplyOutcome[]> {
  const limiter = createLimiter(opts.concurrency ?? 8);
  return Promise.all(
    changes.map((change) =>
      limiter.run(async (): Promise<ApplyOutcome> => {
        try {
          const result = await applyResource<ApiResource>(client, change.resource, {
            dryRun: opts.dryRun,
            force: opts.force,
          });
          return { change, result };
        } catch (error) {
          return { change, error };
        }
      }),
    ),
  );
}

/**
 * The object as it was before `change` updated it, as an apply body: its spec, and of its labels
 * and annotations only those this apply sets (the rest belong to others).
 */
export function previousState(change: ObjectChange): ApiResource | undefined {
  const { live, resource } = change;
  if (!live) return undefined;
  const pick = (from: Record<string, string> | undefined, keys: object | undefined) =>
    Object.fromEntries(
      Object.keys(keys ?? {}).flatMap((k) => (from?.[k] === undefined ? [] : [[k, from[k]]])),
    );
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    metadata: {
      name: resource.metadata.name,
      namespace: resource.metadata.namespace,
      labels: pick(live.metadata.labels, resource.metadata.labels),
      annotations: pick(live.metadata.annotations, resource.metadata.annotations),
    },
    spec: live.spec,
  } as ApiResource;
}

export interface UndoOutcome {
  change: ObjectChange;
  error?: unknown;
}

/**
 * Puts back what a partly failed apply wrote, so a deploy is all or nothing: an object it created
 * is deleted (that incarnation only), an object it updated gets its previous state re-applied.
 */
export async function undoApplies(
  client: KubeClient,
  written: readonly ApplyOutcome[],
): Promise<UndoOutcome[]> {
  const limiter = createLimiter(8);
  return Promise.all(
    written.map(({ change, result }) =>
      limiter.run(async (): Promise<UndoOutcome> => {
        try {
          const previous = previousState(change);
          if (previous) await applyResource(client, previous, { force: true });
          else if (result) {
            const { name, namespace, uid } = result.metadata;
            await deleteResource(client, result.kind, namespace ?? "default", name, uid);
          }
          return { change };
        } catch (error) {
          return isNotFound(error) && !change.live ? { change } : { change, error };
        }
      }),
    ),
  );
}

export interface PruneOutcome {
  object: Live;
  error?: unknown;
}

/** Deletes each object by uid, so one re-created meanwhile under the same name is left alone. */
export async function pruneObjects(
  client: KubeClient,
  objects: readonly Live[],
  concurrency = 8,
): Promise<PruneOutcome[]> {
  const limiter = createLimiter(concurrency);
  return Promise.all(
    objects.map((object) =>
      limiter.run(async (): Promise<PruneOutcome> => {
        const { name, namespace, uid } = object.metadata;
        try {
          await deleteResource(client, object.kind, namespace ?? "default", name, uid);
          return { object };
        } catch (error) {
          // Gone already (deleted by someone else meanwhile): what prune wanted.
          return isNotFound(error) ? { object } : { object, error };
        }
      }),
    ),
  );
}
