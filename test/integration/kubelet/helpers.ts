// Shared helpers for the process kubelet's integration tests: an admin API client, a namespace
// per test file (deleted afterwards), and polling until the cluster reaches a state.
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { isNotFound, KubeClient } from "../../sandbox/kubelet/kube-client.ts";
import type { Container, List, Pod } from "../../sandbox/kubelet/kube-types.ts";

export async function adminClient(): Promise<KubeClient> {
  const kubeconfig = process.env.KUBECONFIG;
  if (!kubeconfig)
    throw new Error("KUBECONFIG is not set: the integration global setup did not run");
  return KubeClient.fromKubeconfig(kubeconfig);
}

export async function createNamespace(client: KubeClient, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString("hex")}`;
  await client.post("/api/v1/namespaces", { metadata: { name } });
  // Pods need the namespace's default ServiceAccount, which a controller creates.
  await eventually(`ServiceAccount default in ${name}`, async () => {
    try {
      await client.get(`/api/v1/namespaces/${name}/serviceaccounts/default`);
      return true;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  });
  return name;
}

export async function deleteNamespace(client: KubeClient, name: string): Promise<void> {
  await client.delete(`/api/v1/namespaces/${name}`).catch(() => {});
}

/** Polls until check returns a value other than undefined/false; fails with the last state. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `gave up waiting for ${what} (last: ${last instanceof Error ? last.message : String(last)})`,
      );
    }
    await sleep(250);
  }
}

export function listPods(client: KubeClient, namespace: string, selector?: string): Promise<Pod[]> {
  const query = selector ? `?labelSelector=${encodeURIComponent(selector)}` : "";
  return client.get<List<Pod>>(`/api/v1/namespaces/${namespace}/pods${query}`).then((l) => l.items);
}

export function getPod(client: KubeClient, namespace: string, name: string): Promise<Pod> {
  return client.get<Pod>(`/api/v1/namespaces/${namespace}/pods/${name}`);
}

export interface PodEventSeen {
  type: string;
  reason: string;
  message: string;
  count: number;
  involvedObject: { kind: string; name: string; uid?: string; fieldPath?: string };
  source?: { component?: string; host?: string };
}

/** The Events recorded on one pod. */
export function podEvents(client: KubeClient, namespace: string, name: string) {
  const selector = encodeURIComponent(`involvedObject.kind=Pod,involvedObject.name=${name}`);
  return client
    .get<List<PodEventSeen>>(`/api/v1/namespaces/${namespace}/events?fieldSelector=${selector}`)
    .then((l) => l.items);
}

export function isReady(pod: Pod): boolean {
  return (
    pod.status?.phase === "Running" &&
    pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true
  );
}

export async function podGone(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<boolean> {
  try {
    await getPod(client, namespace, name);
    return false;
  } catch (err) {
    if (isNotFound(err)) return true;
    throw err;
  }
}

export function createPod(
  client: KubeClient,
  namespace: string,
  name: string,
  spec: { containers: Container[] } & Record<string, unknown>,
  labels: Record<string, string> = {},
): Promise<Pod> {
  return client.post<Pod>(`/api/v1/namespaces/${namespace}/pods`, {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels },
    spec,
  });
}

/** GET http://ip:port/path from the host; the body parsed as JSON. */
export function httpJson<T>(ip: string, port: number, path = "/"): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request({ host: ip, port, path, timeout: 5000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => {
        try {
          resolve(JSON.parse(body) as T);
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error(`GET http://${ip}:${port}${path} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

export interface EchoReply {
  hostname: string;
  podIp: string;
  tag: string;
}
