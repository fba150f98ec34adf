// What a deploy would do to each object, decided from the rendered objects and the live ones
// alone (pure): create, update, or leave alone ("up to date"); which live objects to prune; which
// names are taken by objects this config did not create.
import type { Live, ManagedFieldsEntry } from "./objects.ts";
import { rolloutProgress } from "./readiness.ts";
import {
  ANNOTATIONS,
  type ApiResource,
  CONTROLLER_FIELD_MANAGER,
  FIELD_MANAGER,
  LABELS,
  MANAGED_BY,
  type TrafficSplitterResource,
} from "./resource.ts";
import { readRollbackMark } from "./rollback-mark.ts";

export type Action = "create" | "update" | "unchanged";

export interface ObjectChange {
  resource: ApiResource;
  live: Live | undefined;
  action: Action;
  /** Why an object with an unchanged spec hash is applied anyway. */
  note?: string;
  /** The spec.retry it applies: the same spec, rolled out again after its rollout failed. */
  retry?: number;
}

export interface Takeover {
  /** The object of the file (rendered, or only its kind, name and config-path annotation). */
  resource: Named & { metadata: { annotations?: Record<string, string> } };
  live: Live;
  /** The config label of the live object, or undefined when cortex-deploy did not create it. */
  ownerConfig: string | undefined;
}

export interface ChangeSet {
  changes: ObjectChange[];
  /** Live objects of this config that cortex.yaml no longer lists. */
  prune: Live[];
  /** Objects in the file whose name is taken by an object another config (or tool) created. */
  takeovers: Takeover[];
}

/** What an object's identity in a namespace is made of. */
export type Named = { kind: string; metadata: { name: string } };

export function keyOf(o: Named): string {
  return `${o.kind}/${o.metadata.name}`;
}

/** Whether cortex-deploy created this object for the config `configId`. */
export function belongsToConfig(live: Live, configId: string): boolean {
  const labels = live.metadata.labels ?? {};
  return labels[LABELS.managedBy] === MANAGED_BY && labels[LABELS.config] === configId;
}

function touchesSpec(entry: ManagedFieldsEntry): boolean {
  return entry.fieldsV1 !== undefined && "f:spec" in entry.fieldsV1;
}

/**
 * Field managers other than cortex-deploy (and the controller's status writes) that own part of
 * the spec: someone edited it, so an equal spec hash no longer proves the live spec is ours.
 */
export function otherSpecManagers(live: Live): string[] {
  const managers = new Set<string>();
  for (const entry of live.metadata.managedFields ?? []) {
    if (entry.manager === FIELD_MANAGER || entry.manager === CONTROLLER_FIELD_MANAGER) continue;
    if (entry.subresource && entry.subresource !== "") continue;
    if (touchesSpec(entry)) managers.add(entry.manager ?? "(unnamed)");
  }
  return [...managers].sort();
}

/** The phase a live RealtimeAPI's current generation ended in, when its rollout failed. */
function failedRollout(live: Live): "Failed" | "RolledBack" | undefined {
  if (live.kind !== "RealtimeAPI") return undefined;
  const { state } = rolloutProgress(live);
  return state === "failed" ? "Failed" : state === "rolledBack" ? "RolledBack" : undefined;
}

/**
 * The same spec, marked to roll out again (resource.ts, specIdentity): deploying a spec whose
 * rollout failed means "try again", as re-running a CI job after fixing what it needed does.
 */
function retried(resource: ApiResource, live: Live): { resource: ApiResource; retry?: number } {
  if (resource.kind !== "RealtimeAPI" || live.kind !== "RealtimeAPI") return { resource };
  const retry = (live.spec.retry ?? 0) + 1;
  return { resource: { ...resource, spec: { ...resource.spec, retry } }, retry };
}

export function decideAction(resource: ApiResource, live: Live | undefined): ObjectChange {
  if (live === undefined) return { resource, live, action: "create" };
  const want = resource.metadata.annotations?.[ANNOTATIONS.specHash];
  const have = live.metadata.annotations?.[ANNOTATIONS.specHash];
  if (want === undefined || want !== have) return { resource, live, action: "update" };
  const failed = failedRollout(live);
  const notes: string[] = [];
  const others = otherSpecManagers(live);
  if (others.length > 0)
    notes.push(`spec also changed by ${others.map((m) => `"${m}"`).join(", ")}`);
  if (failed !== undefined) notes.push(`rolling the same spec out again: it ended ${failed}`);
  // A deploy of the spec a rollback put back writes all the same, or the mark would stay and
  // name the rollback as the API's last write.
  const mark = readRollbackMark(live.metadata.annotations);
  if (mark !== undefined && readRollbackMark(resource.metadata.annotations) === undefined)
    notes.push(`clearing the mark of its rollback to revision ${mark.revision}`);
  if (notes.length === 0) return { resource, live, action: "unchanged" };
  return {
    ...(failed === undefined ? { resource } : retried(resource, live)),
    live,
    action: "update",
    note: notes.join("; "),
  };
}

/** Live objects of this config whose kind and name the rendered set does not contain. */
export function selectPrunable(
  live: readonly Live[],
  rendered: readonly Named[],
  configId: string,
): Live[] {
  const keep = new Set(rendered.map(keyOf));
  return live
    .filter((o) => belongsToConfig(o, configId) && !keep.has(keyOf(o)))
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

/**
 * The objects of the file whose name a live object of another config (or tool) holds. Needs only
 * names, so a deploy finds them before it uploads anything.
 */
export function findTakeovers(
  objects: readonly Takeover["resource"][],
  live: readonly Live[],
  configId: string,
): Takeover[] {
  const byKey = new Map(live.map((o) => [keyOf(o), o]));
  return objects.flatMap((resource) => {
    const current = byKey.get(keyOf(resource));
    if (current === undefined || belongsToConfig(current, configId)) return [];
    const labels = current.metadata.labels ?? {};
    const ownerConfig = labels[LABELS.managedBy] === MANAGED_BY ? labels[LABELS.config] : undefined;
    return [{ resource, live: current, ownerConfig }];
  });
}

export function computeChanges(
  rendered: readonly ApiResource[],
  live: readonly Live[],
  configId: string,
): ChangeSet {
  const byKey = new Map(live.map((o) => [keyOf(o), o]));
  return {
    changes: rendered.map((resource) => decideAction(resource, byKey.get(keyOf(resource)))),
    prune: selectPrunable(live, rendered, configId),
    takeovers: findTakeovers(rendered, live, configId),
  };
}

/** Why a takeover is not applied, and what to do instead; plan and deploy both say it. */
export const TAKEOVER_REFUSED =
  "deploy refuses to take it over: rename the API, delete the other object, or deploy with " +
  "--force-conflicts (Action input force-conflicts: true)";

/** One sentence per object whose name another config or tool holds. */
export function describeTakeover(t: Takeover): string {
  const ref = `${t.resource.kind.toLowerCase()}/${t.resource.metadata.name}`;
  if (!t.ownerConfig) return `${ref} already exists and was not created by cortex-deploy`;
  const path = t.live.metadata.annotations?.[ANNOTATIONS.configPath];
  const said = `${ref} already exists and belongs to another cortex.yaml (config id ${t.ownerConfig}, ${path ?? "path unknown"})`;
  // The same path under another id: most often this very file, deployed from a clone with
  // another origin remote, before a rename, or with --config-id.
  return path !== undefined && path === t.resource.metadata.annotations?.[ANNOTATIONS.configPath]
    ? `${said}; if that is this file, deployed from another clone or name of the repository, ` +
        `deploy with --config-id ${t.ownerConfig} (Action input config-id) to keep managing it`
    : said;
}

/**
 * One sentence per object in the file whose name a live object of the other kind holds and keeps
 * (`leaving` are the objects this deploy prunes). An API and a TrafficSplitter both get a
 * Deployment and a Service named after them, so they cannot share a name; the controller would
 * refuse the second, so the deploy refuses it first, whatever --force-conflicts says.
 */
export function kindClashes(
  rendered: readonly Named[],
  live: readonly Live[],
  leaving: readonly Live[],
): string[] {
  return [...kindClashesByKey(rendered, live, leaving).values()];
}

/** kindClashes, by the key (keyOf) of the object in the file each is about. */
export function kindClashesByKey(
  rendered: readonly Named[],
  live: readonly Live[],
  leaving: readonly Live[],
): Map<string, string> {
  const gone = new Set(leaving.map(keyOf));
  const held = new Map(live.filter((o) => !gone.has(keyOf(o))).map((o) => [o.metadata.name, o]));
  const out = new Map<string, string>();
  for (const resource of rendered) {
    const other = held.get(resource.metadata.name);
    if (other === undefined || other.kind === resource.kind) continue;
    const config = other.metadata.labels?.[LABELS.config];
    out.set(
      keyOf(resource),
      `${resource.kind.toLowerCase()}/${resource.metadata.name}: a ${other.kind} of that name ` +
        `already exists${config === undefined ? "" : ` (config id ${config})`}; an API and a ` +
        "TrafficSplitter cannot share a name, as both get a Deployment and Service named after them",
    );
  }
  return out;
}

/** A TrafficSplitter by name and the RealtimeAPIs it routes to (shadows included). */
export interface SplitterRoutes {
  name: string;
  targets: readonly string[];
}

/** A splitter's routes from its name and `apis` list, as cortex.yaml and the resource both have. */
export function routesOf(name: string, apis: readonly { name: string }[]): SplitterRoutes {
  return { name, targets: apis.map((a) => a.name) };
}

/**
 * Refusals for pruning `leaving` while a splitter that stays routes to it: this config's splitters
 * (`own`), and the live ones that neither it (`rendered`) nor the prune replaces.
 */
export function prunedButRouted(
  leaving: readonly Live[],
  own: readonly SplitterRoutes[],
  rendered: readonly Named[],
  live: readonly Live[],
): string[] {
  return stillRoutedTo(leaving, [...own, ...liveRoutes(live, [...rendered, ...leaving])]);
}

/** The routes of the live TrafficSplitters that are not among `replaced` (leaving or rewritten). */
export function liveRoutes(live: readonly Live[], replaced: readonly Named[]): SplitterRoutes[] {
  const gone = new Set(replaced.map(keyOf));
  return live
    .filter((o): o is Live<TrafficSplitterResource> => o.kind === "TrafficSplitter")
    .filter((o) => !gone.has(keyOf(o)))
    .map((o) => routesOf(o.metadata.name, o.spec.apis));
}

/**
 * Refusals for removing RealtimeAPIs that a TrafficSplitter which stays still routes to: the
 * splitter would turn Pending and its share of requests would fail. The caller passes only the
 * splitters that remain after the change.
 */
export function stillRoutedTo(
  removing: readonly Named[],
  remaining: readonly SplitterRoutes[],
): string[] {
  const out: string[] = [];
  for (const api of removing) {
    if (api.kind !== "RealtimeAPI") continue;
    const by = remaining.filter((s) => s.targets.includes(api.metadata.name)).map((s) => s.name);
    if (by.length === 0) continue;
    out.push(
      `realtimeapi/${api.metadata.name}: TrafficSplitter ${by.join(", ")} still routes to it; ` +
        `remove it from ${by.length === 1 ? "that splitter's" : "their"} apis (or delete ${by.length === 1 ? "the splitter" : "them"}) first`,
    );
  }
  return out;
}
