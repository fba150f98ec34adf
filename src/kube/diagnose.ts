// Why a rollout failed, fetched from the cluster: the API's conditions, recent events of the API
// and its pods, the state of pods that are not Ready, and the last lines of the logs of failing
// containers (or, failing those, of containers that run but hold their pod back).
import type { KubeClient } from "./client.ts";
import { CONTAINER_LOG_REASON, isLogNoteOf } from "./container-log-note.ts";
import { describeKubeError } from "./errors.ts";
import { readLogTail } from "./logs.ts";
import type { Live } from "./objects.ts";
import {
  type EventLike,
  eventTime,
  failingContainers,
  formatConditions,
  formatEvents,
  formatUnreadyPods,
  type PodLike,
  stalledContainers,
} from "./pod-diagnostics.ts";
import { LABELS, type RealtimeApiResource } from "./resource.ts";

const EVENTS = 10;
const LOG_LINES = 20;
const MAX_LOGS = 3;
const MAX_PODS = 5;

export async function listApiPods(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<PodLike[]> {
  const list = await client.request<{ items: PodLike[] }>(
    "GET",
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
    { query: { labelSelector: `${LABELS.api}=${name}` } },
  );
  return list.items;
}

async function eventsFor(client: KubeClient, namespace: string, fieldSelector: string) {
  const list = await client.request<{ items: EventLike[] }>(
    "GET",
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`,
    { query: { fieldSelector } },
  );
  return list.items;
}

/**
 * Lines explaining the state of one API; problems fetching a part are reported in place. With
 * `since` (ms since the epoch), events from before it (an earlier rollout's failure, its kept
 * logs) are left out: they would pass for this rollout's cause.
 */
export async function diagnoseApi(
  client: KubeClient,
  namespace: string,
  name: string,
  api: Live<RealtimeApiResource> | undefined,
  opts: { since?: number } = {},
): Promise<string[]> {
  const lines: string[] = [];
  const conditions = formatConditions(api?.status?.conditions);
  if (conditions.length > 0) lines.push("conditions:", ...conditions.map((c) => `  ${c}`));
  try {
    const pods = await listApiPods(client, namespace, name);
    const selectors = [
      `involvedObject.name=${name}`,
      ...pods.slice(0, MAX_PODS).map((p) => `involvedObject.name=${p.metadata.name}`),
    ];
    // Events of an earlier API of the same name (deleted, then deployed again) are not this one's.
    const uid = api?.metadata.uid;
    const otherLife = (e: EventLike): boolean => {
      const other = e.involvedObject?.uid;
      return e.involvedObject?.name === name && !!uid && !!other && other !== uid;
    };
    const all = (await Promise.all(selectors.map((s) => eventsFor(client, namespace, s))))
      .flat()
      .filter((e) => !otherLife(e))
      .filter((e) => opts.since === undefined || eventTime(e) === 0 || eventTime(e) >= opts.since);
    // Logs the controller kept before a rollback deleted their pods: printed as logs below.
    const keptLogs = all
      .filter((e) => e.reason === CONTAINER_LOG_REASON && e.message)
      .map((e) => e.message as string)
      .slice(-MAX_LOGS);
    const events = all.filter((e) => e.reason !== CONTAINER_LOG_REASON);
    if (events.length > 0) {
      lines.push(
        "recent events:",
        ...formatEvents(events, EVENTS, Date.now()).map((e) => `  ${e}`),
      );
    }
    const unready = formatUnreadyPods(pods, Date.now()).slice(0, MAX_PODS);
    if (unready.length > 0) lines.push("pods not ready:", ...unready.map((p) => `  ${p}`));
    for (const note of keptLogs) {
      const [head = "", ...body] = note.split("\n");
      lines.push(
        `${head.replace(/:$/, "")}, kept by the controller:`,
        ...body.map((l) => `  ${l}`),
      );
    }
    const suspects = [...failingContainers(pods), ...stalledContainers(pods)].filter(
      (f) => !keptLogs.some((note) => isLogNoteOf(note, f)),
    );
    for (const f of suspects.slice(0, MAX_LOGS - keptLogs.length)) {
      lines.push(
        `logs of ${f.pod}/${f.container} (${f.reason})${f.previous ? ", previous run" : ""}:`,
      );
      try {
        const tail = await readLogTail(client, namespace, f.pod, f.container, {
          tailLines: LOG_LINES,
          previous: f.previous,
        });
        lines.push(
          ...(tail.trim() === ""
            ? ["  (no output)"]
            : tail
                .trimEnd()
                .split("\n")
                .map((l) => `  ${l}`)),
        );
      } catch (err) {
        lines.push(`  (cannot read the logs: ${describeKubeError(err)})`);
      }
    }
  } catch (err) {
    lines.push(`(cannot read pods and events: ${describeKubeError(err)})`);
  }
  return lines;
}
