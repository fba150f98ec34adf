// A work queue of object keys, with client-go's guarantees: a key waits in the queue at most once
// however often it is added (events coalesce); a key being processed is never handed to a second
// worker (per-key serialisation), and if it is added meanwhile it is queued again when the first
// worker is done; delayed adds keep only the earliest time per key. One addition: urgent adds (a
// new spec) go before the rest, so a backlog of status churn never delays a rollout. Timers are
// injected so tests drive time by hand.
import type { RateLimiter } from "./rate-limiter.ts";

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Pending retries must not keep a stopping process alive.
    t.unref();
    return t;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

/** A FIFO of keys that may hold stale entries (skipped when taken). */
class Lane {
  private items: string[] = [];
  private head = 0;
  push(key: string): void {
    this.items.push(key);
  }
  shift(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head] as string;
    this.head++;
    // Compact now and then so a long-running queue does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return key;
  }
}

export class WorkQueue {
  private readonly urgent = new Lane();
  private readonly normal = new Lane();
  /** Keys waiting in a lane. */
  private readonly waiting = new Set<string>();
  private readonly urgentKeys = new Set<string>();
  private readonly processing = new Set<string>();
  /** Keys added while being processed (true: urgently). */
  private readonly again = new Map<string, boolean>();
  private readonly delayedAdds = new Map<string, { at: number; handle: unknown }>();
  private readonly getters: ((key: string | undefined) => void)[] = [];
  private stopped = false;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Queues `key` now (no-op if it is already queued); `urgent` puts it before normal keys. */
  add(key: string, urgent = false): void {
    if (this.stopped) return;
    if (this.processing.has(key)) {
      this.again.set(key, (this.again.get(key) ?? false) || urgent);
      return;
    }
    if (this.waiting.has(key)) {
      if (urgent && !this.urgentKeys.has(key)) {
        this.urgentKeys.add(key);
        this.urgent.push(key);
      }
      return;
    }
    const getter = this.getters.shift();
    if (getter !== undefined) {
      this.processing.add(key);
      getter(key);
      return;
    }
    this.waiting.add(key);
    if (urgent) {
      this.urgentKeys.add(key);
      this.urgent.push(key);
    } else {
      this.normal.push(key);
    }
  }

  /** Queues `key` after `ms`; an earlier pending add of the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = this.timers.now() + ms;
    const pending = this.delayedAdds.get(key);
    if (pending !== undefined) {
      if (pending.at <= at) return;
      this.timers.clear(pending.handle);
    }
    const handle = this.timers.set(() => {
      this.delayedAdds.delete(key);
      this.add(key);
    }, ms);
    this.delayedAdds.set(key, { at, handle });
  }

  /** Queues `key` after its back-off (a failure). */
  addRateLimited(key: string): number {
    const delay = this.limiter.when(key);
    this.addAfter(key, delay);
    return delay;
  }

  /** Resets `key`'s back-off (a success). */
  forget(key: string): void {
    this.limiter.forget(key);
  }

  /** The next key; waits while the queue is empty; undefined once shut down. */
  get(): Promise<string | undefined> {
    // Shut down (the Lease lost): keys still waiting are not handed out.
    if (this.stopped) return Promise.resolve(undefined);
    const key = this.shift();
    if (key !== undefined) return Promise.resolve(key);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Marks `key` finished; re-queues it if it was added while being processed. */
  done(key: string): void {
    this.processing.delete(key);
    const urgent = this.again.get(key);
    if (urgent === undefined) return;
    this.again.delete(key);
    this.add(key, urgent);
  }

  /** Keys waiting to be processed (not counting delayed adds). */
  get length(): number {
    return this.waiting.size;
  }

  /** Keys waiting for a delayed add. */
  get delayed(): number {
    return this.delayedAdds.size;
  }

  get inProgress(): number {
    return this.processing.size;
  }

  /** Stops handing out keys; pending get() calls resolve with undefined. */
  shutDown(): void {
    this.stopped = true;
    for (const { handle } of this.delayedAdds.values()) this.timers.clear(handle);
    this.delayedAdds.clear();
    for (const g of this.getters.splice(0)) g(undefined);
  }

  private shift(): string | undefined {
    for (const lane of [this.urgent, this.normal]) {
      for (let key = lane.shift(); key !== undefined; key = lane.shift()) {
        // A key moved to the urgent lane leaves a stale entry in the normal one.
        if (!this.waiting.has(key)) continue;
        this.waiting.delete(key);
        this.urgentKeys.delete(key);
        this.processing.add(key);
        return key;
      }
    }
    return undefined;
  }
}
