import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  applyResource,
  deleteResource,
  listResources
} from "./chunk-2FMFJU4W.js";
import {
  createLimiter
} from "./chunk-VEHN3BLQ.js";
import {
  isNotFound
} from "./chunk-TF6QFQ4V.js";

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

export {
  readLive,
  applyChanges,
  pruneObjects
};
