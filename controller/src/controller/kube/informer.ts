// An informer: a local cache of one resource type kept current by list + watch, with client-go's
// behaviour where it matters: paginated lists; watches resume from the last resourceVersion
// (bookmarks keep it fresh); 410 Gone re-lists and reports the differences as events; a broken
// connection (an API server restart) retries with capped, jittered back-off and lists again,
// reporting what changed meanwhile. Until that list completes the cache is not fresh (isFresh()):
// the controller does not judge rollouts from a cache that may have missed an outage's changes. Objects pass through `transform` first, so the cache holds only what the
// controller reads (dropping managedFields and pod specs keeps 1,000 APIs small).

import { StringDecoder } from "node:string_decoder";
import { isApiError, type RequestOptions } from "../../../../src/kube/client.ts";
import type { Logger } from "../../lib/log.ts";
import { backoffDelay } from "../../lib/retry.ts";
import type { KubeObject } from "./types.ts";

export type EventType = "add" | "update" | "delete";
export type Handler<T> = (type: EventType, obj: T, old: T | undefined) => void;

/** The two calls an informer makes; KubeClient is one, tests pass a scripted fake. */
export interface ListWatchClient {
  request<R>(method: string, path: string, options?: RequestOptions): Promise<R>;
  stream(
    path: string,
    options: RequestOptions,
  ): Promise<AsyncIterable<string | Buffer> & { destroy(): void }>;
}

export interface InformerOptions<T extends KubeObject> {
  client: ListWatchClient;
  /** The collection path, e.g. /apis/apps/v1/deployments (all namespaces). */
  path: string;
  labelSelector?: string;
  transform?: (obj: T) => T;
  /** Secondary index: objects by the key this returns (e.g. namespace/api). */
  indexBy?: (obj: T) => string | undefined;
  log: Logger;
  /** Page size of lists. */
  pageSize?: number;
  /** Delay before retry number `failures` (1-based) after a failed list or watch. */
  retryDelayMs?: (failures: number) => number;
  /** A watch that brings nothing (not even a bookmark) for this long is dead. */
  watchIdleMs?: number;
  now?: () => number;
}

/**
 * The API server sends a watch bookmark about once a minute, and one just before it ends the watch
 * (timeoutSeconds, at most a minute and a bit here), so a healthy watch is never silent longer
 * than that. A connection that vanished without a reset (a dead node, NAT or load balancer state
 * lost) is silent: it is given up after this, not after the socket's minutes of retransmissions.
 */
export const WATCH_IDLE_MS = 80_000;

class WatchIdle extends Error {}

interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: KubeObject & { code?: number; message?: string };
}

export function objectKey(obj: KubeObject): string {
  return obj.metadata.namespace === undefined
    ? obj.metadata.name
    : `${obj.metadata.namespace}/${obj.metadata.name}`;
}

/** resourceVersions are opaque, but etcd's are integers; newer when larger. */
function isNewer(candidate: string | undefined, current: string | undefined): boolean {
  if (candidate === undefined || current === undefined) return true;
  if (/^\d+$/.test(candidate) && /^\d+$/.test(current)) return BigInt(candidate) > BigInt(current);
  return candidate !== current;
}

class Gone extends Error {}

export class Informer<T extends KubeObject> {
  private readonly store = new Map<string, T>();
  private readonly index = new Map<string, Set<string>>();
  private readonly handlers: Handler<T>[] = [];
  private resourceVersion: string | undefined;
  private synced = false;
  private readonly syncWaiters: (() => void)[] = [];
  private abort = new AbortController();
  private running: Promise<void> | undefined;
  /** The cache reflects a list and an unbroken watch since (false from start or a failure). */
  private fresh = false;
  private readonly freshnessHandlers: ((fresh: boolean) => void)[] = [];
  /** relist() callers waiting for a list that begins after their call. */
  private relistWaiters: (() => void)[] = [];
  private relistWanted = false;
  /** Aborts the current watch only (relist()). */
  private watchAbort: AbortController | undefined;
  /** Ends the back-off before a retry early (relist()). */
  private wakeRetry: (() => void) | undefined;
  /** Consecutive failures, for back-off; also exposed for health checks. */
  failures = 0;
  /** When the API server last answered: a list, a watch opening, any watch data. */
  private lastContact: number | undefined;
  private startedAt = 0;

  constructor(private readonly options: InformerOptions<T>) {}

  on(handler: Handler<T>): void {
    this.handlers.push(handler);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.store.get(namespace === undefined ? name : `${namespace}/${name}`);
  }

  list(): T[] {
    return [...this.store.values()];
  }

  byIndex(value: string): T[] {
    const keys = this.index.get(value);
    if (keys === undefined) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.store.get(k);
      if (o !== undefined) out.push(o);
    }
    return out;
  }

  get size(): number {
    return this.store.size;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** How long the API server has not answered this informer (since start when it never has). */
  silentForMs(): number {
    return this.now() - (this.lastContact ?? this.startedAt);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private contact(): void {
    this.lastContact = this.now();
  }

  /** The cache has been listed since the last failed watch (or relist() call). */
  isFresh(): boolean {
    return this.fresh;
  }

  /** Called when isFresh() changes. */
  onFreshness(handler: (fresh: boolean) => void): void {
    this.freshnessHandlers.push(handler);
  }

  /**
   * Lists again now, abandoning the current watch; resolves once a list that began after this call
   * has completed (or the informer stops). The cache is not fresh meanwhile.
   */
  relist(): Promise<void> {
    return new Promise((resolve) => {
      this.relistWaiters.push(resolve);
      this.relistWanted = true;
      this.setFresh(false);
      this.watchAbort?.abort();
      // Whoever asks (a replica that just took the Lease) should not wait out a back-off.
      this.wakeRetry?.();
    });
  }

  private setFresh(value: boolean): void {
    if (this.fresh === value) return;
    this.fresh = value;
    for (const h of this.freshnessHandlers) {
      try {
        h(value);
      } catch (err) {
        this.options.log.error("informer freshness handler failed", {
          path: this.options.path,
          err,
        });
      }
    }
  }

  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  start(): void {
    if (this.running !== undefined) return;
    this.startedAt = this.now();
    this.abort = new AbortController();
    this.running = this.run(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.running = undefined;
    this.setFresh(false);
    for (const w of this.relistWaiters.splice(0)) w();
  }

  /**
   * Puts an object the controller just wrote into the cache (if it is newer), so the next
   * reconcile does not act on the state before its own write.
   */
  remember(raw: T): void {
    const obj = this.transform(raw);
    const key = objectKey(obj);
    const current = this.store.get(key);
    if (
      current !== undefined &&
      !isNewer(obj.metadata.resourceVersion, current.metadata.resourceVersion)
    )
      return;
    this.put(key, obj);
  }

  /** Drops an object the controller just deleted. */
  forget(namespace: string | undefined, name: string): void {
    const key = namespace === undefined ? name : `${namespace}/${name}`;
    this.remove(key);
  }

  private transform(obj: T): T {
    return this.options.transform === undefined ? obj : this.options.transform(obj);
  }

  private emit(type: EventType, obj: T, old: T | undefined): void {
    for (const h of this.handlers) {
      try {
        h(type, obj, old);
      } catch (err) {
        this.options.log.error("informer handler failed", { path: this.options.path, err });
      }
    }
  }

  private put(key: string, obj: T): T | undefined {
    const old = this.store.get(key);
    this.store.set(key, obj);
    const index = this.options.indexBy;
    if (index !== undefined) {
      const before = old === undefined ? undefined : index(old);
      const after = index(obj);
      if (before !== after && before !== undefined) this.index.get(before)?.delete(key);
      if (after !== undefined) {
        let set = this.index.get(after);
        if (set === undefined) {
          set = new Set();
          this.index.set(after, set);
        }
        set.add(key);
      }
    }
    return old;
  }

  private remove(key: string): T | undefined {
    const old = this.store.get(key);
    if (old === undefined) return undefined;
    this.store.delete(key);
    const value = this.options.indexBy?.(old);
    if (value !== undefined) {
      const set = this.index.get(value);
      set?.delete(key);
      if (set?.size === 0) this.index.delete(value);
    }
    return old;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList || this.relistWanted) {
          this.relistWanted = false;
          const waiters = this.relistWaiters.splice(0);
          try {
            await this.listAll(signal);
          } catch (err) {
            this.relistWaiters.unshift(...waiters);
            throw err;
          }
          needList = false;
          for (const w of waiters) w();
        }
        await this.watch(signal);
        this.failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        // A relist() asked for abandoned the watch: list now.
        if (this.relistWanted) continue;
        // Whatever happened while the watch was down is learnt from a fresh list.
        needList = true;
        this.setFresh(false);
        if (err instanceof Gone || isApiError(err, 410)) {
          this.options.log.info("watch expired; listing again", { path: this.options.path });
          continue;
        }
        if (err instanceof WatchIdle) {
          this.options.log.warn("watch silent; reconnecting and listing again", {
            path: this.options.path,
            silent_ms: this.options.watchIdleMs ?? WATCH_IDLE_MS,
          });
          continue;
        }
        this.failures++;
        const delay =
          this.options.retryDelayMs?.(this.failures) ??
          backoffDelay(Math.min(this.failures, 8), 250, 30_000, 0.5 + Math.random() / 2);
        this.options.log.warn("list/watch failed; retrying", {
          path: this.options.path,
          err,
          retry_in_ms: delay,
        });
        await new Promise<void>((resolve) => {
          this.wakeRetry = resolve;
          void sleep(delay, signal).then(resolve);
        });
        this.wakeRetry = undefined;
      }
    }
  }

  private async listAll(signal: AbortSignal): Promise<void> {
    const fresh = new Map<string, T>();
    let cont: string | undefined;
    let rv: string | undefined;
    do {
      const page = await this.options.client.request<{
        items?: T[];
        metadata?: { resourceVersion?: string; continue?: string };
      }>("GET", this.options.path, {
        query: {
          labelSelector: this.options.labelSelector,
          limit: this.options.pageSize ?? 500,
          continue: cont,
        },
        signal,
      });
      for (const item of page.items ?? []) {
        const obj = this.transform(item);
        fresh.set(objectKey(obj), obj);
      }
      cont = page.metadata?.continue || undefined;
      rv = page.metadata?.resourceVersion;
    } while (cont !== undefined);

    // Report what changed while we were not watching, as a watch would have.
    for (const [key, obj] of fresh) {
      const old = this.store.get(key);
      if (old !== undefined && old.metadata.resourceVersion === obj.metadata.resourceVersion)
        continue;
      this.put(key, obj);
      this.emit(old === undefined ? "add" : "update", obj, old);
    }
    for (const key of [...this.store.keys()]) {
      if (fresh.has(key)) continue;
      const old = this.remove(key);
      if (old !== undefined) this.emit("delete", old, old);
    }
    this.resourceVersion = rv;
    this.contact();
    // A relist() during this list wants another, begun after it.
    if (!this.relistWanted) this.setFresh(true);
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  /** One watch request, from the last resourceVersion until the server ends it. */
  private async watch(signal: AbortSignal): Promise<void> {
    // The server ends a watch after timeoutSeconds (a bookmark just before); jitter spreads the
    // reconnects. Short, so that a healthy watch is never silent for long (WATCH_IDLE_MS).
    const timeoutSeconds = 50 + Math.floor(Math.random() * 20);
    const idleMs = this.options.watchIdleMs ?? WATCH_IDLE_MS;
    const watchAbort = new AbortController();
    this.watchAbort = watchAbort;
    if (this.relistWanted) watchAbort.abort();
    let idle = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idle = true;
        watchAbort.abort();
      }, idleMs);
      timer.unref?.();
    };
    arm();
    try {
      await this.watchStream(signal, watchAbort, timeoutSeconds, idleMs, () => {
        arm();
        this.contact();
      });
    } catch (err) {
      if (idle && !signal.aborted) throw new WatchIdle(`watch silent for ${idleMs} ms`);
      throw err;
    } finally {
      clearTimeout(timer);
    }
    if (idle && !signal.aborted) throw new WatchIdle(`watch silent for ${idleMs} ms`);
  }

  private async watchStream(
    signal: AbortSignal,
    watchAbort: AbortController,
    timeoutSeconds: number,
    idleMs: number,
    heard: () => void,
  ): Promise<void> {
    const res = await this.options.client.stream(this.options.path, {
      query: {
        watch: 1,
        allowWatchBookmarks: true,
        resourceVersion: this.resourceVersion,
        labelSelector: this.options.labelSelector,
        timeoutSeconds,
      },
      signal: AbortSignal.any([signal, watchAbort.signal]),
      // A backstop: the informer's own timer gives the silent watch up first.
      timeoutMs: idleMs + 10_000,
    });
    heard();
    let buffer = "";
    let gone = false;
    const decoder = new StringDecoder("utf8");
    for await (const chunk of res) {
      heard();
      buffer += typeof chunk === "string" ? chunk : decoder.write(chunk);
      let nl = buffer.indexOf("\n");
      while (nl !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf("\n");
        if (line.trim() === "") continue;
        if (this.handle(JSON.parse(line) as WatchEvent)) gone = true;
      }
      if (gone) {
        res.destroy();
        break;
      }
    }
    if (gone) throw new Gone("resourceVersion too old");
  }

  /** Applies one watch event; true when the server says our resourceVersion is gone. */
  private handle(event: WatchEvent): boolean {
    if (event.type === "ERROR") {
      if (event.object.code === 410) return true;
      throw new Error(`watch error: ${event.object.message ?? JSON.stringify(event.object)}`);
    }
    const rv = event.object.metadata?.resourceVersion;
    if (event.type === "BOOKMARK") {
      this.resourceVersion = rv;
      return false;
    }
    const obj = this.transform(event.object as T);
    const key = objectKey(obj);
    if (event.type === "DELETED") {
      const old = this.remove(key);
      this.emit("delete", obj, old);
    } else {
      const current = this.store.get(key);
      // Our own write may already be cached (remember()): skip its echo and anything older.
      if (
        current === undefined ||
        isNewer(obj.metadata.resourceVersion, current.metadata.resourceVersion)
      ) {
        const old = this.put(key, obj);
        this.emit(old === undefined ? "add" : "update", obj, old);
      }
    }
    this.resourceVersion = rv;
    return false;
  }
}

/** Waits `ms` or until `signal` aborts; leaves no listener on the signal either way. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
