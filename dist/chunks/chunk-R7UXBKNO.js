import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  applyResource,
  deleteResource,
  listResources
} from "./chunk-E5ZOTLEY.js";
import {
  createLimiter
} from "./chunk-VEHN3BLQ.js";
import {
  isNotFound
} from "./chunk-65QILXQ2.js";

// src/kube/apply.ts
async function readLive(client, namespace) {
  const [realtime, splitters] = await Promise.all([
    listResources(client, "RealtimeAPI", namespace),
    listResources(client, "TrafficSplitter", namespace)
  ]);
  return [...realtime.items, ...splitters.items];
}
async function applyChanges(client, changes, opts = {}) {
  const limiter = createLimiter(opts.concurrency ?? 8);
  return Promise.all(
    changes.map(
      (change) => limiter.run(async () => {
        try {
          const result = await applyResource(client, change.resource, {
            dryRun: opts.dryRun,
            force: opts.force
          });
          return { change, result };
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
  const pick = (from, keys) => Object.fromEntries(
    Object.keys(keys ?? {}).flatMap((k) => from?.[k] === void 0 ? [] : [[k, from[k]]])
  );
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    metadata: {
      name: resource.metadata.name,
      namespace: resource.metadata.namespace,
      labels: pick(live.metadata.labels, resource.metadata.labels),
      annotations: pick(live.metadata.annotations, resource.metadata.annotations)
    },
    spec: live.spec
  };
}
async function undoApplies(client, written) {
  const limiter = createLimiter(8);
  return Promise.all(
    written.map(
      ({ change, result }) => limiter.run(async () => {
        try {
          const previous = previousState(change);
          if (previous) await applyResource(client, previous, { force: true });
          else if (result) {
            const { name, namespace, uid } = result.metadata;
            await deleteResource(client, result.kind, namespace ?? "default", name, uid);
          }
          return { change };
        } catch (error) {
          return isNotFound(error) && !change.live ? { change } : { change, error };
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
        const { name, namespace, uid } = object.metadata;
        try {
          await deleteResource(client, object.kind, namespace ?? "default", name, uid);
          return { object };
        } catch (error) {
          return isNotFound(error) ? { object } : { object, error };
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
  const progressing = describeCondition(current(conditions, "Progressing", generation));
  return {
    state: "progressing",
    message: `${status.phase ?? "Progressing"}${progressing ? `: ${progressing}` : `, ${replicas}${rev}`}`,
    revision
  };
}

export {
  readLive,
  applyChanges,
  undoApplies,
  pruneObjects,
  getCondition,
  describeCondition,
  isTerminal,
  progressOf,
  splitterProgress,
  rolloutProgress
};
