import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  applyResource,
  deleteResource,
  getResource,
  listResources
} from "./chunk-5JMQ7LUJ.js";
import {
  createLimiter
} from "./chunk-VEHN3BLQ.js";
import {
  ROLLBACK_MARK_ANNOTATIONS,
  readRollbackMark
} from "./chunk-J6NCMGA2.js";
import {
  fieldConflicts
} from "./chunk-FZVE6M4T.js";
import {
  isApiError,
  isNotFound
} from "./chunk-6XWRUFJL.js";
import {
  ANNOTATIONS,
  LABELS
} from "./chunk-332YSSNY.js";

// src/kube/meanwhile.ts
var ABSENT_RESOURCE_VERSION = "9223372036854775807";
var STALE_ATTEMPTS = 5;
function isStale(err) {
  return isApiError(err, 409) && fieldConflicts(err.body).length === 0;
}
var ConcurrentChange = class extends Error {
  name = "ConcurrentChange";
};
function deployedBy(meta) {
  const a = meta.annotations ?? {};
  const commit = a[ANNOTATIONS.commit];
  const config = a[ANNOTATIONS.configPath] ?? meta.labels?.[LABELS.config];
  const what = [commit ? `commit ${commit.slice(0, 12)}` : "a deploy", config && `of ${config}`].filter(Boolean).join(" ");
  const mark = readRollbackMark(a);
  const [actor, runUrl] = mark ? [mark.actor, mark.runUrl] : [a[ANNOTATIONS.actor], a[ANNOTATIONS.runUrl]];
  const head = mark ? `the rollback to revision ${mark.revision} (${what})` : what;
  return `${head}${actor ? ` by ${actor}` : ""}${runUrl ? `, ${runUrl}` : ""}`;
}
function changedSince(then, now) {
  if (now === void 0) return "it was deleted";
  const by = deployedBy(now.metadata);
  if (now.metadata.uid !== then.metadata.uid) return `it was deleted and created again (${by})`;
  const [was, is] = [then, now].map((o) => o.metadata.labels?.[LABELS.config]);
  if (was !== is) return `another cortex.yaml deployed it (${by})`;
  const [before, after] = [then.metadata.generation, now.metadata.generation];
  if (before !== after) return `its spec changed to generation ${after} (was ${before}), by ${by}`;
  return void 0;
}

// src/kube/apply.ts
async function readLive(client, namespace) {
  const [realtime, splitters] = await Promise.all([
    listResources(client, "RealtimeAPI", namespace),
    listResources(client, "TrafficSplitter", namespace)
  ]);
  return [...realtime.items, ...splitters.items];
}
async function readNow(client, object) {
  const { kind, name, namespace } = { ...object.metadata, kind: object.kind };
  try {
    return await getResource(client, kind, namespace ?? "default", name);
  } catch (err) {
    if (isNotFound(err)) return void 0;
    throw err;
  }
}
function withResourceVersion(resource, resourceVersion) {
  return { ...resource, metadata: { ...resource.metadata, resourceVersion } };
}
async function writeIfUnchanged(client, object, then, write) {
  for (let attempt = 1; ; attempt++) {
    const now = await readNow(client, object);
    if (now === void 0) return { outcome: "gone" };
    const why = then === void 0 ? void 0 : changedSince(then, now);
    if (why !== void 0) return { outcome: "changed", why };
    try {
      return { outcome: "written", value: await write(now) };
    } catch (err) {
      if (isNotFound(err)) return { outcome: "gone" };
      if (!isStale(err) || attempt >= STALE_ATTEMPTS) throw err;
    }
  }
}
async function applyOne(client, change, opts) {
  const apply = (resourceVersion) => applyResource(
    client,
    resourceVersion === void 0 ? change.resource : withResourceVersion(change.resource, resourceVersion),
    { dryRun: opts.dryRun, force: opts.force }
  );
  if (opts.preconditions === false) return apply();
  const read = change.live;
  if (read === void 0) {
    try {
      return await apply(ABSENT_RESOURCE_VERSION);
    } catch (err) {
      if (!isStale(err)) throw err;
      const now = await readNow(client, change.resource);
      throw new ConcurrentChange(
        `another deploy created it after this one read the cluster${now ? ` (${deployedBy(now.metadata)})` : ""}; it was not overwritten`
      );
    }
  }
  const done = await writeIfUnchanged(
    client,
    change.resource,
    read,
    (now) => apply(now.metadata.resourceVersion)
  );
  if (done.outcome === "written") return done.value;
  const why = done.outcome === "changed" ? done.why : "it was deleted";
  throw new ConcurrentChange(
    `it changed after this deploy read the cluster: ${why}; it was not overwritten`
  );
}
async function applyChanges(client, changes, opts = {}) {
  const limiter = createLimiter(opts.concurrency ?? 8);
  return Promise.all(
    changes.map(
      (change) => limiter.run(async () => {
        try {
          return { change, result: await applyOne(client, change, opts) };
        } catch (error) {
          return { change, error };
        }
      })
    )
  );
}
function previousState(change) {
  const { live, resource } = change;
  if (!live) return void 0;
  const pick = (from, keys) => Object.fromEntries(keys.flatMap((k) => from?.[k] === void 0 ? [] : [[k, from[k]]]));
  const annotations = [
    ...Object.keys(resource.metadata.annotations ?? {}),
    ...ROLLBACK_MARK_ANNOTATIONS
  ];
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    metadata: {
      name: resource.metadata.name,
      namespace: resource.metadata.namespace,
      labels: pick(live.metadata.labels, Object.keys(resource.metadata.labels ?? {})),
      annotations: pick(live.metadata.annotations, annotations)
    },
    spec: live.spec
  };
}
async function undoApplies(client, written) {
  const limiter = createLimiter(8);
  return Promise.all(
    written.map(
      ({ change, result }) => limiter.run(async () => {
        const previous = previousState(change);
        try {
          const done = await writeIfUnchanged(client, change.resource, result, async (now) => {
            const { name, namespace, uid, resourceVersion } = now.metadata;
            if (previous) {
              await applyResource(client, withResourceVersion(previous, resourceVersion), {
                force: true
              });
            } else {
              const ns = namespace ?? "default";
              await deleteResource(client, now.kind, ns, name, uid, resourceVersion);
            }
          });
          if (done.outcome === "changed") return { change, skipped: done.why };
          if (done.outcome === "gone" && previous) return { change, skipped: "it was deleted" };
          return { change };
        } catch (error) {
          return { change, error };
        }
      })
    )
  );
}
async function pruneObjects(client, objects, concurrency = 8) {
  const limiter = createLimiter(concurrency);
  return Promise.all(
    objects.map(
      (object) => limiter.run(async () => {
        try {
          const done = await writeIfUnchanged(client, object, object, (now) => {
            const { name, namespace, uid, resourceVersion } = now.metadata;
            const ns = namespace ?? "default";
            return deleteResource(client, now.kind, ns, name, uid, resourceVersion);
          });
          return done.outcome === "changed" ? { object, skipped: done.why } : { object };
        } catch (error) {
          return { object, error };
        }
      })
    )
  );
}
async function dryRunPrune(client, objects, concurrency = 8) {
  const limiter = createLimiter(concurrency);
  return Promise.all(
    objects.map(
      (object) => limiter.run(async () => {
        const { name, namespace, uid } = object.metadata;
        try {
          await deleteResource(client, object.kind, namespace ?? "default", name, uid, void 0, {
            dryRun: true
          });
          return { object };
        } catch (error) {
          return isNotFound(error) || isStale(error) ? { object } : { object, error };
        }
      })
    )
  );
}

// src/kube/conditions.ts
function getCondition(conditions, type) {
  return conditions?.find((c) => c.type === type);
}
function describeCondition(c) {
  if (c === void 0) return "";
  return [c.reason, c.message].filter((s) => s !== "").join(": ");
}

// src/kube/readiness.ts
function isTerminal(state) {
  return state === "ready" || state === "failed" || state === "rolledBack";
}
function current(conditions, type, generation) {
  const c = getCondition(conditions, type);
  if (c === void 0) return void 0;
  return c.observedGeneration === void 0 || c.observedGeneration >= generation ? c : void 0;
}
function notObserved(observedGeneration, generation) {
  if (observedGeneration !== void 0 && observedGeneration >= generation) return void 0;
  return {
    state: "pending",
    message: `waiting for the controller to pick up generation ${generation}`
  };
}
var DELETED_WHILE_WAITING = {
  state: "failed",
  superseded: true,
  message: "was deleted while waiting (by a delete, another deploy's prune or kubectl), so this run cannot report on its own"
};
function supersededProgress(object, applied) {
  const now = object.metadata.generation;
  if (applied === void 0 || now === void 0 || now === applied) return void 0;
  return {
    state: "failed",
    superseded: true,
    message: `superseded while waiting: it is at generation ${now} (this run applied ${applied}), last deployed by ${deployedBy(object.metadata)}; that outcome is not this run's to report`
  };
}
function progressOf(o) {
  return o.kind === "TrafficSplitter" ? splitterProgress(o) : rolloutProgress(o);
}
function splitterProgress(splitter) {
  const generation = splitter.metadata.generation ?? 1;
  const status = splitter.status ?? {};
  const pending = notObserved(status.observedGeneration, generation);
  if (pending !== void 0) return pending;
  const ready = current(status.conditions, "Ready", generation);
  if (status.phase === "Failed") {
    const why2 = describeCondition(ready);
    return { state: "failed", message: `failed${why2 ? `: ${why2}` : ""}` };
  }
  if (ready?.status === "True") {
    const degraded = current(status.conditions, "Degraded", generation);
    const note = degraded?.status === "True" ? `; but ${describeCondition(degraded)}` : "";
    return { state: "ready", message: `Ready, ${ready.message}${note}` };
  }
  const why = describeCondition(ready);
  return {
    state: "progressing",
    message: `${status.phase ?? "Progressing"}${why ? `: ${why}` : ""}`
  };
}
function isSettledPhase(phase) {
  return phase === "Ready" || phase === "NotReady";
}
function rolloutProgress(api) {
  const generation = api.metadata.generation ?? 1;
  const status = api.status ?? {};
  const revision = status.currentRevision;
  const rev = revision === void 0 ? "" : ` (revision ${revision})`;
  const pending = notObserved(status.observedGeneration, generation);
  if (pending !== void 0) return pending;
  const conditions = status.conditions;
  const rolledBack = current(conditions, "RolledBack", generation);
  if (rolledBack?.status === "True") {
    const degraded = current(conditions, "Degraded", generation);
    const also = degraded?.status === "True" && degraded.message !== rolledBack.message ? `; ${describeCondition(degraded)}` : "";
    return {
      state: "rolledBack",
      message: `rolled back${rev}: ${describeCondition(rolledBack)}${also}`,
      revision
    };
  }
  const ready = current(conditions, "Ready", generation);
  if (status.phase === "Failed") {
    const why = describeCondition(current(conditions, "Degraded", generation)) || describeCondition(ready);
    return { state: "failed", message: `failed${rev}${why ? `: ${why}` : ""}`, revision };
  }
  const replicas = `${status.readyReplicas ?? 0}/${status.desiredReplicas ?? status.replicas ?? 0} ready`;
  if (ready?.status === "True") {
    return { state: "ready", message: `Ready, ${replicas}${rev}`, revision };
  }
  if (isSettledPhase(status.phase) && ready !== void 0) {
    const degraded = current(conditions, "Degraded", generation);
    const why = degraded?.status === "True" ? `; ${describeCondition(degraded)}` : "";
    return {
      state: "progressing",
      message: `NotReady, ${replicas}${rev}: ${ready.message || ready.reason}${why}`,
      revision
    };
  }
  const progressing = describeCondition(current(conditions, "Progressing", generation));
  return {
    state: "progressing",
    message: `${status.phase ?? "Progressing"}${progressing ? `: ${progressing}` : `, ${replicas}${rev}`}`,
    revision
  };
}

export {
  ConcurrentChange,
  deployedBy,
  readLive,
  applyChanges,
  undoApplies,
  pruneObjects,
  dryRunPrune,
  getCondition,
  describeCondition,
  isTerminal,
  DELETED_WHILE_WAITING,
  supersededProgress,
  progressOf,
  splitterProgress,
  isSettledPhase,
  rolloutProgress
};
