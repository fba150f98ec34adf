// An API's revision history, from the ControllerRevisions the controller writes (one per distinct
// spec; re-applying an old spec gives it the newest number, as Deployments do): reading them,
// picking the one `rollback --to` means, and the `history` table. Only listRevisions does I/O.
import { alignColumns } from "../text/columns.ts";
import type { KubeClient } from "./client.ts";
import { age } from "./pod-diagnostics.ts";
import { ANNOTATIONS, LABELS, MANAGED_BY, type RealtimeApiSpec } from "./resource.ts";
import { describeRollback, type RollbackMark, readRollbackMark } from "./rollback-mark.ts";

export interface ControllerRevisionLike {
  metadata: {
    name: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { uid: string }[];
  };
  revision: number;
  data?: {
    spec?: RealtimeApiSpec;
    annotations?: { commit?: string; ref?: string; runUrl?: string; actor?: string };
  };
}

export interface RevisionInfo {
  name: string;
  number: number;
  created: string | undefined;
  /**
   * When this spec was last rolled out: a rollback or re-deploy of an old spec gives it the
   * newest number, and this time, while `created` stays its first.
   */
  deployed: string | undefined;
  /**
   * The commit of this spec's latest rollout (a re-deploy from a newer commit, or a rollback's,
   * which keeps the code's commit); `ref`, `runUrl` and `actor` are that rollout's too.
   */
  commit: string | undefined;
  /** The commit that first deployed this spec (when it was `created`). */
  firstCommit: string | undefined;
  /** Every commit known to have deployed it (the first, and the latest re-apply). */
  commits: string[];
  ref: string | undefined;
  runUrl: string | undefined;
  actor: string | undefined;
  /** The artifacts manifest hash, when the API has artifacts. */
  manifest: string | undefined;
  /** Ready, Failed, RolledBack or Progressing, as the controller recorded it. */
  result: string | undefined;
  resultMessage: string | undefined;
  /** Set when this spec's latest rollout was a rollback's re-apply: to which number, by whom. */
  rollback: RollbackMark | undefined;
  spec: RealtimeApiSpec;
}

/** undefined for a ControllerRevision without a spec (not one of ours, or damaged). */
export function parseRevision(cr: ControllerRevisionLike): RevisionInfo | undefined {
  const spec = cr.data?.spec;
  if (spec === undefined || typeof cr.revision !== "number") return undefined;
  // data holds the first rollout's provenance (it is immutable); the controller writes the
  // latest rollout's into the metadata. A field the metadata lacks (a revision recorded before
  // the controller did so) is the first's, as the controller reads it.
  const first = cr.data?.annotations ?? {};
  const annotations = cr.metadata.annotations ?? {};
  const latest = (field: keyof typeof first, annotation: string): string | undefined =>
    annotations[annotation] || first[field] || undefined;
  return {
    name: cr.metadata.name,
    number: cr.revision,
    created: cr.metadata.creationTimestamp,
    deployed: annotations[ANNOTATIONS.rolloutStartedAt] ?? cr.metadata.creationTimestamp,
    commit: latest("commit", ANNOTATIONS.commit),
    firstCommit: first.commit || undefined,
    commits: [...new Set([first.commit, annotations[ANNOTATIONS.commit]])].filter(
      (c): c is string => typeof c === "string" && c !== "",
    ),
    ref: latest("ref", ANNOTATIONS.ref),
    runUrl: latest("runUrl", ANNOTATIONS.runUrl),
    actor: latest("actor", ANNOTATIONS.actor),
    manifest: spec.artifacts?.manifest,
    result: annotations[ANNOTATIONS.result],
    resultMessage: annotations[ANNOTATIONS.resultMessage],
    // The latest apply's (the metadata), never data's: a later deploy of the spec clears it.
    rollback: readRollbackMark(annotations),
    spec,
  };
}

export function sortRevisions(revisions: readonly RevisionInfo[]): RevisionInfo[] {
  return [...revisions].sort((a, b) => a.number - b.number);
}

export type RevisionPick =
  | { ok: true; revision: RevisionInfo }
  /** `nothingBefore`: `previous` found no revision older than the current one. */
  | { ok: false; message: string; nothingBefore?: true };

/** Whether `to` asks for `previous` (its default, in any case, as people type it). */
export function isPrevious(to: string): boolean {
  return (to.trim() || "previous").toLowerCase() === "previous";
}

const SHA_PREFIX = /^[0-9a-f]{4,40}$/i;

/** Results that say a revision's rollout did not work; `previous` passes over them. */
const FAILED_RESULTS = new Set(["Failed", "RolledBack"]);

/**
 * `previous`: the newest revision older than the current one whose rollout did not fail (during a
 * rollout the current one is the new spec, and the one before may be a spec that was rolled
 * back). `N`: revision N. A hex string: the newest revision whose commit starts with it (digits
 * are a revision number first).
 */
export function pickRevision(
  revisions: readonly RevisionInfo[],
  to: string,
  currentRevision: number | undefined,
): RevisionPick {
  const sorted = sortRevisions(revisions);
  if (sorted.length === 0) return { ok: false, message: "it has no revisions yet" };
  const target = to.trim() || "previous";
  const current = currentRevision ?? sorted[sorted.length - 1]?.number ?? 0;
  if (isPrevious(to)) {
    const older = sorted.filter((r) => r.number < current);
    const worked = older.filter((r) => !FAILED_RESULTS.has(r.result ?? ""));
    const pick = worked[worked.length - 1];
    if (pick) return { ok: true, revision: pick };
    if (older.length === 0) {
      return {
        ok: false,
        message: `there is no revision before the current one (${current})`,
        nothingBefore: true,
      };
    }
    return {
      ok: false,
      message: `every revision before the current one (${current}) failed its rollout; name one by its number to use it anyway`,
    };
  }
  if (/^\d+$/.test(target)) {
    const pick = sorted.find((r) => r.number === Number(target));
    if (pick) return { ok: true, revision: pick };
    if (target.length < 7) {
      return {
        ok: false,
        message: `it has no revision ${target} (revisions: ${sorted.map((r) => r.number).join(", ")})`,
      };
    }
  }
  if (SHA_PREFIX.test(target)) {
    const lower = target.toLowerCase();
    const matches = sorted.filter((r) => r.commits.some((c) => c.toLowerCase().startsWith(lower)));
    // Two specs from one commit (a deploy from a checkout with uncommitted changes): guessing
    // the newest could bring back a spec that was never committed.
    if (matches.length > 1) {
      const numbers = matches.map((r) => r.number).join(", ");
      return {
        ok: false,
        message: `revisions ${numbers} were deployed from a commit starting with ${target}; name one by its number`,
      };
    }
    const pick = matches[0];
    if (pick) return { ok: true, revision: pick };
    return { ok: false, message: `no revision was deployed from a commit starting with ${target}` };
  }
  return {
    ok: false,
    message: "that is not previous, a revision number or a commit SHA",
  };
}

/** One API, as `previous` over several APIs needs it. */
export interface ApiHistory {
  name: string;
  /** The commit its live spec was applied from (its commit annotation). */
  commit: string | undefined;
  current: number | undefined;
  revisions: readonly RevisionInfo[];
}

/**
 * `previous` over several APIs undoes the last deploy: an API that deploy left unchanged keeps
 * its spec (rolling it back would bring an older spec nobody asked to undo). The last deploy is
 * the commit of the API whose current revision rolled out last. Returns, for each API to leave,
 * why; empty when deploys carry no commits to tell them apart.
 */
export function untouchedByLastDeploy(apis: readonly ApiHistory[]): Map<string, string> {
  const leave = new Map<string, string>();
  if (apis.some((a) => a.commit === undefined)) return leave;
  const deployedAt = (a: ApiHistory): number => {
    const current = a.revisions.find((r) => r.number === a.current);
    const t = Date.parse(current?.deployed ?? "");
    return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
  };
  const [last, next] = [...apis].sort((a, b) => deployedAt(b) - deployedAt(a));
  if (last === undefined || deployedAt(last) === Number.NEGATIVE_INFINITY) return leave;
  // Two commits rolled out at the same instant: which was last cannot be told.
  if (next && deployedAt(next) === deployedAt(last) && next.commit !== last.commit) return leave;
  for (const a of apis) {
    if (a.commit !== last.commit)
      leave.set(a.name, `the last deploy (commit ${shortSha(last.commit)}) did not change it`);
  }
  return leave;
}

export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 12) : "-";
}

/**
 * What the NOTE column says of a revision: which rollback last rolled it out, and whose; and the
 * commit that first deployed the spec when a later one rolled it out again.
 */
function noteOf(r: RevisionInfo, now: number): string {
  const parts: string[] = [];
  if (r.rollback) parts.push(describeRollback(r.rollback));
  if (r.firstCommit && r.firstCommit !== r.commit) {
    const when = r.created ? `, ${age(now - Date.parse(r.created))} ago` : "";
    parts.push(`first deployed from ${shortSha(r.firstCommit)}${when}`);
  }
  return parts.join("; ");
}

/**
 * The `history` table, oldest first; `*` marks the current revision. DEPLOYED, COMMIT and ACTOR
 * are the spec's latest rollout; a NOTE column, there when some revision has one, says which were
 * last rolled out by a rollback, and whose, and which first commit a re-deploy rolled out again.
 */
export function formatHistory(
  revisions: readonly RevisionInfo[],
  currentRevision: number | undefined,
  now: number,
): string[] {
  const sorted = sortRevisions(revisions);
  const noted = sorted.map((r) => noteOf(r, now));
  const notes = noted.some((n) => n !== "");
  const rows = sorted.map((r, i) => [
    `${r.number === currentRevision ? "*" : " "}${r.number}`,
    r.deployed ? `${age(now - Date.parse(r.deployed))} ago` : "-",
    shortSha(r.commit),
    r.manifest ? r.manifest.slice(0, 12) : "-",
    r.result ?? "-",
    r.actor ?? "-",
    ...(notes ? [noted[i] ?? ""] : []),
  ]);
  const header = ["REVISION", "DEPLOYED", "COMMIT", "ARTIFACTS", "RESULT", "ACTOR"];
  const table = [notes ? [...header, "NOTE"] : header, ...rows];
  return alignColumns(table);
}

/**
 * The revisions of the API whose uid is `ownerUid` (undefined: every revision with its name's
 * label). The label alone is not enough: an API deleted and made again under the same name leaves
 * revisions of its first life (orphaned, or until the garbage collector gets to them), whose
 * numbers start again at 1.
 */
export async function listRevisions(
  client: KubeClient,
  namespace: string,
  name: string,
  ownerUid: string | undefined,
): Promise<RevisionInfo[]> {
  const list = await client.request<{ items: ControllerRevisionLike[] }>(
    "GET",
    `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/controllerrevisions`,
    { query: { labelSelector: `${LABELS.api}=${name},${LABELS.managedBy}=${MANAGED_BY}` } },
  );
  return sortRevisions(
    list.items
      .filter(
        (r) =>
          ownerUid === undefined || r.metadata.ownerReferences?.some((o) => o.uid === ownerUid),
      )
      .map(parseRevision)
      .filter((r): r is RevisionInfo => r !== undefined),
  );
}
