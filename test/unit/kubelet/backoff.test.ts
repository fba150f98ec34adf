import { describe, expect, it } from "vitest";
import {
  type BackoffEntry,
  backoffUntil,
  kubernetesBackoff,
  nextBackoff,
} from "../../sandbox/kubelet/backoff.ts";

const s = 1000;
const policy = kubernetesBackoff;

/** Simulates a container that always exits 1 s after it starts. */
function crashLoop(restarts: number): number[] {
  let entry: BackoffEntry | undefined;
  let now = 0;
  const waits: number[] = [];
  for (let i = 0; i < restarts; i++) {
    now += 1 * s; // it runs for a second, then exits
    const until = backoffUntil(entry, now, policy);
    const startAt = until ?? now;
    waits.push(startAt - now);
    now = startAt;
    entry = nextBackoff(entry, now, policy);
  }
  return waits;
}

describe("crash-loop back-off", () => {
  it("restarts at once the first time, then after 10 s doubling, capped at 5 min", () => {
    // Each wait is the delay minus the second the container ran.
    expect(crashLoop(9)).toEqual([0, 9, 19, 39, 79, 159, 299, 299, 299].map((n) => n * s));
  });

  it("starts at the configured base", () => {
    const fast = { baseMs: 1 * s, maxMs: 4 * s };
    let entry = nextBackoff(undefined, 0, fast);
    expect(entry.delayMs).toBe(1 * s);
    entry = nextBackoff(entry, 1 * s, fast);
    entry = nextBackoff(entry, 2 * s, fast);
    entry = nextBackoff(entry, 3 * s, fast);
    expect(entry.delayMs).toBe(4 * s);
  });

  it("does not hold back a container that ran longer than the delay", () => {
    const entry: BackoffEntry = { delayMs: 40 * s, lastUpdateMs: 0 };
    expect(backoffUntil(entry, 39 * s, policy)).toBe(40 * s);
    expect(backoffUntil(entry, 40 * s, policy)).toBeUndefined();
  });

  it("forgets the back-off after 10 minutes without a restart", () => {
    const entry: BackoffEntry = { delayMs: 300 * s, lastUpdateMs: 0 };
    expect(nextBackoff(entry, 600 * s, policy).delayMs).toBe(300 * s);
    expect(nextBackoff(entry, 600 * s + 1, policy).delayMs).toBe(10 * s);
    expect(backoffUntil(entry, 600 * s + 1, policy)).toBeUndefined();
  });
});
