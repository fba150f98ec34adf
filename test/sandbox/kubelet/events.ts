// Events the kubelet records on pods, as the real kubelet does, for the failures a person looks at
// first (`kubectl describe`, deploy's failed-rollout diagnostics): probe failures (Unhealthy) and
// the restarts they cause (Killing). Repeats of one event aggregate into one object whose count
// grows, like client-go's event correlator, so a probe failing every second is one Event, not
// thousands. Best effort: an event that cannot be written is logged and dropped, never retried.
import { randomBytes } from "node:crypto";
import { isNotFound, type KubeClient } from "./kube-client.ts";
import type { Pod } from "./kube-types.ts";

export interface PodEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** The part of the pod it is about, e.g. `spec.containers{web}`. */
  fieldPath?: string;
}

export interface EventRecorder {
  record(pod: Pod, event: PodEvent): void;
}

interface Series {
  name: string;
  count: number;
  /** The Event object exists (as far as we know). */
  created: boolean;
  /** Writes of one series go in order, so counts never go backwards. */
  tail: Promise<void>;
}

/** Series remembered for aggregation; the oldest are forgotten beyond this. */
const MAX_SERIES = 4096;

export function createEventRecorder(
  client: KubeClient,
  nodeName: string,
  log: (message: string) => void,
): EventRecorder {
  const series = new Map<string, Series>();

  const create = async (pod: Pod, event: PodEvent, s: Series, now: string): Promise<void> => {
    const namespace = pod.metadata.namespace ?? "default";
    await client.post(`/api/v1/namespaces/${namespace}/events`, {
      metadata: { name: s.name, namespace },
      involvedObject: {
        apiVersion: "v1",
        kind: "Pod",
        namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        ...(event.fieldPath ? { fieldPath: event.fieldPath } : {}),
      },
      type: event.type,
      reason: event.reason,
      message: event.message,
      source: { component: "kubelet", host: nodeName },
      reportingComponent: "kubelet",
      reportingInstance: nodeName,
      firstTimestamp: now,
      lastTimestamp: now,
      count: s.count,
    });
  };

  const write = async (pod: Pod, event: PodEvent, s: Series): Promise<void> => {
    const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const namespace = pod.metadata.namespace ?? "default";
    if (!s.created) {
      await create(pod, event, s, now);
      s.created = true;
      return;
    }
    try {
      await client.patch(
        `/api/v1/namespaces/${namespace}/events/${s.name}`,
        { count: s.count, lastTimestamp: now },
        "merge",
      );
    } catch (err) {
      // The event expired (events live an hour) or was deleted: start the series again.
      if (!isNotFound(err)) throw err;
      s.created = false;
      s.name = `${pod.metadata.name}.${randomBytes(8).toString("hex")}`;
      await create(pod, event, s, now);
      s.created = true;
    }
  };

  return {
    record(pod, event) {
      const key = [pod.metadata.uid, event.fieldPath, event.type, event.reason, event.message].join(
        "\u0000",
      );
      let s = series.get(key);
      if (s) {
        s.count++;
        series.delete(key); // re-inserted below: the map's order is least recently used first
      } else {
        s = {
          name: `${pod.metadata.name}.${randomBytes(8).toString("hex")}`,
          count: 1,
          created: false,
          tail: Promise.resolve(),
        };
        if (series.size >= MAX_SERIES) series.delete(series.keys().next().value as string);
      }
      series.set(key, s);
      const current = s;
      current.tail = current.tail
        .then(() => write(pod, event, current))
        .catch((err: unknown) =>
          log(
            `pod ${pod.metadata.namespace}/${pod.metadata.name}: cannot record event ${event.reason}: ${err instanceof Error ? err.message : String(err)}`,
          ),
        );
    },
  };
}
