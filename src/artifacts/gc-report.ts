// What gc tells people: the plan (what would go, what stays and why, a few example keys, the
// command that deletes), the keys references need that S3 lacks, and what a deleting run did
// (pure).

import { plural } from "../text/plural.ts";
import type { GcPlan, ObjectSet, StoredObject } from "./gc-plan.ts";
import { totalBytes } from "./gc-plan.ts";
import { prefixRoot } from "./manifest.ts";
import { formatBytes } from "./progress.ts";

export const EXAMPLE_KEYS = 20;

/** "realtimeapi/iris in namespace ml (…)", or with "and 2 more" when others use it too. */
export function users(sources: readonly string[]): string {
  return sources.length > 1 ? `${sources[0]} and ${sources.length - 1} more` : `${sources[0]}`;
}

/** "2 manifests (1.2 kB), 7 blobs (340.0 MB)" */
export function formatSet(set: ObjectSet): string {
  return (
    `${plural(set.manifests.length, "manifest")} (${formatBytes(totalBytes(set.manifests))}), ` +
    `${plural(set.blobs.length, "blob")} (${formatBytes(totalBytes(set.blobs))})`
  );
}

export function setSize(set: ObjectSet): number {
  return set.manifests.length + set.blobs.length;
}

function example(o: StoredObject): string {
  const date = o.lastModified ? o.lastModified.toISOString().slice(0, 16).replace("T", " ") : "?";
  return `  ${o.key}  ${formatBytes(o.size)}  ${date}`;
}

export interface PlanReportContext {
  /** `s3://bucket/prefix/` */
  where: string;
  /** The clusters whose references were read. */
  clusters: readonly string[];
  /** References into other buckets or prefixes, passed over. */
  others: number;
  /** As the user wrote it: "7d". */
  minAge: string;
  /** The command line that deletes, for a report-only run. */
  deleteCommand?: string | undefined;
  /** How to delete and how to name one more cluster, where not the CLI's defaults. */
  howTo?: Partial<GcHowTo> | undefined;
  deleting: boolean;
}

export interface GcHowTo {
  /** Ends "nothing was deleted; to delete these, …": "set dry-run: false". */
  delete: string;
  /** Ends "If another cluster deploys from it, …": "add its kubeconfig to gc-kubeconfigs". */
  addCluster: string;
}

/** The plan, for a report-only run and before a deleting one. */
export function formatPlan(plan: GcPlan, ctx: PlanReportContext): string[] {
  const lines = [
    `gc: ${ctx.where}: ${plural(plan.roots, "reference")} to it in ${plural(ctx.clusters.length, "cluster")}` +
      (ctx.others > 0 ? ` (${plural(ctx.others, "reference")} to other buckets or prefixes)` : ""),
    ...ctx.clusters.map((c) => `  ${c}`),
    `${ctx.deleting ? "to delete" : "would delete"}: ${formatSet(plan.delete)}`,
    `kept, in use: ${formatSet(plan.referenced)}`,
    `kept, younger than ${ctx.minAge}: ${formatSet(plan.young)}`,
  ];
  if (plan.foreign > 0)
    lines.push(`not gc's (other key shapes), never touched: ${plural(plan.foreign, "object")}`);
  const unused = unusedWarning(plan, ctx);
  if (unused) lines.push(`warning: ${unused}`);
  const candidates = [...plan.delete.manifests, ...plan.delete.blobs];
  if (candidates.length > 0 && !ctx.deleting) {
    lines.push("for example:", ...candidates.slice(0, EXAMPLE_KEYS).map(example));
    if (candidates.length > EXAMPLE_KEYS)
      lines.push(`  … and ${candidates.length - EXAMPLE_KEYS} more`);
  }
  if (candidates.length === 0) lines.push("nothing to delete");
  else if (!ctx.deleting) {
    lines.push(
      `nothing was deleted; to delete these, ${ctx.howTo?.delete ?? `run:\n  ${ctx.deleteCommand ?? "cortex-deploy gc … --delete"}`}`,
    );
  }
  return lines;
}

/** When no reference in the clusters read points into the prefix, yet it holds deletable objects. */
export function unusedWarning(
  plan: GcPlan,
  ctx: Pick<PlanReportContext, "where" | "minAge" | "howTo">,
): string | undefined {
  if (plan.roots > 0 || setSize(plan.delete) === 0) return undefined;
  return (
    `nothing in these clusters uses ${ctx.where}, so everything in it older than ${ctx.minAge} ` +
    `goes. If another cluster deploys from it, ${ctx.howTo?.addCluster ?? "give its --kubeconfig too"}.`
  );
}

/** Keys references need that S3 does not have: those APIs' next pods fail to download. */
export function formatMissing(
  missing: ReadonlyMap<string, readonly string[]>,
  bucket: string,
): string[] {
  const lines: string[] = [];
  for (const [key, sources] of [...missing].slice(0, 10)) {
    lines.push(
      `warning: s3://${bucket}/${key} is missing but needed by ${users(sources)}: a new pod of ` +
        "it fails in its downloader until a deploy uploads the file again",
    );
  }
  if (missing.size > 10) lines.push(`warning: … and ${missing.size - 10} more keys missing`);
  return lines;
}

/** The closing line of a deleting run. */
export function formatDeleted(deleted: ObjectSet, plan: GcPlan, minAge: string): string {
  return (
    `gc: deleted ${formatSet(deleted)}; kept ${formatSet(plan.referenced)} in use and ` +
    `${formatSet(plan.young)} younger than ${minAge}`
  );
}

/** What to grant when S3 refuses a delete. */
export function deleteAccessHint(bucket: string, prefix: string): string {
  const resource = `${bucket}/${prefixRoot(prefix)}*`;
  return `the credentials need s3:DeleteObject on ${resource} (arn:aws:s3:::${resource})`;
}

/** What to grant when S3 refuses gc a listing or a read. */
export function readAccessHint(bucket: string, prefix: string): string {
  const resource = `${bucket}/${prefixRoot(prefix)}*`;
  return (
    `gc's credentials need s3:ListBucket on the bucket ${bucket}, and s3:GetObject and ` +
    `s3:DeleteObject on ${resource} (arn:aws:s3:::${resource})`
  );
}

/** A key DeleteObjects refused (S3 answers per key). */
export interface DeleteFailure {
  key: string;
  code: string;
  message: string;
}

/** Per-key refusals grouped by code, with what to grant for AccessDenied. */
export function describeFailures(
  failures: readonly DeleteFailure[],
  bucket: string,
  prefix: string,
): string {
  const byCode = new Map<string, DeleteFailure[]>();
  for (const f of failures) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
  return [...byCode]
    .map(([code, list]) => {
      const hint = code === "AccessDenied" ? ` (${deleteAccessHint(bucket, prefix)})` : "";
      const examples = list
        .slice(0, 3)
        .map((f) => `s3://${bucket}/${f.key}`)
        .join(", ");
      const more = list.length > 3 ? ` and ${list.length - 3} more` : "";
      return `S3 refused to delete ${plural(list.length, "object")}: ${code}: ${list[0]?.message ?? ""}${hint}; e.g. ${examples}${more}`;
    })
    .join("\n");
}
