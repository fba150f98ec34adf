// Writes made by others between a read and a write (another deploy of the same or another
// cortex.yaml, a rollback, kubectl): how to tell them from the controller's status updates, and
// how to say who made them (pure). Every config applies with one field manager, so the server
// reports no conflict between two deploys: the checks here are what keeps one from silently
// overwriting the other.
import { isApiError } from "./client.ts";
import { fieldConflicts } from "./errors.ts";
import type { Live } from "./objects.ts";
import { ANNOTATIONS, LABELS } from "./resource.ts";
import { readRollbackMark } from "./rollback-mark.ts";

/**
 * The resourceVersion a create is applied with, as a precondition that no existing object meets:
 * the server ignores it when it creates the object, and refuses the apply (409) when an object of
 * that name exists. Resource versions are etcd revisions, which never come near 2^63 - 1.
 */
export const ABSENT_RESOURCE_VERSION = "9223372036854775807";

/** How many times a write is retried when only the object's status changed under it. */
export const STALE_ATTEMPTS = 5;

/**
 * A 409 for a resourceVersion (or uid) precondition the object no longer meets: someone wrote it
 * since it was read. A server-side apply's field conflict is a 409 too, but not this one.
 */
export function isStale(err: unknown): boolean {
  return isApiError(err, 409) && fieldConflicts(err.body).length === 0;
}

/** A write refused because someone else changed the object since this command read it. */
export class ConcurrentChange extends Error {
  override readonly name = "ConcurrentChange";
}

type Meta = Pick<Live["metadata"], "labels" | "annotations">;

/**
 * Who deployed an object last, from what cortex-deploy records on it: "commit 8074dc492813 of
 * x/cortex.yaml by alice, https://github.com/acme/ml/actions/runs/7"; after a rollback, "the
 * rollback to revision 3 (commit 8074dc492813 of x/cortex.yaml) by bob, <its run>", since the
 * commit, actor and run annotations are then the re-applied revision's.
 */
export function deployedBy(meta: Meta): string {
  const a = meta.annotations ?? {};
  const commit = a[ANNOTATIONS.commit];
  const config = a[ANNOTATIONS.configPath] ?? meta.labels?.[LABELS.config];
  const what = [commit ? `commit ${commit.slice(0, 12)}` : "a deploy", config && `of ${config}`]
    .filter(Boolean)
    .join(" ");
  const mark = readRollbackMark(a);
  const [actor, runUrl] = mark
    ? [mark.actor, mark.runUrl]
    : [a[ANNOTATIONS.actor], a[ANNOTATIONS.runUrl]];
  const head = mark ? `the rollback to revision ${mark.revision} (${what})` : what;
  return `${head}${actor ? ` by ${actor}` : ""}${runUrl ? `, ${runUrl}` : ""}`;
}

/**
 * Why `now` is not the object that was read as `then`, or undefined when only its status (and so
 * its resourceVersion) changed: the controller writes status all the time, and that is no reason
 * to refuse. Deleted, deleted and created again, taken by another cortex.yaml, or a new spec
 * (generation) are.
 */
export function changedSince(then: Live, now: Live | undefined): string | undefined {
  if (now === undefined) return "it was deleted";
  const by = deployedBy(now.metadata);
  if (now.metadata.uid !== then.metadata.uid) return `it was deleted and created again (${by})`;
  const [was, is] = [then, now].map((o) => o.metadata.labels?.[LABELS.config]);
  if (was !== is) return `another cortex.yaml deployed it (${by})`;
  const [before, after] = [then.metadata.generation, now.metadata.generation];
  if (before !== after) return `its spec changed to generation ${after} (was ${before}), by ${by}`;
  return undefined;
}
