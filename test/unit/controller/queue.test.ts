// The work queue: coalescing, per-key serialisation, delayed and rate-limited adds on a fake clock.
import { describe, expect, it } from "vitest";
import { ExponentialRateLimiter } from "../../../controller/src/controller/queue/rate-limiter.ts";
import { type Timers, WorkQueue } from "../../../controller/src/controller/queue/work-queue.ts";

class FakeTimers implements Timers {
  time = 0;
  private next = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.time + ms, fn });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, t] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= this.time) {
        this.pending.delete(id);
        t.fn();
      }
    }
  }
}

function queue(base = 100, max = 1000) {
  const timers = new FakeTimers();
  return { q: new WorkQueue(new ExponentialRateLimiter(base, max), timers), timers };
}

describe("ExponentialRateLimiter", () => {
  it("doubles per failure up to the cap, per key, and forgets on success", () => {
    const l = new ExponentialRateLimiter(5, 60);
    expect([l.when("a"), l.when("a"), l.when("a"), l.when("a"), l.when("a")]).toEqual([
      5, 10, 20, 40, 60,
    ]);
    expect(l.when("b")).toBe(5);
    l.forget("a");
    expect(l.when("a")).toBe(5);
  });
});

describe("WorkQueue", () => {
  it("coalesces adds of a queued key", async () => {
    const { q } = queue();
    q.add("ns/a");
    q.add("ns/b");
    q.add("ns/a");
    expect(q.length).toBe(2);
    expect(await q.get()).toBe("ns/a");
    expect(await q.get()).toBe("ns/b");
  });

  it("never hands a key to two workers; an add during processing queues it once more after done", async () => {
    const { q } = queue();
    q.add("ns/a");
    const first = await q.get();
    q.add("ns/a");
    q.add("ns/a");
    expect(q.length).toBe(0);
    let second: string | undefined;
    void q.get().then((k) => {
      second = k;
    });
    await Promise.resolve();
    expect(second).toBeUndefined();
    q.done(first as string);
    await Promise.resolve();
    expect(second).toBe("ns/a");
    expect(q.length).toBe(0);
  });

  it("serves urgent keys first, moving an already queued key ahead", async () => {
    const { q } = queue();
    q.add("ns/a");
    q.add("ns/b");
    q.add("ns/c");
    q.add("ns/c", true);
    q.add("ns/d", true);
    expect(q.length).toBe(4);
    const order = [await q.get(), await q.get(), await q.get(), await q.get()];
    expect(order).toEqual(["ns/c", "ns/d", "ns/a", "ns/b"]);
    expect(q.length).toBe(0);
  });

  it("keeps the urgency of an add made while the key was processed", async () => {
    const { q } = queue();
    q.add("ns/a");
    const a = (await q.get()) as string;
    q.add("ns/b");
    q.add("ns/a", true);
    q.done(a);
    expect(await q.get()).toBe("ns/a");
    expect(await q.get()).toBe("ns/b");
  });

  it("delays adds, keeping the earliest time per key", async () => {
    const { q, timers } = queue();
    q.addAfter("ns/a", 500);
    q.addAfter("ns/a", 200);
    q.addAfter("ns/a", 900);
    expect(q.delayed).toBe(1);
    timers.advance(199);
    expect(q.length).toBe(0);
    timers.advance(1);
    expect(q.length).toBe(1);
    timers.advance(1000);
    expect(q.length).toBe(1);
  });

  it("backs off exponentially on repeated failures and resets after forget", () => {
    const { q } = queue(100, 1000);
    const delays = [1, 2, 3, 4, 5].map(() => q.addRateLimited("ns/a"));
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
    q.forget("ns/a");
    expect(q.addRateLimited("ns/a")).toBe(100);
  });

  it("releases waiting workers with undefined on shut down and drops delayed adds", async () => {
    const { q, timers } = queue();
    q.addAfter("ns/a", 100);
    const waiting = q.get();
    q.shutDown();
    expect(await waiting).toBeUndefined();
    timers.advance(1000);
    expect(q.length).toBe(0);
    q.add("ns/b");
    expect(await q.get()).toBeUndefined();
  });

  it("hands out no key that was waiting when it shut down (the Lease lost)", async () => {
    const { q } = queue();
    q.add("ns/a");
    q.add("ns/b", true);
    q.shutDown();
    expect(await q.get()).toBeUndefined();
    expect(await q.get()).toBeUndefined();
  });
});
