// Registers the kubelet's Node and keeps it healthy: a Lease in kube-node-lease renewed every
// 10 s (what the node lifecycle controller watches) and the Ready condition's heartbeat.
import type { NodeTaint } from "./config.ts";
import { isConflict, isNotFound, type KubeClient } from "./kube-client.ts";

export interface NodeOptions {
  nodeName: string;
  hostIp: string;
  port: number;
  mode: "process" | "ready-only";
  taints?: NodeTaint[];
}

export const nodeCapacity: Record<string, string> = {
  cpu: "64",
  memory: "256Gi",
  pods: "5000",
  "ephemeral-storage": "1Ti",
};

export const kubeletVersion = "v1.35.4";

function arch(): string {
  return process.arch === "x64" ? "amd64" : process.arch;
}

/** Seconds-precision RFC 3339, the API's Time format. */
function apiTime(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z");
}

/** The node's status; `since` is when this kubelet registered (the conditions' transition). */
export function nodeStatus(opts: NodeOptions, heartbeat: string, since: string) {
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: since,
  });
  return {
    capacity: nodeCapacity,
    allocatable: nodeCapacity,
    conditions: [
      condition(
        "MemoryPressure",
        "False",
        "KubeletHasSufficientMemory",
        "kubelet has sufficient memory available",
      ),
      condition(
        "DiskPressure",
        "False",
        "KubeletHasNoDiskPressure",
        "kubelet has no disk pressure",
      ),
      condition(
        "PIDPressure",
        "False",
        "KubeletHasSufficientPID",
        "kubelet has sufficient PID available",
      ),
      condition(
        "Ready",
        "True",
        "KubeletReady",
        `sandbox process kubelet is posting ready status (${opts.mode})`,
      ),
    ],
    addresses: [
      { type: "InternalIP", address: opts.hostIp },
      { type: "Hostname", address: opts.nodeName },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: opts.port } },
    nodeInfo: {
      machineID: "",
      systemUUID: "",
      bootID: "",
      kernelVersion: "",
      osImage: "cortex-deploy sandbox",
      containerRuntimeVersion: "sandbox://1",
      kubeletVersion,
      kubeProxyVersion: "",
      operatingSystem: "linux",
      architecture: arch(),
    },
  };
}

function nodeObject(opts: NodeOptions, now: string) {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: opts.nodeName,
      labels: {
        "kubernetes.io/hostname": opts.nodeName,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": arch(),
        "sandbox.cortex-deploy.dev/kubelet-mode": opts.mode,
      },
    },
    spec: opts.taints?.length ? { taints: opts.taints } : {},
    status: nodeStatus(opts, now, now),
  };
}

/** Lease times are MicroTime: RFC 3339 with microseconds. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

export class NodeHeartbeat {
  private timers: NodeJS.Timeout[] = [];
  private nodeUid = "";
  private readonly since = apiTime(new Date());

  constructor(
    private readonly client: KubeClient,
    private readonly opts: NodeOptions,
    private readonly log: (message: string) => void,
  ) {}

  async register(): Promise<void> {
    try {
      const created = await this.client.post<{ metadata: { uid: string } }>(
        "/api/v1/nodes",
        nodeObject(this.opts, this.since),
      );
      this.nodeUid = created.metadata.uid;
    } catch (err) {
      if (!isConflict(err)) throw err;
      const existing = await this.client.get<{ metadata: { uid: string } }>(
        `/api/v1/nodes/${this.opts.nodeName}`,
      );
      this.nodeUid = existing.metadata.uid;
    }
    await this.postStatus();
    await this.renewLease();
    this.timers.push(setInterval(() => this.tick(() => this.renewLease()), 10_000));
    this.timers.push(setInterval(() => this.tick(() => this.postStatus()), 30_000));
  }

  private tick(fn: () => Promise<void>): void {
    fn().catch((err: unknown) => this.log(`node heartbeat: ${String(err)}`));
  }

  private async postStatus(): Promise<void> {
    const status = nodeStatus(this.opts, apiTime(new Date()), this.since);
    // Strategic merge: conditions merge by type.
    await this.client.patch(`/api/v1/nodes/${this.opts.nodeName}/status`, { status }, "strategic");
  }

  private async renewLease(): Promise<void> {
    const path = `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${this.opts.nodeName}`;
    const spec = {
      holderIdentity: this.opts.nodeName,
      leaseDurationSeconds: 40,
      renewTime: microTime(new Date()),
    };
    try {
      await this.client.patch(path, { spec }, "merge");
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.client.post("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: {
          name: this.opts.nodeName,
          namespace: "kube-node-lease",
          ownerReferences: [
            { apiVersion: "v1", kind: "Node", name: this.opts.nodeName, uid: this.nodeUid },
          ],
        },
        spec,
      });
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }
}
