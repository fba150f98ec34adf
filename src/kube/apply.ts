// Applying a change set: read what is live, server-side apply what changed (a few at a time),
// delete what was pruned. Each object's failure is kept with the object, so the caller can report
// every refusal at once instead of the first.
import { createLimiter } from "../artifacts/limit.ts";
import type { ObjectChange } from "./changes.ts";
import { isNotFound, type KubeClient } from "./client.ts";
import {
  ABSENT_RESOURCE_VERSION,
  ConcurrentChange,
  changedSince,
  deployedBy,
  isStale,
  STALE_ATTEMPTS,
} from "./meanwhile.ts";
import { applyResource, deleteResource, getResource, type Live, listResources } from "./objects.ts";
import type { ApiResource } from "./resource.ts";
import { ROLLBACK_MARK_ANNOTATIONS } from "./rollback-mark.ts";

/**
 * Every RealtimeAPI and TrafficSplitter in the namespace, or in every namespace when it is
 * undefined (two list requests).
 */
export async function readLive(client: KubeClient, namespace: string | undefined): Promise<Live[]> {
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
  /**
   * Writes nothing over what someone else wrote since `change.live` was read (the default): see
   * applyOne. Off for plan, whose dry runs may go to another namespace.
   */
  preconditions?: boolean;
}

/** The object as it is now, or undefined when there is none. */
export async function readNow(client: KubeClient, object: ApiResource): Promise<Live | undefined> {
  const { kind, name, namespace } = { ...object.metadata, kind: object.kind };
  try {
    return await getResource(client, kind, namespace ?? "default", name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

function withResourceVersion(resource: ApiResource, resourceVersion: string | undefined) {
  return { ...resource, metadata: { ...resource.metadata, resourceVersion } } as ApiResource;
}

type WriteOutcome<T> =
  | { outcome: "written"; value: T }
  | { outcome: "gone" }
  | { outcome: "changed"; why: string };

/**
 * The read-check-write of every write that must not undo what someone else wrote after `then` was
 * read (apply, undo, prune): the object is read again; if it is gone, or changedSince says it is
 * no longer the one read, nothing is written; else `write` gets it as it is now, whose
 * resourceVersion the write carries as a precondition, and runs again (after a new read) when only
 * the controller's status moved it on meanwhile. Without `then` there is nothing to compare with.
 */
async function writeIfUnchanged<T>(
  client: KubeClient,
  object: ApiResource | Live,
  then: Live | undefined,
  write: (now: Live) => Promise<T>,
): Promise<WriteOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    const now = await readNow(client, object);
    if (now === undefined) return { outcome: "gone" };
    const why = then === undefined ? undefined : changedSince(then, now);
    if (why !== undefined) return { outcome: "changed", why };
    try {
      return { outcome: "written", value: await write(now) };
    } catch (err) {
      if (isNotFound(err)) return { outcome: "gone" };
      if (!isStale(err) || attempt >= STALE_ATTEMPTS) throw err;
    }
  }
}

/**
 * Applies one change without overwriting what another deploy wrote after `change.live` was read
 * (a deploy reads, then uploads for seconds or minutes before it writes). An object that was
 * absent is applied with a precondition no existing object meets, so if another deploy created it
 * meanwhile the server refuses (409) and it is left as they made it. An object that was present is
 * read again: if it was deleted, re-created, taken by another cortex.yaml or given a new spec
 * (generation) since, the apply is refused; else it is applied with that resourceVersion as a
 * precondition, and retried when only its status changed in between.
 */
async function applyOne(
  client: KubeClient,
  change: ObjectChange,
  opts: ApplyAllOptions,
): Promise<Live> {
  const apply = (resourceVersion?: string) =>
    applyResource<ApiResource>(
      client,
      resourceVersion === undefined
        ? change.resource
        : withResourceVersion(change.resource, resourceVersion),
      { dryRun: opts.dryRun, force: opts.force },
    );
  if (opts.preconditions === false) return apply();
  const read = change.live;
  if (read === undefined) {
    try {
      return await apply(ABSENT_RESOURCE_VERSION);
    } catch (err) {
      if (!isStale(err)) throw err;
      const now = await readNow(client, change.resource);
      throw new ConcurrentChange(
        `another deploy created it after this one read the cluster` +
          `${now ? ` (${deployedBy(now.metadata)})` : ""}; it was not overwritten`,
      );
    }
  }
  const done = await writeIfUnchanged(client, change.resource, read, (now) =>
    apply(now.metadata.resourceVersion),
  );
  if (done.outcome === "written") return done.value;
  const why = done.outcome === "changed" ? done.why : "it was deleted";
  throw new ConcurrentChange(
    `it changed after this deploy read the cluster: ${why}; it was not overwritten`,
  );
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
          return { change, result: await applyOne(client, change, opts) };
        } catch (error) {
          return { change, error };
        }
      }),
    ),
  );
}

/**
 * The object as it was before `change` updated it, as an apply body: its spec, and of its labels
 * and annotations only those this apply sets or removes (the rest belong to others).
 */
export function previousState(change: ObjectChange): ApiResource | undefined {
  const { live, resource } = change;
  if (!live) return undefined;
  const pick = (from: Record<string, string> | undefined, keys: readonly string[]) =>
    Object.fromEntries(keys.flatMap((k) => (from?.[k] === undefined ? [] : [[k, from[k]]])));
  // A deploy removes a rollback's mark without setting it: its undo puts the mark back.
  const annotations = [
    ...Object.keys(resource.metadata.annotations ?? {}),
    ...ROLLBACK_MARK_ANNOTATIONS,
  ];
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    metadata: {
      name: resource.metadata.name,
      namespace: resource.metadata.namespace,
      labels: pick(live.metadata.labels, Object.keys(resource.metadata.labels ?? {})),
      annotations: pick(live.metadata.annotations, annotations),
    },
    spec: live.spec,
  } as ApiResource;
}

export interface UndoOutcome {
  change: ObjectChange;
  /** Why it was left as it is: someone changed it after this apply wrote it. */
  skipped?: string;
  error?: unknown;
}

/**
 * Puts back what a partly failed apply wrote, so a deploy is all or nothing: an object it created
 * is deleted (that incarnation only), an object it updated gets its previous state re-applied.
 * An object someone else wrote after this apply did (a new generation, another config, deleted or
 * re-created) is left as they made it, and named: putting the old spec back would revert their
 * deploy. The writes carry the resourceVersion just read as a precondition, and are retried when
 * only the controller's status moved it on.
 */
export async function undoApplies(
  client: KubeClient,
  written: readonly ApplyOutcome[],
): Promise<UndoOutcome[]> {
  const limiter = createLimiter(8);
  return Promise.all(
    written.map(({ change, result }) =>
      limiter.run(async (): Promise<UndoOutcome> => {
        const previous = previousState(change);
        try {
          const done = await writeIfUnchanged(client, change.resource, result, async (now) => {
            const { name, namespace, uid, resourceVersion } = now.metadata;
            if (previous) {
              await applyResource(client, withResourceVersion(previous, resourceVersion), {
                force: true,
              });
            } else {
              const ns = namespace ?? "default";
              await deleteResource(client, now.kind, ns, name, uid, resourceVersion);
            }
          });
          if (done.outcome === "changed") return { change, skipped: done.why };
          // Gone: what undoing a create wanted; an updated object someone else deleted stays so.
          if (done.outcome === "gone" && previous) return { change, skipped: "it was deleted" };
          return { change };
        } catch (error) {
          return { change, error };
        }
      }),
    ),
  );
}

export interface PruneOutcome {
  object: Live;
  /** Why it was left in place: someone changed it after it was read. */
  skipped?: string;
  error?: unknown;
}

/**
 * Deletes each object as it was read: read again first, an object another deploy changed since
 * (new generation, another config, re-created) is skipped, saying why; the delete's preconditions
 * (uid and the resourceVersion just read) make the server refuse it if anything wrote the object
 * in between, and it is read again and retried when that was only the controller's status.
 */
export async function pruneObjects(
  client: KubeClient,
  objects: readonly Live[],
  concurrency = 8,
): Promise<PruneOutcome[]> {
  const limiter = createLimiter(concurrency);
  return Promise.all(
    objects.map((object) =>
      limiter.run(async (): Promise<PruneOutcome> => {
        try {
          // Gone already (deleted by someone else meanwhile) is what prune wanted.
          const done = await writeIfUnchanged(client, object, object, (now) => {
            const { name, namespace, uid, resourceVersion } = now.metadata;
            const ns = namespace ?? "default";
            return deleteResource(client, now.kind, ns, name, uid, resourceVersion);
          });
          return done.outcome === "changed" ? { object, skipped: done.why } : { object };
        } catch (error) {
          return { object, error };
        }
      }),
    ),
  );
}

/**
 * A dry run of each prune's delete, so a deploy refuses before it writes anything when the server
 * would refuse a prune (the deployer may not delete, a webhook says no). It carries the uid read:
 * an object deleted or re-created since is no refusal, the prune itself finds it so.
 */
export async function dryRunPrune(
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
          await deleteResource(client, object.kind, namespace ?? "default", name, uid, undefined, {
            dryRun: true,
          });
          return { object };
        } catch (error) {
          return isNotFound(error) || isStale(error) ? { object } : { object, error };
        }
      }),
    ),
  );
}
