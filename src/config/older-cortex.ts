// Fields of Cortex versions before v0.42 that people migrating still write. Each one would
// otherwise get a bare "unknown field", which does not tell them the format moved on.

const MOVED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  api: {
    predictor: "the containers listed under `pod.containers`, each with its own `image`",
    handler: "the containers listed under `pod.containers`, each with its own `image`",
    compute: "each container's own `compute` (`pod.containers[].compute`)",
  },
  autoscaling: {
    target_replica_concurrency: "`autoscaling.target_in_flight`",
    max_replica_concurrency: "`pod.max_concurrency` and `pod.max_queue_length`",
    workers_per_replica: "`pod.max_concurrency`, the requests a replica's containers take at once",
    threads_per_worker: "`pod.max_concurrency`, the requests a replica's containers take at once",
  },
};

/**
 * Says what replaced `key` if it is a field of an older Cortex format, at `parent`: "api" for an API's
 * own fields, else the name of the mapping holding it ("autoscaling").
 */
export function olderCortexField(parent: string, key: string): string | undefined {
  const moved = MOVED[parent]?.[key];
  if (moved === undefined) return undefined;
  return `it is from Cortex's format before v0.42 (cortex-deploy reads v0.42's), replaced by ${moved} (see docs/cortex-yaml.md)`;
}
