// Container logs through the API server (pods/log), as `cortex logs` shows them: every line of
// every pod of an API, prefixed with the pod it came from. With follow, pods that start later
// (a rollout, a scale-up) are picked up as they begin to run.

import { PROXY_CONTAINER } from "../config/rules/pod.ts";
import { isApiError, type KubeClient } from "./client.ts";
import { failingContainers, type PodLike } from "./pod-diagnostics.ts";
import { LABELS, type ResourceKind } from "./resource.ts";
import { watchCollection } from "./watch.ts";

function logPath(namespace: string, pod: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
}

export async function readLogTail(
  client: KubeClient,
  namespace: string,
  pod: string,
  container: string,
  opts: { tailLines: number; previous?: boolean; signal?: AbortSignal },
): Promise<string> {
  const res = await client.stream(logPath(namespace, pod), {
    query: { container, tailLines: opts.tailLines, previous: opts.previous ? true : undefined },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Splits a byte stream into lines and prefixes each; keeps a partial last line for later. */
export class LinePrefixer {
  private partial = "";
  constructor(private readonly prefix: string) {}

  push(chunk: string): string[] {
    const text = this.partial + chunk;
    const parts = text.split("\n");
    this.partial = parts.pop() ?? "";
    return parts.map((l) => `${this.prefix}${l.replace(/\r$/, "")}`);
  }

  flush(): string[] {
    const rest = this.partial;
    this.partial = "";
    return rest === "" ? [] : [`${this.prefix}${rest}`];
  }
}

interface PodWithSpec extends PodLike {
  spec?: { containers?: { name: string }[]; initContainers?: { name: string }[] };
}

function statusOf(pod: PodLike, container: string) {
  const { containerStatuses = [], initContainerStatuses = [] } = pod.status ?? {};
  return [...containerStatuses, ...initContainerStatuses].find((c) => c.name === container);
}

/**
 * The containers whose logs are the API's: its own (not the proxy sidecar or the downloader),
 * and an init container that fails, since nothing else runs until it succeeds.
 */
export function apiContainers(pod: PodWithSpec): string[] {
  // The proxy sidecar's logs are not the API's; the downloader is an init container, so a user
  // container may share its name.
  const own = (pod.spec?.containers ?? []).map((c) => c.name).filter((n) => n !== PROXY_CONTAINER);
  const failing = new Set(failingContainers([pod]).map((f) => f.container));
  const init = (pod.spec?.initContainers ?? []).map((c) => c.name).filter((n) => failing.has(n));
  return [...init, ...own];
}

/** Whether a container has started, so the server has logs to give. */
export function hasStarted(pod: PodLike, container: string): boolean {
  const s = statusOf(pod, container);
  return (
    s?.state?.running !== undefined ||
    s?.state?.terminated !== undefined ||
    (s?.restartCount ?? 0) > 0
  );
}

/** Which run of the container the server's log is of: a restart starts a new log. */
function runOf(pod: PodLike, container: string): number {
  return statusOf(pod, container)?.restartCount ?? 0;
}

/** The label selector of an API's pods, or of a TrafficSplitter's. */
export function podSelector(kind: ResourceKind, name: string): string {
  return `${kind === "TrafficSplitter" ? LABELS.splitter : LABELS.api}=${name}`;
}

export interface StreamLogsOptions {
  namespace: string;
  /** Whose pods: an API's, or a TrafficSplitter's (its splitter pods). */
  kind: ResourceKind;
  name: string;
  follow: boolean;
  tailLines?: number;
  /** Only lines newer than this many seconds. */
  sinceSeconds?: number;
  /**
   * The log of each container's previous run instead (what a crash-looping container printed
   * before it died): only containers that have restarted have one. Not with follow.
   */
  previous?: boolean;
  write: (line: string) => void;
  signal?: AbortSignal;
  /** Whether the API (or splitter) no longer exists: following then ends with its last pod. */
  gone?: () => Promise<boolean>;
}

/**
 * Prints the logs of the API's (or splitter's) pods. Without follow it returns when every log is read; with
 * follow it runs until `signal` aborts. Returns the number of containers read.
 */
export async function streamApiLogs(client: KubeClient, opts: StreamLogsOptions): Promise<number> {
  const selector = podSelector(opts.kind, opts.name);
  const podsPath = `/api/v1/namespaces/${encodeURIComponent(opts.namespace)}/pods`;
  const list = await client.request<{
    items: PodWithSpec[];
    metadata?: { resourceVersion?: string };
  }>("GET", podsPath, { query: { labelSelector: selector } });
  const attached = new Set<string>();
  const read = new Set<string>();
  const streams: Promise<void>[] = [];
  // A log the credentials may not read (no pods/log) ends the command with that reason, rather
  // than printing the refusal as if it were a log line and exiting 0.
  const stop = new AbortController();
  let refused: unknown;
  const signal = opts.signal ? AbortSignal.any([stop.signal, opts.signal]) : stop.signal;

  const attach = (pod: PodWithSpec) => {
    const containers = apiContainers(pod);
    for (const container of containers) {
      const key = `${pod.metadata.name}/${container}`;
      // Following, each run of a container is its own log: a restart is read again.
      const run = opts.follow ? `${key}#${runOf(pod, container)}` : key;
      if (attached.has(run) || !hasStarted(pod, container)) continue;
      if (opts.previous && runOf(pod, container) === 0) continue;
      attached.add(run);
      read.add(key);
      const prefix = containers.length > 1 ? `${key} ` : `${pod.metadata.name} `;
      streams.push(
        followOne(client, { ...opts, signal }, pod.metadata.name, container, prefix).catch(
          (err: unknown) => {
            refused ??= err;
            stop.abort();
          },
        ),
      );
    }
  };
  for (const pod of list.items) attach(pod);
  if (opts.follow) {
    // Ends when `signal` aborts, or when the API is deleted and its last pod is gone.
    const pods = new Set(list.items.map((p) => p.metadata.name));
    await watchCollection<PodWithSpec>(
      client,
      podsPath,
      {
        labelSelector: selector,
        resourceVersion: list.metadata?.resourceVersion,
        signal,
      },
      (event) => {
        if (event.type === "ADDED" || event.type === "MODIFIED") {
          pods.add(event.object.metadata.name);
          attach(event.object);
        }
        if (event.type === "DELETED") {
          pods.delete(event.object.metadata.name);
          if (pods.size === 0 && opts.gone)
            void opts
              .gone()
              .then((gone) => {
                if (gone && pods.size === 0) {
                  opts.write(`(${opts.name} was deleted)`);
                  stop.abort();
                }
              })
              // Cannot tell (the API server away a moment): keep following.
              .catch(() => undefined);
        }
      },
    );
  }
  await Promise.all(streams);
  if (refused !== undefined) throw refused;
  return read.size;
}

async function followOne(
  client: KubeClient,
  opts: StreamLogsOptions,
  pod: string,
  container: string,
  prefix: string,
): Promise<void> {
  const lines = new LinePrefixer(prefix);
  try {
    const res = await client.stream(logPath(opts.namespace, pod), {
      query: {
        container,
        follow: opts.follow ? true : undefined,
        tailLines: opts.tailLines,
        // Whole seconds only; rounded up, as kubectl does, so no line in the window is left out.
        sinceSeconds: opts.sinceSeconds === undefined ? undefined : Math.ceil(opts.sinceSeconds),
        previous: opts.previous ? true : undefined,
      },
      signal: opts.signal,
    });
    for await (const chunk of res)
      for (const l of lines.push((chunk as Buffer).toString("utf8"))) opts.write(l);
  } catch (err) {
    if (opts.signal?.aborted) return;
    if (isApiError(err, 403)) throw err;
    opts.write(`${prefix}(log stream ended: ${(err as Error).message})`);
  } finally {
    for (const l of lines.flush()) opts.write(l);
  }
}
