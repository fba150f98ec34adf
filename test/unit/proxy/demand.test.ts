import { describe, expect, it } from "vitest";
import {
  BACKLOG_SERVICE_TIMES,
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
