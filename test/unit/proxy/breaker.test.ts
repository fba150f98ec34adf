import { describe, expect, it } from "vitest";
import { Breaker, type BreakerCounts, type Ticket } from "../../../controller/src/proxy/breaker.ts";

function recorder() {
  const ran: string[] = [];
  const run = (name: string) => () => {
    ran.push(name);
  };
  return { ran, run };
}

describe("Breaker", () => {
  it("runs up to max concurrency at once, queues the rest FIFO, refuses beyond the queue", () => {
    const { ran, run } = recorder();
    const b = new Breaker(2, 2);
    const t1 = b.enter(run("1"));
    const t2 = b.enter(run("2"));
    const t3 = b.enter(run("3"));
    const t4 = b.enter(run("4"));
    expect(ran).toEqual(["1", "2"]);
    expect(b.counts()).toEqual({ running: 2, queued: 2 });
    expect(t3?.state).toBe("queued");
    expect(b.enter(run("5"))).toBeUndefined();
    expect(b.inFlight()).toBe(4);

    t2?.leave();
    expect(ran).toEqual(["1", "2", "3"]);
    t1?.leave();
    expect(ran).toEqual(["1", "2", "3", "4"]);
    expect(t4?.state).toBe("running");
    expect(b.counts()).toEqual({ running: 2, queued: 0 });
  });

  it("lets a queued ticket leave without running, from any place in the queue", () => {
    const { ran, run } = recorder();
    const b = new Breaker(1, 3);
    const running = b.enter(run("r"));
    const a = b.enter(run("a"));
    const m = b.enter(run("m"));
    const z = b.enter(run("z"));
    m?.leave();
    a?.leave();
    expect(b.counts()).toEqual({ running: 1, queued: 1 });
    // Freed places can be taken again.
    b.enter(run("late"));
    expect(b.counts()).toEqual({ running: 1, queued: 2 });
    running?.leave();
    expect(ran).toEqual(["r", "z"]);
    z?.leave();
    expect(ran).toEqual(["r", "z", "late"]);
  });

  it("makes leave idempotent", () => {
    const b = new Breaker(1, 1);
    const t = b.enter(() => {});
    t?.leave();
    t?.leave();
    expect(b.counts()).toEqual({ running: 0, queued: 0 });
    const q1 = b.enter(() => {});
    const q2 = b.enter(() => {});
    q2?.leave();
    q2?.leave();
    expect(b.counts()).toEqual({ running: 1, queued: 0 });
    q1?.leave();
  });

  it("with a queue length of 0, refuses as soon as all slots are busy", () => {
    const b = new Breaker(1, 0);
    expect(b.enter(() => {})).toBeDefined();
    expect(b.enter(() => {})).toBeUndefined();
  });

  it("hands a freed slot to the oldest waiter before a newcomer can take it", () => {
    const { ran, run } = recorder();
    const b = new Breaker(1, 5);
    const first = b.enter(run("first"));
    let third: ReturnType<Breaker["enter"]>;
    // The waiter's onRun enters a new request synchronously, during the hand-over.
    const second = b.enter(() => {
      ran.push("second");
      third = b.enter(run("third"));
    });
    first?.leave();
    expect(ran).toEqual(["first", "second"]);
    expect(third?.state).toBe("queued");
    second?.leave();
    expect(ran).toEqual(["first", "second", "third"]);
  });

  it("reports every change of the counts", () => {
    const seen: BreakerCounts[] = [];
    const b = new Breaker(1, 1, (c) => seen.push(c));
    const t1 = b.enter(() => {});
    const t2 = b.enter(() => {});
    b.enter(() => {}); // refused: no change
    t1?.leave();
    t2?.leave();
    expect(seen).toEqual([
      { running: 1, queued: 0 },
      { running: 1, queued: 1 },
      { running: 1, queued: 0 },
      { running: 0, queued: 0 },
    ]);
  });

  it("tells its observer of every arrival and of each slot taken and given back", () => {
    const events: [string, Ticket?][] = [];
    const b = new Breaker(1, 1, () => {}, {
      arrived: (admitted) => events.push([admitted ? "arrived" : "refused"]),
      started: (t) => events.push(["started", t]),
      released: (t) => events.push(["released", t]),
    });
    const a = b.enter(() => {});
    const queued = b.enter(() => {});
    expect(b.enter(() => {})).toBeUndefined(); // refused: the queue holds one
    a?.leave(); // hands the slot to the queued one
    queued?.leave();
    const name = (t?: Ticket) =>
      t === undefined ? "" : t === a ? " a" : t === queued ? " b" : " ?";
    expect(events.map(([e, t]) => `${e}${name(t)}`)).toEqual([
      "arrived",
      "started a",
      "arrived",
      "refused",
      "released a",
      "started b",
      "released b",
    ]);
  });

  it("does not count a queued request that gives up as having held a slot", () => {
    const released: Ticket[] = [];
    const b = new Breaker(1, 5, () => {}, {
      arrived: () => {},
      started: () => {},
      released: (t) => released.push(t),
    });
    const running = b.enter(() => {});
    const waiting = b.enter(() => {});
    waiting?.leave();
    expect(released).toEqual([]);
    running?.leave();
    expect(released).toEqual([running]);
  });

  it("refuses nonsensical limits", () => {
    expect(() => new Breaker(0, 1)).toThrow(/max concurrency/);
    expect(() => new Breaker(1, -1)).toThrow(/max queue length/);
  });
});
