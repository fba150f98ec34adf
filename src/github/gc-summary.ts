// What `command: gc` shows in the job summary and sets as outputs (pure). The sets are worded by
// the CLI's report (formatSet, unusedWarning), so the summary and the log never disagree.

import type { ObjectSet } from "../artifacts/gc-plan.ts";
import { totalBytes } from "../artifacts/gc-plan.ts";
import { formatSet, type GcHowTo, setSize, unusedWarning } from "../artifacts/gc-report.ts";
import type { GcResult } from "../commands/gc.ts";
import { cell, codeSpan } from "../text/markdown.ts";
import { plural } from "../text/plural.ts";

export const GC_OUTPUT_NAMES = [
  "gc-deletable-objects",
  "gc-deletable-bytes",
  "gc-deleted-objects",
  "gc-deleted-bytes",
] as const;

export type GcOutputs = Record<(typeof GC_OUTPUT_NAMES)[number], string>;

const bytes = (set: ObjectSet): string => String(totalBytes(set.manifests) + totalBytes(set.blobs));

/**
 * deletable: what the plan found unused and old enough, in a dry run and a deleting run alike;
 * deleted: what this run deleted ("0" in a dry run). All empty when gc failed: the failure
 * message says what, if anything, it deleted before it stopped.
 */
export function gcOutputs(result: GcResult | undefined): GcOutputs {
  if (result === undefined)
    return Object.fromEntries(GC_OUTPUT_NAMES.map((n) => [n, ""])) as GcOutputs;
  return {
    "gc-deletable-objects": String(setSize(result.plan.delete)),
    "gc-deletable-bytes": bytes(result.plan.delete),
    "gc-deleted-objects": String(setSize(result.deleted)),
    "gc-deleted-bytes": bytes(result.deleted),
  };
}

export interface GcSummaryContext {
  /** `s3://bucket/prefix/` */
  where: string;
  /** As the input gave it: "7d". */
  minAge: string;
  dryRun: boolean;
  howTo: GcHowTo;
}

/** The job summary's paragraphs of a gc that ran to its end (Markdown). */
export function gcSummary(result: GcResult, ctx: GcSummaryContext): string[] {
  const { plan } = result;
  const rows: [string, string][] = [
    ctx.dryRun ? ["would delete", formatSet(plan.delete)] : ["deleted", formatSet(result.deleted)],
  ];
  if (result.keptOnReread > 0)
    rows.push([
      "kept, a deploy started using them during gc",
      plural(result.keptOnReread, "object"),
    ]);
  rows.push(
    ["kept, in use", formatSet(plan.referenced)],
    [`kept, younger than ${ctx.minAge}`, formatSet(plan.young)],
  );
  if (plan.foreign > 0)
    rows.push(["never touched (not of gc's key shapes)", plural(plan.foreign, "object")]);
  const others =
    result.others > 0
      ? ` (and ${plural(result.others, "reference")} to other buckets or prefixes)`
      : "";
  const out = [
    `${codeSpan(ctx.where)}: ${plural(plan.roots, "reference")} to it${others} in ` +
      `${plural(result.clusters.length, "cluster")}, minimum age ${codeSpan(ctx.minAge)}.`,
    [
      "| | manifests and blobs |",
      "|---|---|",
      ...rows.map(([k, v]) => `| ${cell(k)} | ${v} |`),
    ].join("\n"),
    ["Clusters read:", ...result.clusters.map((c) => `- ${cell(c)}`)].join("\n"),
  ];
  const unused = unusedWarning(plan, ctx);
  if (unused) out.push(`**Warning:** ${cell(unused)}`);
  if (plan.missing.size > 0)
    out.push(
      `**Warning:** ${plural(plan.missing.size, "key")} that references need ` +
        `${plan.missing.size === 1 ? "is" : "are"} missing from S3: those APIs' next pods fail ` +
        "to download until a deploy uploads the files again (the log names them).",
    );
  if (ctx.dryRun)
    out.push(
      setSize(plan.delete) === 0
        ? "Dry run: nothing to delete."
        : `Dry run: nothing was deleted; to delete these, ${ctx.howTo.delete}.`,
    );
  return out;
}
