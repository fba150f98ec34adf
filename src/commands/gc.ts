// `cortex-deploy gc`: reclaim the S3 space of artifacts no cluster can still need. The order is
// what keeps it safe: list the prefix first (whatever is uploaded later is never a candidate),
// then read every reference in every cluster and every manifest they name (any failure: nothing
// is deleted, since gc cannot know what that reference needs), plan, and when deleting, read the
// references again before each phase; manifests go before blobs, so no manifest outlives its
// blobs. A last read afterwards says whether a deploy that ran meanwhile reused what was deleted.

import { setMaxListeners } from "node:events";
import { checkBucketName } from "../artifacts/bucket-name.ts";
import type {
  ArtifactRoot,
  GcPlan,
  GcTarget,
  ObjectSet,
  StoredObject,
} from "../artifacts/gc-plan.ts";
import { neededKeys, planGc, totalBytes } from "../artifacts/gc-plan.ts";
import {
  describeFailures,
  formatDeleted,
  formatMissing,
  formatPlan,
  formatSet,
  type GcHowTo,
  readAccessHint,
  setSize,
} from "../artifacts/gc-report.ts";
import {
  type DeleteFailure,
  deleteBatch,
  listPrefix,
  MAX_DELETE_BATCH,
  readManifests,
} from "../artifacts/gc-s3.ts";
import { createLimiter } from "../artifacts/limit.ts";
import type { ListContext } from "../artifacts/list.ts";
import { type Manifest, manifestKey, prefixRoot } from "../artifacts/manifest.ts";
import { formatBytes } from "../artifacts/progress.ts";
import { DEFAULT_RETRY, type RetryOptions } from "../artifacts/retry.ts";
import { createS3Client } from "../artifacts/s3-client.ts";
import { RootsUnreadableError, readArtifactRoots } from "../kube/artifact-roots.ts";
import { defaultKubeconfigSource, type KubeClient } from "../kube/client.ts";
import { DeployError } from "../kube/errors.ts";
import { plural } from "../text/plural.ts";
import { type ClusterAccess, failureMessage, type Reporter, withClient } from "./common.ts";
import { interrupted } from "./interrupt.ts";

export interface GcOptions {
  bucket: string;
  prefix: string;
  region?: string | undefined;
  endpoint?: string | undefined;
  forcePathStyle?: boolean | undefined;
  /** Every cluster that deploys from this bucket and prefix; empty: the default kubeconfig's. */
  clusters: readonly ClusterAccess[];
  /** Objects younger than this are kept, referenced or not. */
  minAgeSeconds: number;
  /** As the user wrote it, for messages ("7d"). */
  minAgeText: string;
  /** Delete; else only report. */
  delete: boolean;
  /** The command line that deletes, shown by a report-only run. */
  deleteCommand?: string | undefined;
  /** Words for deleting and for naming one more cluster where not the CLI's usual ones. */
  howTo?: Partial<GcHowTo> | undefined;
  log: Reporter;
  signal?: AbortSignal | undefined;
  /** Tuning and tests. */
  advanced?: {
    /** "Now" for the minimum age (ms since the epoch). */
    now?: number;
    retry?: Partial<RetryOptions>;
    /** Keys per DeleteObjects request (at most 1000). */
    batchSize?: number;
    progressIntervalMs?: number;
    /** Called between the plan and the first re-read (tests: a deploy that starts meanwhile). */
    afterPlan?: (plan: GcPlan) => Promise<void>;
    /** The most bytes read of a manifest (default MANIFEST_MAX_BYTES, as the downloader's). */
    manifestMaxBytes?: number;
  };
}

export interface GcResult {
  plan: GcPlan;
  /** What was deleted (empty without --delete). */
  deleted: ObjectSet;
  /** Candidates of the plan kept because a reference read again before deleting needs them. */
  keptOnReread: number;
  /** The clusters whose references were read, as the report names them. */
  clusters: string[];
  /** References into other buckets or prefixes, passed over. */
  others: number;
}

interface Cluster {
  client: KubeClient;
  name: string;
}

/** References and the manifests they name, as read so far (each read adds to them). */
interface Known {
  roots: ArtifactRoot[];
  manifests: Map<string, Manifest>;
  others: number;
}

const LIST_CONCURRENCY = 16;
/** DeleteObjects requests in flight: each deletes up to 1,000 keys, and S3 limits deletes/s. */
const DELETE_CONCURRENCY = 4;

export async function gc(opts: GcOptions): Promise<GcResult> {
  if (opts.bucket.trim() === "") throw new DeployError("the S3 bucket name is empty.");
  checkBucketName(opts.bucket, (odd) => opts.log.warn(`warning: ${odd}`));
  if (!(opts.minAgeSeconds >= 0)) throw new RangeError("the minimum age must be 0 or more seconds");
  const target: GcTarget = { bucket: opts.bucket, prefix: opts.prefix };
  const where = `s3://${opts.bucket}/${prefixRoot(opts.prefix)}`;
  const advanced = opts.advanced ?? {};
  const batchSize = Math.min(advanced.batchSize ?? MAX_DELETE_BATCH, MAX_DELETE_BATCH);
  const s3 = createS3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    maxSockets: LIST_CONCURRENCY + DELETE_CONCURRENCY,
  });
  // Every request in flight listens to the signal (the SDK adds one listener per send): not a
  // leak, so a signal of our own without the listener limit.
  const signal = opts.signal ? AbortSignal.any([opts.signal]) : undefined;
  if (signal) setMaxListeners(0, signal);
  const ctx: ListContext = {
    client: s3,
    bucket: opts.bucket,
    limiter: createLimiter(LIST_CONCURRENCY),
    retry: { ...DEFAULT_RETRY, ...advanced.retry },
    signal,
    hints: { AccessDenied: readAccessHint(opts.bucket, opts.prefix) },
  };
  const deleted: Deleted = { manifests: [], blobs: [], uncertain: 0 };
  try {
    return await withClients(opts.clusters, async (clients) => {
      const clusters = clients.map((client, i) => ({
        client,
        name: clusterName(client, opts.clusters[i]),
      }));
      // First the listing: an object uploaded after it is never a candidate.
      const objects = await listPrefix(ctx, opts.prefix);
      const maxBytes = advanced.manifestMaxBytes;
      let known = await readKnown(ctx, clusters, target, undefined, "deleted nothing", maxBytes);
      const plan = planGc({
        target,
        roots: known.roots,
        manifests: known.manifests,
        objects,
        now: advanced.now ?? Date.now(),
        minAgeMs: opts.minAgeSeconds * 1000,
      });
      for (const line of formatPlan(plan, {
        where,
        clusters: clusters.map((c) => c.name),
        others: known.others,
        minAge: opts.minAgeText,
        deleteCommand: opts.deleteCommand,
        howTo: opts.howTo,
        deleting: opts.delete,
      }))
        opts.log.info(line);
      for (const line of formatMissing(plan.missing, opts.bucket)) opts.log.warn(line);
      if (opts.minAgeSeconds < 3600)
        opts.log.warn(
          `warning: with a minimum age of ${opts.minAgeText}, what an upload or deploy running now ` +
            "has just uploaded can be deleted: use it only when none runs",
        );
      const result: GcResult = {
        plan,
        deleted: { manifests: deleted.manifests, blobs: deleted.blobs },
        keptOnReread: 0,
        clusters: clusters.map((c) => c.name),
        others: known.others,
      };
      if (!opts.delete || setSize(plan.delete) === 0) return result;
      await advanced.afterPlan?.(plan);

      // Each phase deletes only what a fresh read of the references still leaves deletable.
      const replan = async (soFar: string): Promise<GcPlan> => {
        known = await readKnown(ctx, clusters, target, known, soFar, maxBytes);
        return planGc({
          target,
          roots: known.roots,
          manifests: known.manifests,
          objects: [...plan.delete.manifests, ...plan.delete.blobs],
          now: advanced.now ?? Date.now(),
          minAgeMs: 0,
        });
      };
      const progress = throttled(advanced.progressIntervalMs ?? 5000);
      const phase = async (what: "manifests" | "blobs", soFar: string) => {
        const fresh = await replan(soFar);
        const keep = plan.delete[what].length - fresh.delete[what].length;
        if (keep > 0) {
          result.keptOnReread += keep;
          opts.log.info(
            `gc: kept ${plural(keep, what.slice(0, -1))} that a deploy started using meanwhile`,
          );
        }
        const total = fresh.delete[what];
        const stopped = () =>
          `gc: deleted ${formatSet(deleted)} before stopping` +
          (what === "manifests" ? "; no blob, so every manifest left still has its blobs" : "");
        let failures: DeleteFailure[];
        try {
          const done = { deleted: deleted[what], all: deleted };
          failures = await deleteAll(ctx, opts.prefix, total, batchSize, done, () => {
            if (progress())
              opts.log.info(
                `gc: deleted ${deleted[what].length}/${total.length} ${what} (${formatBytes(totalBytes(deleted[what]))} of ${formatBytes(totalBytes(total))})`,
              );
          });
        } catch (err) {
          if (signal?.aborted) throw err;
          throw new DeployError(`${failureMessage(err)}\n${stopped()}`);
        }
        if (failures.length > 0)
          throw new DeployError(
            `${describeFailures(failures, opts.bucket, opts.prefix)}\n${stopped()}`,
          );
      };
      await phase("manifests", "deleted nothing");
      await phase("blobs", `deleted ${plural(deleted.manifests.length, "manifest")} and no blob`);
      opts.log.info(formatDeleted(deleted, plan, opts.minAgeText));
      await checkAfter(ctx, clusters, target, known, deleted, opts.log, maxBytes);
      return result;
    });
  } catch (err) {
    const uncertain =
      deleted.uncertain > 0
        ? `; ${plural(deleted.uncertain, "more object")}, in requests that failed as it stopped, may be gone too`
        : "";
    const stopped = interrupted(
      opts.signal,
      setSize(deleted) === 0 && deleted.uncertain === 0
        ? "nothing was deleted"
        : `deleted ${formatSet(deleted)} before stopping${uncertain}; the rest is still in S3 and a re-run deletes it`,
    );
    throw stopped ?? err;
  } finally {
    s3.destroy();
  }
}

/** Opens a client per cluster (the default kubeconfig's when none is given), closing them after. */
function withClients<T>(
  clusters: readonly ClusterAccess[],
  fn: (clients: KubeClient[]) => Promise<T>,
): Promise<T> {
  const open = (rest: readonly ClusterAccess[], clients: KubeClient[]): Promise<T> => {
    const [first, ...others] = rest;
    if (first === undefined) return fn(clients);
    return withClient(first, (client) => open(others, [...clients, client]));
  };
  return open(clusters.length === 0 ? [{}] : clusters, []);
}

/**
 * "cluster URL (--kubeconfig f)"; with a context, "(context prod of --kubeconfig f)": contexts of
 * one kubeconfig often share a server, so only the context tells them apart.
 */
function clusterName(client: KubeClient, access: ClusterAccess | undefined): string {
  const source =
    access?.context === undefined
      ? access?.kubeconfigSource
      : `context ${access.context} of ${access.kubeconfigSource ?? defaultKubeconfigSource()}`;
  return `cluster ${client.server}${source ? ` (${source})` : ""}`;
}

/** Every cluster's references, and why any cluster or reference cannot be judged. */
async function readRefs(
  clusters: readonly Cluster[],
  target: GcTarget,
  signal: AbortSignal | undefined,
): Promise<{ roots: ArtifactRoot[]; others: number; problems: string[] }> {
  const settled = await Promise.allSettled(
    clusters.map((c) => readArtifactRoots(c.client, c.name, target, signal)),
  );
  const out = { roots: [] as ArtifactRoot[], others: 0, problems: [] as string[] };
  for (const s of settled) {
    if (s.status === "rejected") {
      if (!(s.reason instanceof RootsUnreadableError)) throw s.reason;
      // One line per list the cluster refused.
      out.problems.push(...s.reason.message.split("\n"));
      continue;
    }
    out.roots.push(...s.value.roots);
    out.problems.push(...s.value.problems);
    out.others += s.value.others;
  }
  return out;
}

/**
 * Reads every cluster's references and the manifests they name, adding to `known` (a reference
 * read once stays a reference). Throws a DeployError naming every cluster or reference gc cannot
 * judge; `soFar` says what was deleted. Reads at most `maxBytes` of a manifest (else the default).
 */
async function readKnown(
  ctx: ListContext,
  clusters: readonly Cluster[],
  target: GcTarget,
  known: Known | undefined,
  soFar: string,
  maxBytes: number | undefined,
): Promise<Known> {
  const refs = await readRefs(clusters, target, ctx.signal);
  const roots = [...(known?.roots ?? []), ...refs.roots];
  const read = await readManifests(ctx, target.prefix, roots, known?.manifests, maxBytes);
  const problems = [...refs.problems, ...read.problems];
  if (problems.length > 0) {
    throw new DeployError(
      `gc ${soFar}: it cannot tell what these need, so it cannot tell what is safe to delete:\n` +
        problems.map((p) => `  ${p}`).join("\n") +
        "\nGive gc list access to RealtimeAPIs, ControllerRevisions, Deployments and ReplicaSets " +
        "in every namespace, and fix or delete what names a missing manifest (a deploy of that " +
        "API uploads it again), then run gc again.",
    );
  }
  return { roots, manifests: read.manifests, others: refs.others };
}

/** What a deleting run has done so far. */
interface Deleted extends ObjectSet {
  /** Objects of requests that failed as Ctrl-C stopped them: S3 may or may not have deleted them. */
  uncertain: number;
}

/**
 * Deletes in batches, a few at once; stops starting batches after a failure or Ctrl-C. A batch
 * under way when Ctrl-C comes runs to its end, so what it deleted is known.
 */
async function deleteAll(
  ctx: ListContext,
  prefix: string,
  objects: readonly StoredObject[],
  batchSize: number,
  done: { deleted: StoredObject[]; all: Deleted },
  onBatch: () => void,
): Promise<DeleteFailure[]> {
  const limiter = createLimiter(DELETE_CONCURRENCY);
  const batches: StoredObject[][] = [];
  for (let i = 0; i < objects.length; i += batchSize) batches.push(objects.slice(i, i + batchSize));
  const failures: DeleteFailure[] = [];
  let stop = false;
  const settled = await Promise.allSettled(
    batches.map((batch) =>
      limiter.run(async () => {
        if (stop || ctx.signal?.aborted) return;
        try {
          const failed = await deleteBatch(
            ctx,
            prefix,
            batch.map((o) => o.key),
          );
          const refused = new Set(failed.map((f) => f.key));
          for (const o of batch) if (!refused.has(o.key)) done.deleted.push(o);
          failures.push(...failed);
          if (failed.length > 0) stop = true;
          onBatch();
        } catch (err) {
          stop = true;
          if (ctx.signal?.aborted) done.all.uncertain += batch.length;
          throw err;
        }
      }),
    ),
  );
  ctx.signal?.throwIfAborted();
  const error = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (error) throw error.reason;
  return failures;
}

/**
 * After deleting: did a deploy that ran meanwhile start using what was deleted? The uploader skips
 * blobs and manifests that exist, so a deploy that checked before the delete and applied after
 * names objects that are gone. Says which and how to repair; warns when it cannot tell.
 */
async function checkAfter(
  ctx: ListContext,
  clusters: readonly Cluster[],
  target: GcTarget,
  known: Known,
  deleted: ObjectSet,
  log: Reporter,
  maxBytes: number | undefined,
): Promise<void> {
  const refs = await readRefs(clusters, target, ctx.signal);
  const read = await readManifests(ctx, target.prefix, refs.roots, known.manifests, maxBytes);
  const needed = neededKeys(
    target,
    refs.roots.filter((r) => read.manifests.has(r.manifest)),
    read.manifests,
  );
  // A manifest that cannot be read now was needed too: gc may have deleted it.
  for (const r of refs.roots)
    if (!read.manifests.has(r.manifest))
      needed.set(manifestKey(target.prefix, r.manifest), [r.source]);
  const lost = [...deleted.manifests, ...deleted.blobs].filter((o) => needed.has(o.key));
  for (const p of [...refs.problems, ...read.problems])
    log.warn(`warning: after deleting, gc cannot judge a reference: ${p}`);
  if (lost.length === 0) return;
  const users = [...new Set(lost.flatMap((o) => needed.get(o.key) ?? []))];
  throw new DeployError(
    `a deploy that ran during gc uses ${lost.length} of the objects gc deleted ` +
      `(e.g. s3://${target.bucket}/${lost[0]?.key}); deploy these again to upload them: ` +
      users.join("; "),
  );
}

/** True at most once per interval. */
function throttled(intervalMs: number): () => boolean {
  let last = Date.now();
  return () => {
    const now = Date.now();
    if (now - last < intervalMs) return false;
    last = now;
    return true;
  };
}
