// "ready-only" mode, for scale tests with thousands of pods: nothing runs. Each pod gets an
// address from a counter and is reported Running with every container running and ready; a
// deleted pod is removed from the API at once. Per pod we keep only its uid and address.
import { newRecord } from "./container-state.ts";
import { readyOnlyIp } from "./ip-pool.ts";
import { isNotFound, type KubeClient } from "./kube-client.ts";
import type { Pod } from "./kube-types.ts";
import { podStatusPatch } from "./pod-status.ts";
import type { StatusQueue } from "./status-queue.ts";

function apiTime(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}

/** The status of a pod whose containers all "run": init containers completed, the rest ready. */
export function readyStatus(pod: Pod, podIp: string, hostIp: string, now: string) {
  const records = [
    ...(pod.spec.initContainers ?? []).map((c) => {
      const sidecar = c.restartPolicy === "Always";
      const r = newRecord(c.name, c.image ?? "", true, sidecar);
      r.state = sidecar
        ? { kind: "running", startedAt: now }
        : {
            kind: "exited",
            terminated: { exitCode: 0, reason: "Completed", startedAt: now, finishedAt: now },
          };
      r.ready = sidecar;
      r.started = sidecar;
      return r;
    }),
    ...pod.spec.containers.map((c) => {
      const r = newRecord(c.name, c.image ?? "", false);
      r.state = { kind: "running", startedAt: now };
      r.ready = true;
      r.started = true;
      return r;
    }),
  ];
  for (const r of records) r.imageId = "sandbox-image://ready-only";
  return podStatusPatch({
    phase: "Running",
    records,
    sandboxReady: true,
    readinessGates: [],
    previous: pod.status?.conditions ?? [],
    now,
    hostIp,
    podIp,
    startTime: now,
  }).status;
}

export class ReadyOnlyPods {
  /** uid → pod address. */
  private readonly pods = new Map<string, string>();
  private readonly deleting = new Set<string>();
  private counter = 0;

  constructor(
    private readonly client: KubeClient,
    private readonly statuses: StatusQueue,
    private readonly hostIp: string,
    private readonly log: (message: string) => void,
  ) {}

  upserted(pod: Pod): void {
    const uid = pod.metadata.uid ?? "";
    if (pod.metadata.deletionTimestamp) {
      void this.remove(pod);
      return;
    }
    if (this.pods.has(uid)) return;
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") return;
    // A pod we reported before a kubelet restart keeps its address.
    const ip = pod.status?.podIP || readyOnlyIp(this.counter++);
    this.pods.set(uid, ip);
    if (pod.status?.podIP && pod.status.phase === "Running") return;
    const status = readyStatus(pod, ip, this.hostIp, apiTime());
    this.statuses.set(pod.metadata.namespace ?? "default", pod.metadata.name, uid, status);
  }

  deleted(pod: Pod): void {
    const uid = pod.metadata.uid ?? "";
    this.pods.delete(uid);
    this.statuses.drop(uid);
  }

  synced(pods: Pod[]): void {
    const present = new Set(pods.map((p) => p.metadata.uid ?? ""));
    for (const uid of [...this.pods.keys()]) if (!present.has(uid)) this.pods.delete(uid);
    for (const pod of pods) this.upserted(pod);
  }

  get size(): number {
    return this.pods.size;
  }

  private async remove(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? "";
    if (this.deleting.has(uid)) return;
    this.deleting.add(uid);
    this.statuses.drop(uid);
    const ns = pod.metadata.namespace ?? "default";
    try {
      await this.client.delete(
        `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}?gracePeriodSeconds=0`,
        {
          apiVersion: "v1",
          kind: "DeleteOptions",
          gracePeriodSeconds: 0,
          preconditions: { uid },
        },
      );
    } catch (err) {
      if (!isNotFound(err))
        this.log(`ready-only: delete ${ns}/${pod.metadata.name}: ${String(err)}`);
    } finally {
      this.deleting.delete(uid);
      this.pods.delete(uid);
    }
  }
}
