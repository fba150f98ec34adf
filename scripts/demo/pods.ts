// Reading the main API's pods, to narrate the broken revision: which pods run it, what state their
// container is in. Pure helpers, and one list call.
import type { KubeClient } from "../../src/kube/client.ts";

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; reason?: string; message?: string };
}

export interface PodLike {
  metadata: { name: string; deletionTimestamp?: string };
  spec?: { containers?: { name: string; env?: { name: string; value?: string }[] }[] };
  status?: {
    podIP?: string;
    phase?: string;
    containerStatuses?: {
      name: string;
      ready?: boolean;
      restartCount?: number;
      state?: ContainerState;
      lastState?: ContainerState;
    }[];
  };
}

export function hasEnv(pod: PodLike, key: string, value: string): boolean {
  return (pod.spec?.containers ?? []).some((c) =>
    (c.env ?? []).some((e) => e.name === key && e.value === value),
  );
}

/** "running, ready", "waiting (CrashLoopBackOff), restarts 2, last exit 1: <message>". */
export function describeContainer(pod: PodLike, container: string): string {
  const s = pod.status?.containerStatuses?.find((c) => c.name === container);
  if (s === undefined)
    return pod.status?.phase === undefined ? "scheduled" : `pod ${pod.status.phase}`;
  const parts: string[] = [];
  if (s.state?.running) parts.push(s.ready ? "running, ready" : "running, not ready");
  else if (s.state?.waiting) parts.push(`waiting (${s.state.waiting.reason ?? "?"})`);
  else if (s.state?.terminated) parts.push(`exited ${s.state.terminated.exitCode ?? "?"}`);
  else parts.push("starting");
  if ((s.restartCount ?? 0) > 0) parts.push(`restarts ${s.restartCount}`);
  const last = s.lastState?.terminated ?? s.state?.terminated;
  if (last !== undefined && !s.state?.running) {
    const message = (last.message ?? "").trim().split("\n").pop() ?? "";
    parts.push(`last exit ${last.exitCode ?? "?"}${message ? `: ${message.slice(0, 100)}` : ""}`);
  }
  if (pod.metadata.deletionTimestamp) parts.push("terminating");
  return parts.join(", ");
}

export async function listApiPods(
  client: KubeClient,
  namespace: string,
  api: string,
): Promise<PodLike[]> {
  const list = await client.request<{ items: PodLike[] }>(
    "GET",
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
    { query: { labelSelector: `cortexdeploy.dev/api=${api}` } },
  );
  return list.items;
}
