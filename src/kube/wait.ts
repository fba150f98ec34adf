// Waiting for rollouts: list the objects of one kind once, then watch them until each is done for
// its current generation (Ready, Failed or RolledBack), or the timeout passes. Prints a line
// whenever an object's progress changes.
import { KubeApiError, type KubeClient } from "./client.ts";
import { collectionPath, type Live, listResources } from "./objects.ts";
import {
  DELETED_WHILE_WAITING,
  isTerminal,
  progressOf,
  type RolloutProgress,
  supersededProgress,
} from "./readiness.ts";
import type { ApiResource, ResourceKind } from "./resource.ts";
import { watchCollection } from "./watch.ts";

export interface WaitOptions<K extends ResourceKind> {
  kind: K;
  namespace: string;
  names: readonly string[];
  timeoutSeconds: number;
  /** Each change of an object's progress: a line for people, and the progress it describes. */
  onProgress?: (line: string, progress: RolloutProgress, name: string) => void;
  /** Stops waiting (Ctrl-C): the wait then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * The generation each API was applied at. A later one means someone else (another deploy, a
   * rollback, kubectl) changed the spec meanwhile: its outcome is not this deploy's to report.
   */
  generations?: ReadonlyMap<string, number> | undefined;
}

type Of<K extends ResourceKind> = Live<Extract<ApiResource, { kind: K }>>;

export interface ApiWaitResult<K extends ResourceKind> {
  name: string;
  progress: RolloutProgress;
  object: Of<K> | undefined;
}

export interface WaitOutcome<K extends ResourceKind> {
  timedOut: boolean;
  apis: ApiWaitResult<K>[];
}

/** Longest single watch request; the server may end it earlier, and then we list again. */
const WATCH_SECONDS = 300;

export async function waitForApis<K extends ResourceKind>(
  client: KubeClient,
  opts: WaitOptions<K>,
): Promise<WaitOutcome<K>> {
  const wanted = new Set(opts.names);
  const results = new Map<string, ApiWaitResult<K>>();
  const printed = new Map<string, string>();
  const update = (name: string, object: Of<K> | undefined) => {
    if (!wanted.has(name)) return;
    const progress: RolloutProgress =
      object === undefined
        ? DELETED_WHILE_WAITING
        : (supersededProgress(object, opts.generations?.get(name)) ?? progressOf(object));
    results.set(name, { name, progress, object });
    if (printed.get(name) !== progress.message) {
      printed.set(name, progress.message);
      opts.onProgress?.(`${name}: ${progress.message}`, progress, name);
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
  // The caller's signal (Ctrl-C) ends the wait too.
  const signal = opts.signal ? AbortSignal.any([stop.signal, opts.signal]) : stop.signal;
  try {
    opts.signal?.throwIfAborted();
    while (!signal.aborted) {
      const list = await listResources(client, opts.kind, opts.namespace);
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
        await watchCollection<Of<K>>(
          client,
          collectionPath(opts.kind, opts.namespace),
          {
            resourceVersion: list.resourceVersion,
            timeoutSeconds: Math.min(remaining, WATCH_SECONDS),
            signal,
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
    opts.signal?.throwIfAborted();
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
