import { describe, expect, it } from "vitest";
import { Breaker, type Ticket } from "../../../controller/src/proxy/breaker.ts";
import {
  BACKLOG_SERVICE_TIMES,
  countedArrivals,
  DemandWindow,
  demandConcurrency,
} from "../../../controller/src/proxy/demand.ts";

describe("demandConcurrency", () => {
  it("is arrival rate × service time (Little's law) without a backlog", () => {
    expect(demandConcurrency(10, 0.5, 0)).toBe(5);
    expect(demandConcurrency(0, 2, 0)).toBe(0);
  });

  it("adds the concurrency that clears the backlog within BACKLOG_SERVICE_TIMES service times", () => {
    // 8 queued requests, whatever they take, need 8 / 4 = 2 more running at once.
    expect(demandConcurrency(4, 1, 2 * BACKLOG_SERVICE_TIMES)).toBe(6);
    expect(demandConcurrency(0, 3, BACKLOG_SERVICE_TIMES)).toBe(1);
  });
});

describe("DemandWindow", () => {
  it("reports the fallback until a request has finished", () => {
    const w = new DemandWindow(0);
    for (let i = 0; i < 5; i++) w.arrival();
    expect(w.roll(1000, 3, 7.5)).toBe(7.5);
  });

  it("reads arrivals per second × the mean service time of recent requests", () => {
    const w = new DemandWindow(0);
    for (let i = 0; i < 8; i++) w.arrival();
    w.finished(0.2);
    w.finished(0.6);
    // 8 arrivals/s × 0.4 s
    expect(w.roll(1000, 0, 99)).toBeCloseTo(3.2, 10);
    // Arrivals are counted per window; a quiet second has no demand.
    expect(w.roll(2000, 0, 99)).toBe(0);
  });

  it("scales the arrival count by the window's real length", () => {
    const w = new DemandWindow(0);
    for (let i = 0; i < 10; i++) w.arrival();
    w.finished(1);
    expect(w.roll(2000, 0, 99)).toBeCloseTo(5, 10);
  });

  it("counts the backlog once a service time is known", () => {
    const w = new DemandWindow(0);
    w.finished(2);
    expect(w.roll(1000, 3 * BACKLOG_SERVICE_TIMES, 99)).toBeCloseTo(3, 10);
  });

  it("averages service time over the last ten windows and forgets older ones", () => {
    const w = new DemandWindow(0);
    let now = 0;
    const next = () => {
      now += 1000;
      return now;
    };
    w.finished(4);
    w.roll(next(), 0, 0);
    w.finished(2);
    // Both windows count: (4 + 2) / 2.
    w.arrival();
    expect(w.roll(next(), 0, 0)).toBeCloseTo(3, 10);
    for (let i = 0; i < 8; i++) w.roll(next(), 0, 0);
    // The 4 s request fell out of the ten windows; the 2 s one is still in.
    w.arrival();
    expect(w.roll(next(), 0, 0)).toBeCloseTo(2, 10);
  });

  it("keeps the last service time while nothing finishes", () => {
    const w = new DemandWindow(0);
    let now = 0;
    const next = () => {
      now += 1000;
      return now;
    };
    w.finished(1.5);
    w.roll(next(), 0, 0);
    for (let i = 0; i < 30; i++) w.roll(next(), 0, 0);
    w.arrival();
    w.arrival();
    expect(w.roll(next(), 0, 0)).toBeCloseTo(3, 10);
  });
});

describe("refused arrivals", () => {
  it("count up to as many as the admitted ones", () => {
    expect(countedArrivals(5, 0)).toBe(5);
    expect(countedArrivals(5, 3)).toBe(8);
    expect(countedArrivals(5, 500)).toBe(10);
    expect(countedArrivals(0, 500)).toBe(0);
  });

  // Pods with max_concurrency 1 and max_queue_length 1 in front of a 500 ms model server, on a
  // 1 ms clock, each with its own Breaker and DemandWindow as in proxy.ts; requests go to the pods
  // in turn, as a Service spreads them. Returns the API's demand (the pods' sum) in the last
  // second of ten.
  function apiDemand(
    pods: number,
    traffic: { retryingClients: number } | { perSecond: number },
  ): number {
    const serviceMs = 500;
    const windows = Array.from({ length: pods }, () => new DemandWindow(0));
    const queuedMs = Array.from({ length: pods }, () => 0);
    // Requests running in a model server, when each finishes, and which client sent each.
    const running: { ticket: Ticket; done: number }[] = [];
    const owner = new Map<Ticket, number>();
    let now = 0;
    const breakers = windows.map(
      (w) =>
        new Breaker(1, 1, () => {}, {
          arrived: (admitted) => (admitted ? w.arrival() : w.refusal()),
          started: (ticket) => running.push({ ticket, done: now + serviceMs }),
          released: () => w.finished(serviceMs / 1000),
        }),
    );
    let next = 0;
    // A retrying client sends again 5 ms after a 503, and at once after an answer.
    const clients = "retryingClients" in traffic ? traffic.retryingClients : 0;
    const sendAt = Array.from({ length: clients }, () => 0);
    const waiting = new Set<number>();
    const send = (client?: number) => {
      const ticket = (breakers[next++ % pods] as Breaker).enter(() => {});
      if (client === undefined) return;
      if (ticket === undefined) sendAt[client] = now + 5;
      else {
        waiting.add(client);
        owner.set(ticket, client);
      }
    };
    let demand = 0;
    for (now = 0; now < 10_000; now++) {
      for (const r of running.filter((x) => x.done <= now)) {
        running.splice(running.indexOf(r), 1);
        const client = owner.get(r.ticket);
        if (client !== undefined) {
          waiting.delete(client);
          sendAt[client] = now;
        }
        r.ticket.leave();
      }
      for (let c = 0; c < clients; c++)
        if (!waiting.has(c) && (sendAt[c] as number) <= now) send(c);
      if ("perSecond" in traffic && now % (1000 / traffic.perSecond) === 0) send();
      breakers.forEach((b, i) => {
        queuedMs[i] = (queuedMs[i] as number) + b.counts().queued;
      });
      if ((now + 1) % 1000 === 0) {
        demand = 0;
        windows.forEach((w, i) => {
          demand += w.roll(now + 1, (queuedMs[i] as number) / 1000, 0);
          queuedMs[i] = 0;
        });
      }
    }
    return demand;
  }

  /** The replica counts the demand asks for, decision after decision (target_in_flight 1). */
  function climb(traffic: Parameters<typeof apiDemand>[1], decisions: number): number[] {
    const counts = [1];
    for (let i = 0; i < decisions; i++) {
      counts.push(Math.ceil(apiDemand(counts.at(-1) as number, traffic)));
    }
    return counts;
  }

  it("keep three clients that retry 503s at once near their true concurrency of 3", () => {
    // One pod serves 2 a second; the third client's retries are refused ~200 times a second,
    // which read as ~100 in flight when every arrival counted.
    const once = apiDemand(1, { retryingClients: 3 });
    expect(once).toBeLessThan(4.5);
    expect(once).toBeGreaterThan(2);
    const counts = climb({ retryingClients: 3 }, 4);
    expect(counts.at(-1)).toBe(3);
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
  });

  it("still grow the count geometrically under a genuine 10x overload", () => {
    // 20 a second against one pod that serves 2: the need is 10.
    const counts = climb({ perSecond: 20 }, 3);
    expect(counts[1]).toBeGreaterThanOrEqual(3);
    expect(counts.at(-1)).toBeGreaterThanOrEqual(10);
  });
});
