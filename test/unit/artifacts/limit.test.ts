import { describe, expect, it } from "vitest";
import { createLimiter } from "../../../src/artifacts/limit.ts";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("createLimiter", () => {
  it("never runs more than the limit at once and runs everything", async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setImmediate(r));
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(limiter.active).toBe(0);
  });

  it("starts waiting tasks in arrival order", async () => {
    const limiter = createLimiter(1);
    const gate = deferred();
    const order: number[] = [];
    const first = limiter.run(() => gate.promise);
    const rest = [1, 2, 3].map((n) => limiter.run(async () => void order.push(n)));
    expect(limiter.waiting).toBe(3);
    gate.resolve();
    await Promise.all([first, ...rest]);
    expect(order).toEqual([1, 2, 3]);
  });

  it("frees the slot when a task fails", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limiter.run(async () => 7)).resolves.toBe(7);
  });

  it("refuses a limit below one", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});

describe("createLimiter lanes", () => {
  it("serves waiting lanes in turn, within the one budget", async () => {
    const limiter = createLimiter(1, 2);
    const gate = deferred();
    const order: string[] = [];
    const first = limiter.run(() => gate.promise);
    const a = [1, 2, 3].map((n) => limiter.lane(0).run(async () => void order.push(`a${n}`)));
    const b = [1, 2, 3].map((n) => limiter.lane(1).run(async () => void order.push(`b${n}`)));
    expect(limiter.waiting).toBe(6);
    gate.resolve();
    await Promise.all([first, ...a, ...b]);
    expect(order).toEqual(["b1", "a1", "b2", "a2", "b3", "a3"]);
  });

  it("gives a freed slot to the waiting lane that holds the fewest", async () => {
    // Lane 0 holds one slot and lane 1 two: lane 0's freed slot stays with lane 0 while it has
    // waiters, though lane 1 waits too (taking turns would hand it to lane 1 and let long tasks
    // pile up in the slots short ones give back).
    const limiter = createLimiter(3, 2);
    const short = limiter.lane(0);
    const long = limiter.lane(1);
    const s1 = deferred();
    const l1 = deferred();
    const l2 = deferred();
    const order: string[] = [];
    const held = [
      short.run(() => s1.promise),
      long.run(() => l1.promise),
      long.run(() => l2.promise),
    ];
    const queued = [
      long.run(async () => void order.push("l3")),
      long.run(async () => void order.push("l4")),
      short.run(async () => void order.push("s2")),
      short.run(async () => void order.push("s3")),
    ];
    s1.resolve();
    await Promise.all([held[0], ...queued]);
    expect(order).toEqual(["s2", "s3", "l3", "l4"]);
    expect(limiter.active).toBe(2);
    l1.resolve();
    l2.resolve();
    await Promise.all(held);
    expect(limiter.active).toBe(0);
  });

  it("refuses a lane that does not exist", () => {
    expect(() => createLimiter(2, 2).lane(2)).toThrow(RangeError);
    expect(() => createLimiter(2, 0)).toThrow(RangeError);
  });
});
