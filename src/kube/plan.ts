// `plan`: what a deploy would do, object by object, checked by the API server with a dry-run
// apply of every object, shown as a field-level diff of the live object against the dry-run
// result. computePlan does the I/O; building and printing the plan are pure.

import { cell, codeCell, codeSpan, escapeHtml, fencedBlock, inlineText } from "../text/markdown.ts";
import { applyChanges, readLive } from "./apply.ts";
import {
  type ChangeSet,
  computeChanges,
  describeTakeover,
  keyOf,
  kindClashesByKey,
  prunedButRouted,
  routesOf,
  TAKEOVER_REFUSED,
} from "./changes.ts";
import type { KubeClient } from "./client.ts";
import { diffJson, type FieldChange, formatChange } from "./diff.ts";
import { describeKubeError } from "./errors.ts";
import { namespaceState } from "./namespace.ts";
import type { Live } from "./objects.ts";
import { refOf } from "./render.ts";
import { ANNOTATIONS, type ApiResource } from "./resource.ts";

export type PlanAction = "create" | "update" | "unchanged" | "prune" | "keep" | "error";

export interface PlanItem {
  ref: string;
  action: PlanAction;
  changes: FieldChange[];
  note?: string;
  error?: string;
}

/**
 * Whether an API's artifacts would be uploaded: S3 has its manifest, or not, or could not be asked
 * (no credentials, no answer), or refused (deploy would fail as well).
 */
export interface ArtifactPlan {
  api: string;
  manifest: string;
  state: "present" | "upload" | "unchecked" | "refused";
  /** Why unchecked or refused. */
  note?: string;
  /** S3's name for a refusal, e.g. NoSuchBucket, AccessDenied. */
  code?: string;
}

export interface Plan {
  namespace: string;
  namespaceMissing: boolean;
  items: PlanItem[];
  /** One per API with artifacts (filled by the plan command, which knows S3). */
  artifacts: ArtifactPlan[];
  /**
   * Problems that stop a deploy and belong to no one item (a prune a TrafficSplitter still
   * needs, a splitter's missing target); an item deploy refuses has action "error" instead.
   */
  errors: string[];
}

/**
 * What a deploy compares: the spec, labels and annotations. The spec hash is noise, and so is
 * spec.retry, a counter of ours (changes.ts, retried): the item's note says when the same spec is
 * rolled out again, and a changed spec simply starts without one.
 */
function comparable(o: ApiResource | Live | undefined): unknown {
  if (o === undefined) return undefined;
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[ANNOTATIONS.specHash];
  const { retry: _retry, ...spec } = o.spec as { retry?: number };
  return { metadata: { labels: o.metadata.labels ?? {}, annotations }, spec };
}

export interface DryRunResult {
  resource: ApiResource;
  result?: Live;
  error?: string;
}

/**
 * Why deploy refuses each object whose name an object of another cortex.yaml (or tool) holds, by
 * key. plan has no --force-conflicts: it shows what deploy does without it.
 */
function takeoverRefusals(set: ChangeSet): Map<string, string> {
  return new Map(
    set.takeovers.map((t) => [keyOf(t.resource), `${describeTakeover(t)}\n${TAKEOVER_REFUSED}`]),
  );
}

/**
 * The plan, from the change set and each object's dry-run result (pure). `clashes` are the objects
 * deploy refuses because a live object of the other kind holds their name (kindClashesByKey).
 */
export function buildPlan(
  namespace: string,
  namespaceMissing: boolean,
  set: ChangeSet,
  dryRuns: readonly DryRunResult[],
  prune: boolean,
  clashes: ReadonlyMap<string, string> = new Map(),
): Plan {
  const byRef = new Map(dryRuns.map((d) => [refOf(d.resource), d]));
  const refused = takeoverRefusals(set);
  const items: PlanItem[] = set.changes.map((change) => {
    const ref = refOf(change.resource);
    const dry = byRef.get(ref);
    // Refused like a rejected field, with no diff: deploy would write none of it.
    const key = keyOf(change.resource);
    const why = [refused.get(key), clashes.get(key), dry?.error].filter((e) => e !== undefined);
    if (why.length > 0) return { ref, action: "error", changes: [], error: why.join("\n") };
    if (change.action === "create") return { ref, action: "create", changes: [] };
    if (change.action === "unchanged") return { ref, action: "unchanged", changes: [] };
    const after = dry?.result ?? change.resource;
    const item: PlanItem = {
      ref,
      action: "update",
      changes: diffJson(comparable(change.live), comparable(after)),
    };
    if (change.note) item.note = change.note;
    return item;
  });
  for (const live of set.prune) {
    items.push({ ref: refOf(live), action: prune ? "prune" : "keep", changes: [] });
  }
  return {
    namespace,
    namespaceMissing,
    items,
    artifacts: [],
    errors: [],
  };
}

/** Whether a deploy would write anything. */
export function planHasChanges(plan: Plan): boolean {
  return (
    plan.namespaceMissing ||
    plan.items.some((i) => i.action === "create" || i.action === "update" || i.action === "prune")
  );
}

export function planFailed(plan: Plan): boolean {
  return (
    plan.errors.length > 0 ||
    plan.items.some((i) => i.action === "error") ||
    plan.artifacts.some((a) => a.state === "refused")
  );
}

const LABEL: Record<PlanAction, string> = {
  create: "will be created",
  update: "will be updated",
  unchanged: "up to date",
  prune: "will be deleted (no longer in cortex.yaml)",
  keep: "no longer in cortex.yaml, kept (prune is off)",
  error: "rejected",
};

const MARK: Record<PlanAction, string> = {
  create: "+",
  update: "~",
  unchanged: "=",
  prune: "-",
  keep: "!",
  error: "x",
};

export function planCounts(plan: Plan): Record<PlanAction, number> {
  const counts: Record<PlanAction, number> = {
    create: 0,
    update: 0,
    unchanged: 0,
    prune: 0,
    keep: 0,
    error: 0,
  };
  for (const i of plan.items) counts[i.action]++;
  return counts;
}

export function summaryLine(plan: Plan): string {
  const c = planCounts(plan);
  const parts = [
    `${c.create} to create`,
    `${c.update} to update`,
    `${c.prune} to delete`,
    `${c.unchanged} unchanged`,
  ];
  if (c.keep > 0) parts.push(`${c.keep} kept (no prune)`);
  if (c.error > 0) parts.push(`${c.error} rejected`);
  const created = plan.namespaceMissing ? " (to be created)" : "";
  return `plan for namespace ${plan.namespace}${created}: ${parts.join(", ")}${s3Refusals(plan)}`;
}

/** "; deploy would fail: S3 answered AccessDenied for the artifacts of a, b", or "" (pure). */
function s3Refusals(plan: Plan): string {
  const byCode = new Map<string, string[]>();
  for (const a of plan.artifacts) {
    if (a.state !== "refused") continue;
    const code = a.code ?? "an error";
    byCode.set(code, [...(byCode.get(code) ?? []), a.api]);
  }
  if (byCode.size === 0) return "";
  const said = [...byCode].map(([code, apis]) => `${code} for the artifacts of ${apis.join(", ")}`);
  return `; deploy would fail: S3 answered ${said.join(", and ")}`;
}

const ARTIFACT_MARK: Record<ArtifactPlan["state"], string> = {
  present: "=",
  upload: "+",
  unchecked: "!",
  refused: "x",
};

/** "artifacts of iris (sha256:0123456789ab): already in S3" (pure). */
function artifactLine(a: ArtifactPlan): string {
  const what = {
    present: "already in S3",
    upload: "will be uploaded (only the files S3 does not have)",
    unchecked: `not checked in S3: ${a.note ?? "no answer"}`,
    refused: `deploy would fail: ${a.note ?? "S3 refused"}`,
  }[a.state];
  return `artifacts of ${a.api} (sha256:${a.manifest.slice(0, 12)}): ${what}`;
}

/** The plan for a terminal. */
export function formatPlanText(plan: Plan): string[] {
  const lines: string[] = [];
  if (plan.namespaceMissing) lines.push(`+ namespace/${plan.namespace}: will be created`);
  for (const item of plan.items) {
    const note = item.note ? ` (${item.note})` : "";
    lines.push(`${MARK[item.action]} ${item.ref}: ${LABEL[item.action]}${note}`);
    for (const c of item.changes) lines.push(`    ${formatChange(c)}`);
    if (item.error) lines.push(...item.error.split("\n").map((l) => `    ${l}`));
  }
  for (const a of plan.artifacts) lines.push(`${ARTIFACT_MARK[a.state]} ${artifactLine(a)}`);
  for (const e of plan.errors) lines.push(`x ${e}`);
  lines.push(summaryLine(plan));
  return lines;
}

/** The plan for a GitHub job summary. */
export function formatPlanMarkdown(plan: Plan): string {
  const out = [
    `### cortex-deploy plan: namespace ${codeSpan(plan.namespace)}`,
    "",
    summaryLine(plan),
    "",
  ];
  const rows = plan.items.map(
    (i) => `| ${codeCell(i.ref)} | ${LABEL[i.action]}${i.note ? ` (${cell(i.note)})` : ""} |`,
  );
  if (plan.namespaceMissing)
    rows.unshift(`| ${codeCell(`namespace/${plan.namespace}`)} | will be created |`);
  rows.push(...plan.artifacts.map((a) => `| ${cell(artifactLine(a)).replace(": ", " | ")} |`));
  out.push("| object | change |", "| --- | --- |", ...rows, "");
  const details = plan.items.filter((i) => i.changes.length > 0 || i.error);
  for (const i of details) {
    out.push(`<details><summary><code>${escapeHtml(i.ref)}</code></summary>`, "");
    const body = [...i.changes.map(formatChange), ...(i.error ? i.error.split("\n") : [])];
    out.push(fencedBlock(body.join("\n"), "diff"), "</details>", "");
  }
  for (const e of plan.errors) out.push(`- :x: ${inlineText(e)}`);
  return out.join("\n");
}

export interface PlanOptions {
  namespace: string;
  rendered: readonly ApiResource[];
  configId: string;
  prune: boolean;
  concurrency?: number;
  /** Locates a rejected field in cortex.yaml, for error messages. */
  locate?: (resource: ApiResource, field: string) => string | undefined;
}

export async function computePlan(client: KubeClient, opts: PlanOptions): Promise<Plan> {
  const ns = await namespaceState(client, opts.namespace);
  const missing = ns === "missing";
  const live = missing ? [] : await readLive(client, opts.namespace);
  const set = computeChanges(opts.rendered, live, opts.configId);
  // A namespace that does not exist yet cannot take a dry run; the server still validates the
  // objects in `default` (forced, so a namesake there cannot conflict). Nothing is written.
  const changes = missing
    ? set.changes.map((c) => ({
        ...c,
        resource: { ...c.resource, metadata: { ...c.resource.metadata, namespace: "default" } },
      }))
    : set.changes;
  const outcomes = await applyChanges(client, changes, {
    dryRun: true,
    force: missing,
    concurrency: opts.concurrency,
    // Nothing is written, so nothing can be overwritten; and a namesake in `default` must not
    // refuse the dry run.
    preconditions: false,
  });
  const dryRuns: DryRunResult[] = outcomes.map((o, i) => {
    const resource = set.changes[i]?.resource ?? o.change.resource;
    if (o.error === undefined) return { resource, result: o.result };
    const error = describeKubeError(o.error, undefined, (field) => opts.locate?.(resource, field));
    return { resource, error };
  });
  const clashes = kindClashesByKey(opts.rendered, live, opts.prune ? set.prune : []);
  const plan = buildPlan(opts.namespace, missing, set, dryRuns, opts.prune, clashes);
  if (opts.prune) {
    const own = opts.rendered.flatMap((r) =>
      r.kind === "TrafficSplitter" ? [routesOf(r.metadata.name, r.spec.apis)] : [],
    );
    plan.errors.push(...prunedButRouted(set.prune, own, opts.rendered, live));
  }
  return plan;
}
