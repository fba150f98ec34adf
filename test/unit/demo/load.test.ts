// The closed-loop load generator with a stand-in for the network: clients, round-robin targets,
// bounds, growing and shrinking, and waiting for targets.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { startLoad } from "../../../scripts/demo/load.ts";
import type { Outcome } from "../../../scripts/demo/tally.ts";

function fakeSend(delayMs = 1) {
  let concurrent = 0;
  let peak = 0;
  const calls: string[] = [];
  const send = async (target: string): Promise<Outcome> => {
    calls.push(target);
    concurrent++;
    peak = Math.max(peak, concurrent);
    await sleep(delayMs);
    concurrent--;
    return { target, status: 200, version: "1", correct: true };
  };
  return {
    send,
    calls,
    get peak() {
      return peak;
    },
  };
}

describe("startLoad", () => {
  it("keeps at most `clients` requests in flight and spreads them round-robin", async () => {
    const fake = fakeSend();
    const outcomes: Outcome[] = [];
    const load = startLoad({
      clients: 3,
      targets: () => ["a", "b"],
      onOutcome: (o) => outcomes.push(o),
      maxSeconds: 30,
      maxRequests: 60,
      send: fake.send,
    });
    while (load.sent < 60) await sleep(2);
    await load.stop();
    expect(fake.peak).toBe(3);
    expect(outcomes).toHaveLength(60);
    expect(load.inFlight).toBe(0);
    const a = fake.calls.filter((t) => t === "a").length;
    expect(a).toBe(30);
  });

  it("stops by itself at maxRequests", async () => {
    const fake = fakeSend();
    const load = startLoad({
      clients: 4,
      targets: () => ["a"],
      onOutcome: () => {},
      maxSeconds: 30,
      maxRequests: 10,
      send: fake.send,
    });
    await sleep(100);
    await load.stop();
    expect(fake.calls).toHaveLength(10);
  });

  it("stops by itself at maxSeconds", async () => {
    const fake = fakeSend(5);
    const load = startLoad({
      clients: 1,
      targets: () => ["a"],
      onOutcome: () => {},
      maxSeconds: 0.05,
      maxRequests: 1_000_000,
      send: fake.send,
    });
    await sleep(300);
    const sent = load.sent;
    await sleep(50);
    expect(load.sent).toBe(sent);
    await load.stop();
    expect(sent).toBeLessThan(100);
  });

  it("waits, without sending, while no target is ready", async () => {
    const fake = fakeSend();
    let ready: string[] = [];
    const load = startLoad({
      clients: 2,
      targets: () => ready,
      onOutcome: () => {},
      maxSeconds: 30,
      maxRequests: 5,
      send: fake.send,
    });
    await sleep(150);
    expect(fake.calls).toHaveLength(0);
    ready = ["c"];
    while (load.sent < 5) await sleep(5);
    await load.stop();
    expect(fake.calls).toEqual(["c", "c", "c", "c", "c"]);
  });

  it("grows and shrinks without running one client twice", async () => {
    const fake = fakeSend(3);
    const load = startLoad({
      clients: 1,
      targets: () => ["a"],
      onOutcome: () => {},
      maxSeconds: 30,
      maxRequests: 100_000,
      send: fake.send,
    });
    load.setClients(5);
    load.setClients(2);
    load.setClients(5);
    await sleep(60);
    await load.stop();
    expect(fake.peak).toBe(5);
  });
});
