// Restarting the sandbox's kube-apiserver for real: a new process on the same port, certificates
// and etcd data; the controller manager, the scheduler and the kubelet reconnect by themselves;
// stop() still ends everything, the restarted process included. A sandbox of its own: the test
// takes its API server down, and its last step stops the whole sandbox.
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProcessRecord, type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { KubeClient } from "../../sandbox/kubelet/kube-client.ts";
import type { List, Pod } from "../../sandbox/kubelet/kube-types.ts";
import { readKubeconfig } from "../../sandbox/kubelet/kubeconfig.ts";
import { isRunning } from "../../sandbox/processes.ts";
import { readState, type SandboxState } from "../../sandbox/state.ts";

let sandbox: Sandbox;
let client: KubeClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = await KubeClient.fromKubeconfig(sandbox.kubeconfig);
});

afterAll(async () => {
  client?.close();
  // A no-op after the last test's stop(); a clean-up after a failure before it.
  await sandbox?.stop();
});

async function state(): Promise<SandboxState> {
  const s = await readState(sandbox.dir);
  if (s === undefined) throw new Error(`no state file in ${sandbox.dir}`);
  return s;
}

async function apiServerRecords(): Promise<ProcessRecord[]> {
  return (await state()).processes.filter((p) => p.name === "kube-apiserver");
}

/** host and port of the API server in the sandbox's kubeconfig. */
function apiServerAddress(): { host: string; port: number } {
  const url = new URL(readKubeconfig(sandbox.kubeconfig).server);
  return { host: url.hostname, port: Number(url.port) };
}

/** The error code of a TCP connection attempt, or "connected". */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

function httpGet(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: "/", timeout: 5000, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve(body));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${host}:${port} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  let last: unknown;
  // A safety net against hangs, not a performance limit.
  for (let attempt = 0; attempt < 1200; attempt++) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await sleep(100);
  }
  throw new Error(`gave up waiting for ${what} (last error: ${String(last)})`);
}

function kubeletLog(): string {
  return readFileSync(join(sandbox.dir, "logs", "kubelet.log"), "utf8");
}

/** Processes whose command line names the sandbox's folder: every component and the watchdog. */
function processesOfSandbox(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      continue; // gone meanwhile
    }
    if (cmdline.includes(sandbox.dir)) found.push(`${entry}: ${cmdline.slice(0, 200)}`);
  }
  return found;
}

describe("restarting the sandbox's kube-apiserver", () => {
  it("stops it, and starts a new process on the same port, certificates and etcd", async () => {
    const [before] = await apiServerRecords();
    expect(before && isRunning(before)).toBe(true);
    const others = (await state()).processes.filter((p) => p.name !== "kube-apiserver");
    const marker = { metadata: { name: "before-restart" }, data: { written: "before" } };
    await client.post("/api/v1/namespaces/default/configmaps", marker);

    await sandbox.stopApiServer();
    expect(isRunning(before as ProcessRecord)).toBe(false);
    expect(await apiServerRecords()).toEqual([]);
    const { host, port } = apiServerAddress();
    expect(await tryConnect(host, port)).toBe("ECONNREFUSED");
    // Nothing else went down with it.
    expect(others.every(isRunning)).toBe(true);

    const after = await sandbox.startApiServer();
    expect(after.pid).not.toBe(before?.pid);
    expect(isRunning(after)).toBe(true);
    // Recorded, so teardown and the watchdog find the new process.
    expect(await apiServerRecords()).toEqual([after]);
    // The same address, certificates (the kubeconfig still works) and etcd data.
    const read = await client.get<{ data?: Record<string, string> }>(
      "/api/v1/namespaces/default/configmaps/before-restart",
    );
    expect(read.data).toEqual({ written: "before" });
  });

  it("keeps the other components: a Deployment made after a restart gets ready pods", async () => {
    const [before] = await apiServerRecords();
    const after = await sandbox.restartApiServer();
    expect(after.pid).not.toBe(before?.pid);
    expect(await apiServerRecords()).toEqual([after]);

    // The Deployment and ReplicaSet controllers (controller manager), the scheduler and the
    // kubelet must all be talking to the new process for these pods to run and turn Ready.
    await client.post("/apis/apps/v1/namespaces/default/deployments", {
      metadata: { name: "after-restart" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "after-restart" } },
        template: {
          metadata: { labels: { app: "after-restart" } },
          spec: {
            containers: [
              {
                name: "echo",
                image: "sandbox.test/http-echo:v1",
                // Ready once it serves, not merely once it started.
                readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 1 },
              },
            ],
          },
        },
      },
    });
    // Counted by the Deployment controller, from pods the kubelet reported Ready.
    await eventually("the Deployment to count two ready replicas", async () => {
      const d = await client.get<{ status?: { readyReplicas?: number } }>(
        "/apis/apps/v1/namespaces/default/deployments/after-restart",
      );
      return d.status?.readyReplicas === 2 ? true : undefined;
    });
    const list = await client.get<List<Pod>>(
      "/api/v1/namespaces/default/pods?labelSelector=app%3Dafter-restart",
    );
    const ready = list.items.filter((p) =>
      p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
    );
    expect(ready).toHaveLength(2);
    for (const pod of ready) {
      expect(pod.spec?.nodeName).toBe("sandbox-node");
      const reply = JSON.parse(await httpGet(pod.status?.podIP ?? "", 8080)) as { tag: string };
      expect(reply.tag).toBe("v1");
    }
  });

  it("starts a pod's containers that were due while the API server was down, once it is back", async () => {
    await client.post("/api/v1/namespaces/default/secrets", {
      metadata: { name: "outage-env" },
      stringData: { tag: "after-outage" },
    });
    // The init container runs 4 s; the API server is down when it ends, so reading the app
    // container's env Secret fails at the moment the kubelet starts that container.
    await client.post("/api/v1/namespaces/default/pods", {
      metadata: { name: "outage-start" },
      spec: {
        terminationGracePeriodSeconds: 1,
        initContainers: [
          { name: "slow", image: "sandbox.test/crash:v1", command: ["/bin/sh", "-c", "sleep 4"] },
        ],
        containers: [
          {
            name: "echo",
            image: "sandbox.test/http-echo:v1",
            env: [
              {
                name: "ECHO_TAG",
                valueFrom: { secretKeyRef: { name: "outage-env", key: "tag" } },
              },
            ],
            readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 1 },
          },
        ],
      },
    });
    await eventually("the init container to run", async () => {
      const pod = await client.get<Pod>("/api/v1/namespaces/default/pods/outage-start");
      return pod.status?.initContainerStatuses?.[0]?.state.running ? true : undefined;
    });
    await sandbox.stopApiServer();
    try {
      await eventually("the kubelet to fail starting the app container", async () =>
        /outage-start: sync: /.test(kubeletLog()) ? true : undefined,
      );
    } finally {
      await sandbox.startApiServer();
    }
    const pod = await eventually("the pod to be Ready", async () => {
      const p = await client.get<Pod>("/api/v1/namespaces/default/pods/outage-start");
      return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")
        ? p
        : undefined;
    });
    const reply = JSON.parse(await httpGet(pod.status?.podIP ?? "", 8080)) as { tag: string };
    expect(reply.tag).toBe("after-outage");
  });

  it("reports a pod that turned Ready while the API server was down, once it is back", async () => {
    await client.post("/api/v1/namespaces/default/pods", {
      metadata: { name: "outage-ready" },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: "echo",
            image: "sandbox.test/http-echo:v1",
            readinessProbe: {
              httpGet: { path: "/healthz", port: 8080 },
              initialDelaySeconds: 3,
              periodSeconds: 1,
            },
          },
        ],
      },
    });
    await eventually("the container to run, not yet ready", async () => {
      const pod = await client.get<Pod>("/api/v1/namespaces/default/pods/outage-ready");
      const s = pod.status?.containerStatuses?.[0];
      return s?.state.running && !s.ready ? true : undefined;
    });
    await sandbox.stopApiServer();
    try {
      // Longer than the status writes' first retries (0.2 + 0.4 + … + 3.2 s) after the probe
      // passes.
      await sleep(12_000);
    } finally {
      await sandbox.startApiServer();
    }
    await eventually("the pod to be reported Ready", async () => {
      const p = await client.get<Pod>("/api/v1/namespaces/default/pods/outage-ready");
      return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")
        ? true
        : undefined;
    });
  });

  it("stop() leaves no process behind, the restarted kube-apiserver included", async () => {
    const s = await state();
    const records = [...s.processes, ...(s.watchdog ? [s.watchdog] : [])];
    expect(records.map((r) => r.name)).toContain("kube-apiserver");
    expect(processesOfSandbox()).not.toEqual([]);

    await sandbox.stop();
    expect(records.filter(isRunning)).toEqual([]);
    // Found by command line rather than by record: an API server whose pid the state file lost
    // would show up here.
    expect(processesOfSandbox()).toEqual([]);
  });
});
