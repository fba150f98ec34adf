import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  TAKEOVER_REFUSED,
  computeChanges,
  describeTakeover,
  keyOf,
  kindClashesByKey,
  prunedButRouted,
  routesOf
} from "./chunk-XYJMAW5Z.js";
import {
  applyChanges,
  readLive
} from "./chunk-BSK7IOA7.js";
import {
  refOf
} from "./chunk-LT4LYPIC.js";
import {
  cell,
  codeCell,
  codeSpan,
  escapeHtml,
  fencedBlock,
  inlineText
} from "./chunk-TD6JBESK.js";
import {
  describeKubeError
} from "./chunk-FZVE6M4T.js";
import {
  namespaceState
} from "./chunk-6XWRUFJL.js";
import {
  ANNOTATIONS
} from "./chunk-332YSSNY.js";

// src/kube/diff.ts
function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function namedItems(list) {
  const byName = /* @__PURE__ */ new Map();
  for (const item of list) {
    if (!isObject(item) || typeof item.name !== "string" || byName.has(item.name)) return void 0;
    byName.set(item.name, item);
  }
  return byName;
}
function sameJson(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== void 0);
    const kb = Object.keys(b).filter((k) => b[k] !== void 0);
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return false;
}
function join(base, key) {
  if (base === "") return key;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}
function diffJson(before, after, path = "") {
  if (sameJson(before, after)) return [];
  if (before === void 0) return [{ path, op: "add", new: after }];
  if (after === void 0) return [{ path, op: "remove", old: before }];
  if (isObject(before) && isObject(after)) {
    const keys = [.../* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffJson(before[k], after[k], join(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = namedItems(before);
    const b = namedItems(after);
    if (a && b && (a.size > 0 || b.size > 0)) {
      const names = [.../* @__PURE__ */ new Set([...a.keys(), ...b.keys()])];
      return names.flatMap((n) => diffJson(a.get(n), b.get(n), `${path}[${n}]`));
    }
  }
  return [{ path, op: "change", old: before, new: after }];
}
var MAX_VALUE_CHARS = 80;
function formatValue(v) {
  const text = v === void 0 ? "(none)" : JSON.stringify(v);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}\u2026` : text;
}
function formatChange(c) {
  switch (c.op) {
    case "add":
      return `+ ${c.path}: ${formatValue(c.new)}`;
    case "remove":
      return `- ${c.path}: ${formatValue(c.old)}`;
    case "change":
      return `~ ${c.path}: ${formatValue(c.old)} \u2192 ${formatValue(c.new)}`;
  }
}

// src/kube/plan.ts
function comparable(o) {
  if (o === void 0) return void 0;
  const annotations = { ...o.metadata.annotations ?? {} };
  delete annotations[ANNOTATIONS.specHash];
  const { retry: _retry, ...spec } = o.spec;
  return { metadata: { labels: o.metadata.labels ?? {}, annotations }, spec };
}
function takeoverRefusals(set) {
  return new Map(
    set.takeovers.map((t) => [keyOf(t.resource), `${describeTakeover(t)}
${TAKEOVER_REFUSED}`])
  );
}
function buildPlan(namespace, namespaceMissing, set, dryRuns, prune, clashes = /* @__PURE__ */ new Map()) {
  const byRef = new Map(dryRuns.map((d) => [refOf(d.resource), d]));
  const refused = takeoverRefusals(set);
  const items = set.changes.map((change) => {
    const ref = refOf(change.resource);
    const dry = byRef.get(ref);
    const key = keyOf(change.resource);
    const why = [refused.get(key), clashes.get(key), dry?.error].filter((e) => e !== void 0);
    if (why.length > 0) return { ref, action: "error", changes: [], error: why.join("\n") };
    if (change.action === "create") return { ref, action: "create", changes: [] };
    if (change.action === "unchanged") return { ref, action: "unchanged", changes: [] };
    const after = dry?.result ?? change.resource;
    const item = {
      ref,
      action: "update",
      changes: diffJson(comparable(change.live), comparable(after))
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
    errors: []
  };
}
function planHasChanges(plan) {
  return plan.namespaceMissing || plan.items.some((i) => i.action === "create" || i.action === "update" || i.action === "prune");
}
function planFailed(plan) {
  return plan.errors.length > 0 || plan.items.some((i) => i.action === "error") || plan.artifacts.some((a) => a.state === "refused");
}
var LABEL = {
  create: "will be created",
  update: "will be updated",
  unchanged: "up to date",
  prune: "will be deleted (no longer in cortex.yaml)",
  keep: "no longer in cortex.yaml, kept (prune is off)",
  error: "rejected"
};
var MARK = {
  create: "+",
  update: "~",
  unchanged: "=",
  prune: "-",
  keep: "!",
  error: "x"
};
function planCounts(plan) {
  const counts = {
    create: 0,
    update: 0,
    unchanged: 0,
    prune: 0,
    keep: 0,
    error: 0
  };
  for (const i of plan.items) counts[i.action]++;
  return counts;
}
function summaryLine(plan) {
  const c = planCounts(plan);
  const parts = [
    `${c.create} to create`,
    `${c.update} to update`,
    `${c.prune} to delete`,
    `${c.unchanged} unchanged`
  ];
  if (c.keep > 0) parts.push(`${c.keep} kept (no prune)`);
  if (c.error > 0) parts.push(`${c.error} rejected`);
  const created = plan.namespaceMissing ? " (to be created)" : "";
  return `plan for namespace ${plan.namespace}${created}: ${parts.join(", ")}${s3Refusals(plan)}`;
}
function s3Refusals(plan) {
  const byCode = /* @__PURE__ */ new Map();
  for (const a of plan.artifacts) {
    if (a.state !== "refused") continue;
    const code = a.code ?? "an error";
    byCode.set(code, [...byCode.get(code) ?? [], a.api]);
  }
  if (byCode.size === 0) return "";
  const said = [...byCode].map(([code, apis]) => `${code} for the artifacts of ${apis.join(", ")}`);
  return `; deploy would fail: S3 answered ${said.join(", and ")}`;
}
var ARTIFACT_MARK = {
  present: "=",
  upload: "+",
  unchecked: "!",
  refused: "x"
};
function artifactLine(a) {
  const what = {
    present: "already in S3",
    upload: "will be uploaded (only the files S3 does not have)",
    unchecked: `not checked in S3: ${a.note ?? "no answer"}`,
    refused: `deploy would fail: ${a.note ?? "S3 refused"}`
  }[a.state];
  return `artifacts of ${a.api} (sha256:${a.manifest.slice(0, 12)}): ${what}`;
}
function formatPlanText(plan) {
  const lines = [];
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
function formatPlanMarkdown(plan) {
  const out = [
    `### cortex-deploy plan: namespace ${codeSpan(plan.namespace)}`,
    "",
    summaryLine(plan),
    ""
  ];
  const rows = plan.items.map(
    (i) => `| ${codeCell(i.ref)} | ${LABEL[i.action]}${i.note ? ` (${cell(i.note)})` : ""} |`
  );
  if (plan.namespaceMissing)
    rows.unshift(`| ${codeCell(`namespace/${plan.namespace}`)} | will be created |`);
  rows.push(...plan.artifacts.map((a) => `| ${cell(artifactLine(a)).replace(": ", " | ")} |`));
  out.push("| object | change |", "| --- | --- |", ...rows, "");
  const details = plan.items.filter((i) => i.changes.length > 0 || i.error);
  for (const i of details) {
    out.push(`<details><summary><code>${escapeHtml(i.ref)}</code></summary>`, "");
    const body = [...i.changes.map(formatChange), ...i.error ? i.error.split("\n") : []];
    out.push(fencedBlock(body.join("\n"), "diff"), "</details>", "");
  }
  for (const e of plan.errors) out.push(`- :x: ${inlineText(e)}`);
  return out.join("\n");
}
async function computePlan(client, opts) {
  const ns = await namespaceState(client, opts.namespace);
  const missing = ns === "missing";
  const live = missing ? [] : await readLive(client, opts.namespace);
  const set = computeChanges(opts.rendered, live, opts.configId);
  const changes = missing ? set.changes.map((c) => ({
    ...c,
    resource: { ...c.resource, metadata: { ...c.resource.metadata, namespace: "default" } }
  })) : set.changes;
  const outcomes = await applyChanges(client, changes, {
    dryRun: true,
    force: missing,
    concurrency: opts.concurrency,
    // Nothing is written, so nothing can be overwritten; and a namesake in `default` must not
    // refuse the dry run.
    preconditions: false
  });
  const dryRuns = outcomes.map((o, i) => {
    const resource = set.changes[i]?.resource ?? o.change.resource;
    if (o.error === void 0) return { resource, result: o.result };
    const error = describeKubeError(o.error, void 0, (field) => opts.locate?.(resource, field));
    return { resource, error };
  });
  const clashes = kindClashesByKey(opts.rendered, live, opts.prune ? set.prune : []);
  const plan = buildPlan(opts.namespace, missing, set, dryRuns, opts.prune, clashes);
  if (opts.prune) {
    const own = opts.rendered.flatMap(
      (r) => r.kind === "TrafficSplitter" ? [routesOf(r.metadata.name, r.spec.apis)] : []
    );
    plan.errors.push(...prunedButRouted(set.prune, own, opts.rendered, live));
  }
  return plan;
}

export {
  buildPlan,
  planHasChanges,
  planFailed,
  planCounts,
  summaryLine,
  formatPlanText,
  formatPlanMarkdown,
  computePlan
};
