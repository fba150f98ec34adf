import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rolloutProgress
} from "./chunk-BSK7IOA7.js";
import {
  readRollbackMark
} from "./chunk-J6NCMGA2.js";
import {
  ANNOTATIONS,
  CONTROLLER_FIELD_MANAGER,
  FIELD_MANAGER,
  LABELS,
  MANAGED_BY
} from "./chunk-332YSSNY.js";

// src/kube/changes.ts
function keyOf(o) {
  return `${o.kind}/${o.metadata.name}`;
}
function belongsToConfig(live, configId) {
  const labels = live.metadata.labels ?? {};
  return labels[LABELS.managedBy] === MANAGED_BY && labels[LABELS.config] === configId;
}
function touchesSpec(entry) {
  return entry.fieldsV1 !== void 0 && "f:spec" in entry.fieldsV1;
}
function otherSpecManagers(live) {
  const managers = /* @__PURE__ */ new Set();
  for (const entry of live.metadata.managedFields ?? []) {
    if (entry.manager === FIELD_MANAGER || entry.manager === CONTROLLER_FIELD_MANAGER) continue;
    if (entry.subresource && entry.subresource !== "") continue;
    if (touchesSpec(entry)) managers.add(entry.manager ?? "(unnamed)");
  }
  return [...managers].sort();
}
function failedRollout(live) {
  if (live.kind !== "RealtimeAPI") return void 0;
  const { state } = rolloutProgress(live);
  return state === "failed" ? "Failed" : state === "rolledBack" ? "RolledBack" : void 0;
}
function retried(resource, live) {
  if (resource.kind !== "RealtimeAPI" || live.kind !== "RealtimeAPI") return { resource };
  const retry = (live.spec.retry ?? 0) + 1;
  return { resource: { ...resource, spec: { ...resource.spec, retry } }, retry };
}
function decideAction(resource, live) {
  if (live === void 0) return { resource, live, action: "create" };
  const want = resource.metadata.annotations?.[ANNOTATIONS.specHash];
  const have = live.metadata.annotations?.[ANNOTATIONS.specHash];
  if (want === void 0 || want !== have) return { resource, live, action: "update" };
  const failed = failedRollout(live);
  const notes = [];
  const others = otherSpecManagers(live);
  if (others.length > 0)
    notes.push(`spec also changed by ${others.map((m) => `"${m}"`).join(", ")}`);
  if (failed !== void 0) notes.push(`rolling the same spec out again: it ended ${failed}`);
  const mark = readRollbackMark(live.metadata.annotations);
  if (mark !== void 0 && readRollbackMark(resource.metadata.annotations) === void 0)
    notes.push(`clearing the mark of its rollback to revision ${mark.revision}`);
  if (notes.length === 0) return { resource, live, action: "unchanged" };
  return {
    ...failed === void 0 ? { resource } : retried(resource, live),
    live,
    action: "update",
    note: notes.join("; ")
  };
}
function selectPrunable(live, rendered, configId) {
  const keep = new Set(rendered.map(keyOf));
  return live.filter((o) => belongsToConfig(o, configId) && !keep.has(keyOf(o))).sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}
function findTakeovers(objects, live, configId) {
  const byKey = new Map(live.map((o) => [keyOf(o), o]));
  return objects.flatMap((resource) => {
    const current = byKey.get(keyOf(resource));
    if (current === void 0 || belongsToConfig(current, configId)) return [];
    const labels = current.metadata.labels ?? {};
    const ownerConfig = labels[LABELS.managedBy] === MANAGED_BY ? labels[LABELS.config] : void 0;
    return [{ resource, live: current, ownerConfig }];
  });
}
function computeChanges(rendered, live, configId) {
  const byKey = new Map(live.map((o) => [keyOf(o), o]));
  return {
    changes: rendered.map((resource) => decideAction(resource, byKey.get(keyOf(resource)))),
    prune: selectPrunable(live, rendered, configId),
    takeovers: findTakeovers(rendered, live, configId)
  };
}
var TAKEOVER_REFUSED = "deploy refuses to take it over: rename the API, delete the other object, or deploy with --force-conflicts (Action input force-conflicts: true)";
function describeTakeover(t) {
  const ref = `${t.resource.kind.toLowerCase()}/${t.resource.metadata.name}`;
  if (!t.ownerConfig) return `${ref} already exists and was not created by cortex-deploy`;
  const path = t.live.metadata.annotations?.[ANNOTATIONS.configPath];
  const said = `${ref} already exists and belongs to another cortex.yaml (config id ${t.ownerConfig}, ${path ?? "path unknown"})`;
  return path !== void 0 && path === t.resource.metadata.annotations?.[ANNOTATIONS.configPath] ? `${said}; if that is this file, deployed from another clone or name of the repository, deploy with --config-id ${t.ownerConfig} (Action input config-id) to keep managing it` : said;
}
function kindClashes(rendered, live, leaving) {
  return [...kindClashesByKey(rendered, live, leaving).values()];
}
function kindClashesByKey(rendered, live, leaving) {
  const gone = new Set(leaving.map(keyOf));
  const held = new Map(live.filter((o) => !gone.has(keyOf(o))).map((o) => [o.metadata.name, o]));
  const out = /* @__PURE__ */ new Map();
  for (const resource of rendered) {
    const other = held.get(resource.metadata.name);
    if (other === void 0 || other.kind === resource.kind) continue;
    const config = other.metadata.labels?.[LABELS.config];
    out.set(
      keyOf(resource),
      `${resource.kind.toLowerCase()}/${resource.metadata.name}: a ${other.kind} of that name already exists${config === void 0 ? "" : ` (config id ${config})`}; an API and a TrafficSplitter cannot share a name, as both get a Deployment and Service named after them`
    );
  }
  return out;
}
function routesOf(name, apis) {
  return { name, targets: apis.map((a) => a.name) };
}
function prunedButRouted(leaving, own, rendered, live) {
  return stillRoutedTo(leaving, [...own, ...liveRoutes(live, [...rendered, ...leaving])]);
}
function liveRoutes(live, replaced) {
  const gone = new Set(replaced.map(keyOf));
  return live.filter((o) => o.kind === "TrafficSplitter").filter((o) => !gone.has(keyOf(o))).map((o) => routesOf(o.metadata.name, o.spec.apis));
}
function stillRoutedTo(removing, remaining) {
  const out = [];
  for (const api of removing) {
    if (api.kind !== "RealtimeAPI") continue;
    const by = remaining.filter((s) => s.targets.includes(api.metadata.name)).map((s) => s.name);
    if (by.length === 0) continue;
    out.push(
      `realtimeapi/${api.metadata.name}: TrafficSplitter ${by.join(", ")} still routes to it; remove it from ${by.length === 1 ? "that splitter's" : "their"} apis (or delete ${by.length === 1 ? "the splitter" : "them"}) first`
    );
  }
  return out;
}

export {
  keyOf,
  belongsToConfig,
  decideAction,
  selectPrunable,
  findTakeovers,
  computeChanges,
  TAKEOVER_REFUSED,
  describeTakeover,
  kindClashes,
  kindClashesByKey,
  routesOf,
  prunedButRouted,
  liveRoutes,
  stillRoutedTo
};
