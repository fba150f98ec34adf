import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  age
} from "./chunk-JV4CEZL6.js";
import {
  describeRollback,
  readRollbackMark
} from "./chunk-J6NCMGA2.js";
import {
  alignColumns
} from "./chunk-VP4HWAEJ.js";
import {
  ANNOTATIONS,
  LABELS,
  MANAGED_BY
} from "./chunk-332YSSNY.js";

// src/kube/revisions.ts
function parseRevision(cr) {
  const spec = cr.data?.spec;
  if (spec === void 0 || typeof cr.revision !== "number") return void 0;
  const first = cr.data?.annotations ?? {};
  const annotations = cr.metadata.annotations ?? {};
  const latest = (field, annotation) => annotations[annotation] || first[field] || void 0;
  return {
    name: cr.metadata.name,
    number: cr.revision,
    created: cr.metadata.creationTimestamp,
    deployed: annotations[ANNOTATIONS.rolloutStartedAt] ?? cr.metadata.creationTimestamp,
    commit: latest("commit", ANNOTATIONS.commit),
    firstCommit: first.commit || void 0,
    commits: [.../* @__PURE__ */ new Set([first.commit, annotations[ANNOTATIONS.commit]])].filter(
      (c) => typeof c === "string" && c !== ""
    ),
    ref: latest("ref", ANNOTATIONS.ref),
    runUrl: latest("runUrl", ANNOTATIONS.runUrl),
    actor: latest("actor", ANNOTATIONS.actor),
    manifest: spec.artifacts?.manifest,
    result: annotations[ANNOTATIONS.result],
    resultMessage: annotations[ANNOTATIONS.resultMessage],
    // The latest apply's (the metadata), never data's: a later deploy of the spec clears it.
    rollback: readRollbackMark(annotations),
    spec
  };
}
function sortRevisions(revisions) {
  return [...revisions].sort((a, b) => a.number - b.number);
}
function isPrevious(to) {
  return (to.trim() || "previous").toLowerCase() === "previous";
}
var SHA_PREFIX = /^[0-9a-f]{4,40}$/i;
var FAILED_RESULTS = /* @__PURE__ */ new Set(["Failed", "RolledBack"]);
function pickRevision(revisions, to, currentRevision) {
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
        nothingBefore: true
      };
    }
    return {
      ok: false,
      message: `every revision before the current one (${current}) failed its rollout; name one by its number to use it anyway`
    };
  }
  if (/^\d+$/.test(target)) {
    const pick = sorted.find((r) => r.number === Number(target));
    if (pick) return { ok: true, revision: pick };
    if (target.length < 7) {
      return {
        ok: false,
        message: `it has no revision ${target} (revisions: ${sorted.map((r) => r.number).join(", ")})`
      };
    }
  }
  if (SHA_PREFIX.test(target)) {
    const lower = target.toLowerCase();
    const matches = sorted.filter((r) => r.commits.some((c) => c.toLowerCase().startsWith(lower)));
    if (matches.length > 1) {
      const numbers = matches.map((r) => r.number).join(", ");
      return {
        ok: false,
        message: `revisions ${numbers} were deployed from a commit starting with ${target}; name one by its number`
      };
    }
    const pick = matches[0];
    if (pick) return { ok: true, revision: pick };
    return { ok: false, message: `no revision was deployed from a commit starting with ${target}` };
  }
  return {
    ok: false,
    message: "that is not previous, a revision number or a commit SHA"
  };
}
function untouchedByLastDeploy(apis) {
  const leave = /* @__PURE__ */ new Map();
  if (apis.some((a) => a.commit === void 0)) return leave;
  const deployedAt = (a) => {
    const current = a.revisions.find((r) => r.number === a.current);
    const t = Date.parse(current?.deployed ?? "");
    return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
  };
  const [last, next] = [...apis].sort((a, b) => deployedAt(b) - deployedAt(a));
  if (last === void 0 || deployedAt(last) === Number.NEGATIVE_INFINITY) return leave;
  if (next && deployedAt(next) === deployedAt(last) && next.commit !== last.commit) return leave;
  for (const a of apis) {
    if (a.commit !== last.commit)
      leave.set(a.name, `the last deploy (commit ${shortSha(last.commit)}) did not change it`);
  }
  return leave;
}
function shortSha(sha) {
  return sha ? sha.slice(0, 12) : "-";
}
function noteOf(r, now) {
  const parts = [];
  if (r.rollback) parts.push(describeRollback(r.rollback));
  if (r.firstCommit && r.firstCommit !== r.commit) {
    const when = r.created ? `, ${age(now - Date.parse(r.created))} ago` : "";
    parts.push(`first deployed from ${shortSha(r.firstCommit)}${when}`);
  }
  return parts.join("; ");
}
function formatHistory(revisions, currentRevision, now) {
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
    ...notes ? [noted[i] ?? ""] : []
  ]);
  const header = ["REVISION", "DEPLOYED", "COMMIT", "ARTIFACTS", "RESULT", "ACTOR"];
  const table = [notes ? [...header, "NOTE"] : header, ...rows];
  return alignColumns(table);
}
async function listRevisions(client, namespace, name, ownerUid) {
  const list = await client.request(
    "GET",
    `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/controllerrevisions`,
    { query: { labelSelector: `${LABELS.api}=${name},${LABELS.managedBy}=${MANAGED_BY}` } }
  );
  return sortRevisions(
    list.items.filter(
      (r) => ownerUid === void 0 || r.metadata.ownerReferences?.some((o) => o.uid === ownerUid)
    ).map(parseRevision).filter((r) => r !== void 0)
  );
}

export {
  parseRevision,
  sortRevisions,
  isPrevious,
  pickRevision,
  untouchedByLastDeploy,
  shortSha,
  formatHistory,
  listRevisions
};
