// Kubernetes Events (events.k8s.io/v1) about a RealtimeAPI or a TrafficSplitter, so `kubectl describe` and
// `kubectl events` show rollouts, failures and rollbacks next to the object.
import { randomBytes } from "node:crypto";
import type { KubeClient } from "../../../src/kube/client.ts";
import { NOTE_LIMIT } from "../../../src/kube/container-log-note.ts";
import { API_VERSION } from "../../../src/kube/resource.ts";
import type { Logger } from "../lib/log.ts";
import { RESOURCES, resourcePath } from "./kube/paths.ts";
import { microTime } from "./leader/lease.ts";
import type { ApiRef } from "./render/owner.ts";

export interface EventRecorder {
  record(
    api: ApiRef,
    type: "Normal" | "Warning",
    reason: string,
    note: string,
    kind?: "RealtimeAPI" | "TrafficSplitter",
  ): Promise<void>;
}

const CUT = "...";

/** The note, cut to fit NOTE_LIMIT bytes at a character boundary, marked as cut. */
export function fitNote(note: string): string {
  if (Buffer.byteLength(note) <= NOTE_LIMIT) return note;
  let bytes = 0;
  let end = 0;
  for (const ch of note) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > NOTE_LIMIT - CUT.length) break;
    bytes += size;
    end += ch.length;
  }
  return `${note.slice(0, end)}${CUT}`;
}

export function createEventRecorder(
  client: KubeClient,
  instance: string,
  log: Logger,
): EventRecorder {
  return {
    async record(api, type, reason, note, kind = "RealtimeAPI") {
      const now = Date.now();
      const body = {
        apiVersion: "events.k8s.io/v1",
        kind: "Event",
        metadata: {
          name: `${api.name}.${now.toString(16)}${randomBytes(3).toString("hex")}`,
          namespace: api.namespace,
        },
        eventTime: microTime(now),
        reportingController: "cortexdeploy.dev/controller",
        reportingInstance: instance.slice(0, 128),
        action: "Rollout",
        reason,
        type,
        note: fitNote(note),
        regarding: {
          apiVersion: API_VERSION,
          kind,
          name: api.name,
          namespace: api.namespace,
          uid: api.uid,
        },
      };
      try {
        await client.create(
          resourcePath(RESOURCES.events, api.namespace),
          body,
          "cortex-deploy-controller",
        );
      } catch (err) {
        // An event is a courtesy; the status says the same and must not wait for it.
        log.warn("cannot record event", { api: `${api.namespace}/${api.name}`, reason, err });
      }
    },
  };
}
