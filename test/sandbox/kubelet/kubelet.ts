// The process kubelet: registers the Node, serves container logs, and keeps the pods bound to
// it running (process mode) or merely reported ready (ready-only mode).
import { readFileSync } from "node:fs";
import type { Server } from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import { cleanUpKubelet } from "./cleanup.ts";
import { backoffPolicy, type KubeletConfig } from "./config.ts";
import { createEventRecorder } from "./events.ts";
import { tryRun } from "./exec.ts";
import { ImageMapFiles } from "./image-map-files.ts";
import { IpPool } from "./ip-pool.ts";
import { isNotFound, KubeClient } from "./kube-client.ts";
import type { ConfigMap, Pod, Secret } from "./kube-types.ts";
import { type LogLookup, startLogServer } from "./log-server.ts";
import { NodeHeartbeat } from "./node.ts";
import { PodSource } from "./pod-source.ts";
import { PodWorker, type WorkerContext } from "./pod-worker.ts";
import { ReadyOnlyPods } from "./ready-only.ts";
import { StatusQueue } from "./status-queue.ts";
import type { VolumeSources } from "./volumes.ts";

export function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} kubelet: ${message}\n`);
}

/** Mount and UTS namespaces work here (root, and unshare is allowed). */
async function canUnshare(): Promise<boolean> {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return false;
  return (await tryRun("unshare", ["--mount", "--uts", "--propagation", "private", "true"])).ok;
}

async function retry<T>(what: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      if (attempt % 10 === 0) log(`${what}: ${String(err)}; retrying`);
      await sleep(Math.min(1000, 100 * (attempt + 1)));
    }
  }
}

function volumeSources(client: KubeClient): VolumeSources {
  const getOrUndefined = async <T>(path: string): Promise<T | undefined> => {
    try {
      return await client.get<T>(path);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
  return {
    secret: (ns, name) => getOrUndefined<Secret>(`/api/v1/namespaces/${ns}/secrets/${name}`),
    configMap: (ns, name) =>
      getOrUndefined<ConfigMap>(`/api/v1/namespaces/${ns}/configmaps/${name}`),
    token: async (pod, audience, expirationSeconds) => {
      const ns = pod.metadata.namespace ?? "default";
      const sa = pod.spec.serviceAccountName || "default";
      const result = await client.post<{ status: { token: string; expirationTimestamp: string } }>(
        `/api/v1/namespaces/${ns}/serviceaccounts/${sa}/token`,
        {
          apiVersion: "authentication.k8s.io/v1",
          kind: "TokenRequest",
          spec: {
            ...(audience ? { audiences: [audience] } : {}),
            expirationSeconds,
            boundObjectRef: {
              apiVersion: "v1",
              kind: "Pod",
              name: pod.metadata.name,
              uid: pod.metadata.uid,
            },
          },
        },
      );
      return {
        token: result.status.token,
        expiresAtMs: Date.parse(result.status.expirationTimestamp),
      };
    },
  };
}

export class Kubelet {
  private readonly workers = new Map<string, PodWorker>();
  private readonly byName = new Map<string, PodWorker>();
  private readyOnly?: ReadyOnlyPods;
  private source?: PodSource;
  private heartbeat?: NodeHeartbeat;
  private server?: Server;
  private readonly statuses: StatusQueue;
  private workerContext?: WorkerContext;
  private stopping = false;

  private constructor(
    private readonly config: KubeletConfig,
    private readonly client: KubeClient,
  ) {
    this.statuses = new StatusQueue(client, config.mode === "ready-only" ? 16 : 4, log);
  }

  static async start(config: KubeletConfig): Promise<Kubelet> {
    const client = await KubeClient.fromKubeconfig(config.kubeconfig);
    const kubelet = new Kubelet(config, client);
    await kubelet.run();
    return kubelet;
  }

  private async run(): Promise<void> {
    const { config } = this;
    // Processes and namespaces a previous kubelet left behind; its pods are started afresh.
    await cleanUpKubelet(config.stateDir, config.network);
    if (config.mode === "ready-only") {
      this.readyOnly = new ReadyOnlyPods(this.client, this.statuses, config.network.hostIp, log);
    } else {
      const namespaced = config.network.mode === "netns" || (await canUnshare());
      if (!namespaced) log("no mount namespaces (not root?): volumes are not mounted at mountPath");
      this.workerContext = {
        config,
        client: this.client,
        images: new ImageMapFiles(config.imageFiles),
        ipPool: new IpPool(config.network.podCidr),
        backoff: backoffPolicy(config),
        statuses: this.statuses,
        namespaced,
        volumeSources: volumeSources(this.client),
        events: createEventRecorder(this.client, config.nodeName, log),
        log,
        finished: (worker) => this.forget(worker),
      };
    }
    this.server = await startLogServer({
      host: config.network.hostIp,
      port: config.port,
      cert: readFileSync(config.servingCertFile),
      key: readFileSync(config.servingKeyFile),
      lookup: this.lookupLog,
    });
    const heartbeat = new NodeHeartbeat(
      this.client,
      {
        nodeName: config.nodeName,
        hostIp: config.network.hostIp,
        port: config.port,
        mode: config.mode,
        taints: config.registerWithTaints,
      },
      log,
    );
    this.heartbeat = heartbeat;
    await retry("registering the node", () => heartbeat.register());
    const source = new PodSource(
      this.client,
      config.nodeName,
      {
        synced: (pods) => this.synced(pods),
        upserted: (pod) => this.upserted(pod),
        deleted: (pod) => this.deleted(pod),
      },
      log,
    );
    this.source = source;
    await retry("listing pods", () => source.start());
    log(
      `node ${config.nodeName} ready (${config.mode}, network ${config.network.mode} ${config.network.podCidr}, logs on ${config.network.hostIp}:${config.port})`,
    );
  }

  private synced(pods: Pod[]): void {
    if (this.readyOnly) {
      this.readyOnly.synced(pods);
      return;
    }
    const present = new Set(pods.map((p) => p.metadata.uid));
    for (const worker of [...this.workers.values()]) {
      if (!present.has(worker.uid)) void worker.removed();
    }
    for (const pod of pods) this.upserted(pod);
  }

  private upserted(pod: Pod): void {
    if (this.stopping) return;
    if (this.readyOnly) {
      this.readyOnly.upserted(pod);
      return;
    }
    const ctx = this.workerContext;
    const uid = pod.metadata.uid ?? "";
    const existing = this.workers.get(uid);
    if (existing) {
      existing.update(pod);
      return;
    }
    if (!ctx) return;
    const phase = pod.status?.phase;
    // A pod that finished before this kubelet started stays finished.
    if ((phase === "Succeeded" || phase === "Failed") && !pod.metadata.deletionTimestamp) return;
    const worker = new PodWorker(pod, ctx);
    this.workers.set(uid, worker);
    this.byName.set(`${worker.namespace}/${worker.name}`, worker);
    if (pod.metadata.deletionTimestamp) {
      // Nothing of it runs here (any leftovers were cleaned at start): finish the deletion.
      void worker.terminate({ deleteFromApi: true });
      return;
    }
    worker.start();
  }

  private deleted(pod: Pod): void {
    if (this.readyOnly) {
      this.readyOnly.deleted(pod);
      return;
    }
    const worker = this.workers.get(pod.metadata.uid ?? "");
    if (worker) void worker.removed();
  }

  private forget(worker: PodWorker): void {
    if (this.workers.get(worker.uid) === worker) this.workers.delete(worker.uid);
    const key = `${worker.namespace}/${worker.name}`;
    if (this.byName.get(key) === worker) this.byName.delete(key);
  }

  private readonly lookupLog: LogLookup = (namespace, pod, container, previous) => {
    const worker = this.byName.get(`${namespace}/${pod}`);
    if (!worker)
      return {
        status: 404,
        message: `pod "${pod}" in namespace "${namespace}" not found on this node`,
      };
    return worker.logRun(container, previous);
  };

  /** Stops every pod (within graceCapMs each) and the kubelet itself; pods stay in the API. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.source?.stop();
    this.heartbeat?.stop();
    const graceCapMs = (this.config.shutdownGraceSeconds ?? 10) * 1000;
    await Promise.all(
      [...this.workers.values()].map((w) => w.terminate({ deleteFromApi: false, graceCapMs })),
    );
    await Promise.race([this.statuses.idle(), sleep(2000)]);
    this.server?.close();
    this.server?.closeAllConnections();
    this.client.close();
  }
}
