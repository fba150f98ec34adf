// A real Deployment on the process kubelet: the Deployment and ReplicaSet controllers and the
// scheduler are the real ones; the pods are local processes, each in its own network namespace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../sandbox/kubelet/kube-client.ts";
import type { List, Pod } from "../../sandbox/kubelet/kube-types.ts";
import {
  adminClient,
  createNamespace,
  deleteNamespace,
  type EchoReply,
  eventually,
  httpJson,
  isReady,
  listPods,
  podGone,
} from "./helpers.ts";

interface Deployment {
  metadata: { generation?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
  };
}

interface ReplicaSet {
  metadata: { name: string };
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
  status?: { replicas?: number };
}

let client: KubeClient;
let ns: string;
const selector = "app=echo";

function deployment(tag: string) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "echo" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "echo" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: "echo" } },
        spec: {
          terminationGracePeriodSeconds: 5,
          containers: [
            {
              name: "echo",
              image: `sandbox.test/http-echo:${tag}`,
              ports: [{ containerPort: 8080 }],
              readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 1 },
            },
          ],
        },
      },
    },
  };
}

async function readyPods(): Promise<Pod[]> {
  const pods = await listPods(client, ns, selector);
  return pods.filter((p) => isReady(p) && !p.metadata.deletionTimestamp);
}

beforeAll(async () => {
  client = await adminClient();
  ns = await createNamespace(client, "kubelet-deploy");
  await client.post(`/apis/apps/v1/namespaces/${ns}/deployments`, deployment("v1"));
});

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
});

describe("a Deployment on the process kubelet", () => {
  it("runs 3 Ready pods with distinct IPs that answer HTTP from the host", async () => {
    const pods = await eventually("3 Ready pods", async () => {
      const ready = await readyPods();
      return ready.length === 3 ? ready : undefined;
    });
    const ips = pods.map((p) => p.status?.podIP ?? "");
    expect(new Set(ips).size).toBe(3);
    for (const pod of pods) {
      expect(pod.status?.podIPs).toEqual([{ ip: pod.status?.podIP }]);
      expect(pod.status?.hostIP).toBe(pod.status?.hostIPs?.[0]?.ip);
      // All three listen on 8080: each has its own network namespace.
      const reply = await httpJson<EchoReply>(pod.status?.podIP ?? "", 8080, "/hello");
      expect(reply.hostname).toBe(pod.metadata.name);
      expect(reply.tag).toBe("v1");
      const status = pod.status?.containerStatuses?.[0];
      expect(status).toMatchObject({ name: "echo", ready: true, started: true, restartCount: 0 });
      expect(status?.state.running?.startedAt).toBeTruthy();
    }
  });

  it("rolls out a new image tag through the real Deployment controller", async () => {
    const updated = await client.patch<Deployment>(
      `/apis/apps/v1/namespaces/${ns}/deployments/echo`,
      {
        spec: {
          template: {
            spec: { containers: [{ name: "echo", image: "sandbox.test/http-echo:v2" }] },
          },
        },
      },
      "strategic",
    );
    const generation = updated.metadata.generation ?? 0;
    await eventually("the rollout to finish", async () => {
      const d = await client.get<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments/echo`);
      const s = d.status ?? {};
      return (
        (s.observedGeneration ?? 0) >= generation &&
        s.updatedReplicas === 3 &&
        s.availableReplicas === 3 &&
        s.replicas === 3
      );
    });
    // Old pods are terminated and removed, not left behind.
    const pods = await eventually("only the new pods", async () => {
      const all = await listPods(client, ns, selector);
      const v2 = all.filter((p) => p.spec.containers[0]?.image === "sandbox.test/http-echo:v2");
      return all.length === 3 && v2.length === 3 && v2.every(isReady) ? all : undefined;
    });
    for (const pod of pods) {
      const reply = await httpJson<EchoReply>(pod.status?.podIP ?? "", 8080);
      expect(reply.tag).toBe("v2");
    }
    const sets = await client.get<List<ReplicaSet>>(
      `/apis/apps/v1/namespaces/${ns}/replicasets?labelSelector=${encodeURIComponent(selector)}`,
    );
    const byImage = Object.fromEntries(
      sets.items.map((rs) => [rs.spec.template.spec.containers[0]?.image, rs.spec.replicas]),
    );
    expect(byImage).toEqual({ "sandbox.test/http-echo:v1": 0, "sandbox.test/http-echo:v2": 3 });
  });

  it("replaces a deleted pod", async () => {
    const before = await readyPods();
    const victim = before[0];
    expect(victim).toBeDefined();
    if (!victim) return;
    await client.delete(`/api/v1/namespaces/${ns}/pods/${victim.metadata.name}`);
    await eventually("the deleted pod to be gone", () => podGone(client, ns, victim.metadata.name));
    const after = await eventually("3 Ready pods again", async () => {
      const ready = await readyPods();
      return ready.length === 3 ? ready : undefined;
    });
    const names = after.map((p) => p.metadata.name);
    expect(names).not.toContain(victim.metadata.name);
    const replacement = after.find((p) => !before.some((b) => b.metadata.name === p.metadata.name));
    expect(replacement).toBeDefined();
    const reply = await httpJson<EchoReply>(replacement?.status?.podIP ?? "", 8080);
    expect(reply.hostname).toBe(replacement?.metadata.name);
  });
});
