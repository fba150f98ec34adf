// A kubelet of our own beside the sandbox's: killed and restarted, it cleans up what its pods
// left behind (pods deleted from the API while it was down are killed, their namespaces removed);
// on SIGTERM it stops its pods and exits. Its ready-only mode marks a big Deployment available.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { tryRun } from "../../sandbox/kubelet/exec.ts";
import type { KubeClient } from "../../sandbox/kubelet/kube-client.ts";
import type { List, Pod } from "../../sandbox/kubelet/kube-types.ts";
import { netnsPrefix, subnetIndexOfCidr } from "../../sandbox/kubelet/network-names.ts";
import { procStartTime } from "../../sandbox/kubelet/pid-records.ts";
import {
  adminClient,
  createNamespace,
  deleteNamespace,
  eventually,
  getPod,
  isReady,
  podGone,
} from "./helpers.ts";
import { type OwnKubelet, ownKubelet, testToleration } from "./own-kubelet.ts";

let client: KubeClient;
let ns: string;
let outDir: string;
const kubelets: OwnKubelet[] = [];

beforeAll(async () => {
  client = await adminClient();
  ns = await createNamespace(client, "kubelet-restart");
  outDir = await mkdtemp(join(tmpdir(), "kubelet-restart-"));
});

afterAll(async () => {
  for (const k of kubelets) await k.dispose();
  await deleteNamespace(client, ns);
  client.close();
  await rm(outDir, { recursive: true, force: true });
});

/** A pod bound straight to the node (no scheduler) that records its pid and sleeps. */
function sleeper(name: string, nodeName: string) {
  return client.post<Pod>(`/api/v1/namespaces/${ns}/pods`, {
    metadata: { name },
    spec: {
      nodeName,
      tolerations: [testToleration],
      terminationGracePeriodSeconds: 2,
      volumes: [{ name: "out", hostPath: { path: outDir } }],
      containers: [
        {
          name: "app",
          image: "sandbox.test/crash:v1",
          // Kubernetes reads $$ as an escaped $: $$$$ reaches sh as $$.
          command: ["/bin/sh", "-c", `echo $$$$ > /mnt/out/${name}.pid; exec sleep 3600`],
          volumeMounts: [{ name: "out", mountPath: "/mnt/out" }],
        },
      ],
    },
  });
}

/** The pid the pod wrote, once its container runs, with that process's start time. */
async function runningPid(name: string): Promise<{ pid: number; started: string }> {
  await eventually(`${name} running`, async () => {
    const s = (await getPod(client, ns, name)).status?.containerStatuses?.[0];
    return s?.state.running !== undefined;
  });
  return eventually(`${name}'s pid`, async () => {
    const text = await readFile(join(outDir, `${name}.pid`), "utf8").catch(() => "");
    const pid = Number(text);
    const started = text.endsWith("\n") ? procStartTime(pid) : undefined;
    return started ? { pid, started } : undefined;
  });
}

async function podNamespaces(kubelet: OwnKubelet): Promise<string[]> {
  const prefix = netnsPrefix(subnetIndexOfCidr(kubelet.network.podCidr));
  const out = await tryRun("ip", ["netns", "list"]);
  return out.stdout
    .split("\n")
    .map((l) => l.split(" ")[0] ?? "")
    .filter((n) => n.startsWith(prefix));
}

describe("a kubelet that crashed and comes back", () => {
  it("kills pods deleted while it was down, restarts the rest, and stops them on SIGTERM", async () => {
    const kubelet = await ownKubelet(client, "process");
    kubelets.push(kubelet);
    onTestFailed(() => console.error(`our kubelet's log:\n${kubelet.output()}`));
    // Without root there are no namespaces to count; everything else holds in loopback mode.
    const namespaces = async () =>
      kubelet.network.mode === "netns" ? (await podNamespaces(kubelet)).length : undefined;
    const expected = (n: number) => (kubelet.network.mode === "netns" ? n : undefined);
    await kubelet.start();
    const node = kubelet.config.nodeName;
    await sleeper("orphan", node);
    await sleeper("survivor", node);
    const orphan = await runningPid("orphan");
    const survivor = await runningPid("survivor");
    expect(await namespaces()).toBe(expected(2));

    // A crash: the pods' processes live on in their own process groups.
    expect(await kubelet.signal("SIGKILL")).toBeNull();
    expect(procStartTime(orphan.pid)).toBe(orphan.started);
    // Deleted while the kubelet is away; a force delete removes it from the API at once.
    await client.delete(`/api/v1/namespaces/${ns}/pods/orphan?gracePeriodSeconds=0`);
    expect(await podGone(client, ns, "orphan")).toBe(true);

    await kubelet.start();
    expect(procStartTime(orphan.pid)).not.toBe(orphan.started);
    expect(procStartTime(survivor.pid)).not.toBe(survivor.started);
    // The survivor runs again, as a fresh process; the orphan's namespace is gone.
    const restarted = await eventually("the survivor's new process", async () => {
      const again = await runningPid("survivor");
      return again.pid !== survivor.pid ? again : undefined;
    });
    expect(await namespaces()).toBe(expected(1));

    // SIGTERM: pods are stopped gracefully and the kubelet exits cleanly; the pod stays in the API.
    expect(await kubelet.signal("SIGTERM")).toBe(0);
    expect(procStartTime(restarted.pid)).not.toBe(restarted.started);
    expect(await namespaces()).toBe(expected(0));
    expect(await podGone(client, ns, "survivor")).toBe(false);
  });
});

interface Deployment {
  status?: { availableReplicas?: number; readyReplicas?: number };
}

describe("ready-only mode", () => {
  const replicas = 200;

  it("marks every pod of a large Deployment running and ready without running anything", async () => {
    const kubelet = await ownKubelet(client, "ready-only");
    kubelets.push(kubelet);
    onTestFailed(() => console.error(`our kubelet's log:\n${kubelet.output()}`));
    await kubelet.start();
    const node = kubelet.config.nodeName;
    await client.post(`/apis/apps/v1/namespaces/${ns}/deployments`, {
      metadata: { name: "many" },
      spec: {
        replicas,
        selector: { matchLabels: { app: "many" } },
        template: {
          metadata: { labels: { app: "many" } },
          spec: {
            nodeSelector: { "kubernetes.io/hostname": node },
            tolerations: [testToleration],
            initContainers: [{ name: "setup", image: "registry.invalid/not-even-mapped:1" }],
            containers: [{ name: "app", image: "registry.invalid/not-even-mapped:1" }],
          },
        },
      },
    });
    await eventually(
      `${replicas} available replicas`,
      async () => {
        const d = await client.get<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments/many`);
        return d.status?.availableReplicas === replicas;
      },
      240_000,
    );
    const pods = await client.get<List<Pod>>(
      `/api/v1/namespaces/${ns}/pods?labelSelector=app%3Dmany`,
    );
    expect(pods.items).toHaveLength(replicas);
    expect(pods.items.every(isReady)).toBe(true);
    const ips = pods.items.map((p) => p.status?.podIP ?? "");
    expect(new Set(ips).size).toBe(replicas);
    expect(ips.every((ip) => ip.startsWith("127.213."))).toBe(true);
    const pod = pods.items[0];
    expect(pod?.status?.initContainerStatuses?.[0]?.state.terminated?.reason).toBe("Completed");
    expect(pod?.status?.containerStatuses?.[0]).toMatchObject({ ready: true, started: true });

    await client.patch(
      `/apis/apps/v1/namespaces/${ns}/deployments/many`,
      { spec: { replicas: 0 } },
      "merge",
    );
    await eventually(
      "every pod gone",
      async () => {
        const left = await client.get<List<Pod>>(
          `/api/v1/namespaces/${ns}/pods?labelSelector=app%3Dmany`,
        );
        return left.items.length === 0;
      },
      240_000,
    );
  });
});
