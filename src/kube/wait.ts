// Waiting for rollouts: list the RealtimeAPIs once, then watch them until each is Ready, Failed
// or RolledBack for its current generation, or the timeout passes. Prints a line whenever an
// API's progress changes.
import { KubeApiError, type KubeClient } from "./client.ts";
import { collectionPath, type Live, listResources } from "./objects.ts";
import { isTerminal, type RolloutProgress, rolloutProgress } from "./readiness.ts";
import type { RealtimeApiResource } from "./resource.ts";
import { watchCollection } from "./watch.ts";

export interface WaitOptions {
  namespace: string;
  names: readonly string[];
  timeoutSeconds: number;
  onProgress?: (line: string) => void;
}

export interface ApiWaitResult {
  name: string;
  progress: RolloutProgress;
  object: Live<RealtimeApiResource> | undefined;
}

export interface WaitOutcome {
  timedOut: boolean;
  apis: ApiWaitResult[];
}

/** Longest single watch request; the server may end it earlier, and then we list again. */
const WATCH_SECONDS = 300;

export async function waitForApis(client: KubeClient, opts: WaitOptions): Promise<WaitOutcome> {
  const wanted = new Set(opts.names);
  const results = new Map<string, ApiWaitResult>();
  const printed = new Map<string, string>();
  const update = (name: string, object: Live<RealtimeApiResource> | undefined) => {
    if (!wanted.has(name)) return;
    const progress: RolloutProgress = object
      ? rolloutProgress(object)
      : { state: "failed", message: "was deleted while waiting" };
    results.set(name, { name, progress, object });
    if (printed.get(name) !== progress.message) {
      printed.set(name, progress.message);
      opts.onProgress?.(`${name}: ${progress.message}`);
    }
  };
  const allDone = () =>
    opts.names.every((n) => {
      const r = results.get(n);
      return r !== undefined && isTerminal(r.progress.state);
    });

  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, opts.timeoutSeconds * 1000);
  try {
    while (!stop.signal.aborted) {
      const list = await listResources(client, "RealtimeAPI", opts.namespace);
      const seen = new Set<string>();
      for (const item of list.items) {
        seen.add(item.metadata.name);
        update(item.metadata.name, item);
      }
      for (const name of opts.names) if (!seen.has(name)) update(name, undefined);
      if (allDone()) break;
      const remaining = Math.ceil((deadline - Date.now()) / 1000);
      if (remaining <= 0) {
        timedOut = true;
        break;
      }
      try {
        await watchCollection<Live<RealtimeApiResource>>(
          client,
          collectionPath("RealtimeAPI", opts.namespace),
          {
            resourceVersion: list.resourceVersion,
            timeoutSeconds: Math.min(remaining, WATCH_SECONDS),
            signal: stop.signal,
          },
          (event) => {
            if (event.type === "BOOKMARK") return;
            const name = event.object.metadata.name;
            update(name, event.type === "DELETED" ? undefined : event.object);
            if (allDone()) stop.abort();
          },
        );
      } catch (err) {
        // 410 Gone: our resourceVersion is too old; list again and carry on.
        if (!(err instanceof KubeApiError && err.status === 410)) throw err;
      }
      if (allDone()) break;
    }
  } finally {
    clearTimeout(timer);
  }
  const apis = opts.names.map(
    (name) =>
      results.get(name) ?? {
        name,
        progress: { state: "pending" as const, message: "no status yet" },
        object: undefined,
      },
  );
  return { timedOut: timedOut && !allDone(), apis };
}
