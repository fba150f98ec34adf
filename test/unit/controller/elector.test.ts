// The leader election loop on a fake clock, fake timers and a fake API: a leader stops leading at
// its renew deadline even while a renewal hangs, and each Lease call is cut off at that deadline.
import { describe, expect, it } from "vitest";
import type { Lease } from "../../../controller/src/controller/kube/types.ts";
import {
  type ElectorTimers,
  LeaderElector,
  type LeaseClient,
} from "../../../controller/src/controller/leader/elector.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";
import type { RequestOptions } from "../../../src/kube/client.ts";

class FakeTimers implements ElectorTimers {
  private next = 0;
  pending = new Map<number, { fn: () => void; ms: number }>();
  set(fn: () => void, ms: number): unknown {
    const id = ++this.next;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires the pending timers set for `ms`. */
  fire(ms: number): void {
    for (const [id, t] of [...this.pending]) {
      if (t.ms !== ms) continue;
      this.pending.delete(id);
      t.fn();
    }
  }
  has(ms: number): boolean {
    return [...this.pending.values()].some((t) => t.ms === ms);
  }
}

/** A Lease held by nobody; calls answer at once, or hang until aborted. */
class FakeLeaseApi implements LeaseClient {
  hang = false;
  calls: { method: string; signal: AbortSignal | undefined }[] = [];
  lease: Lease = { metadata: { name: "ctl", resourceVersion: "1" }, spec: { holderIdentity: "" } };
  async request<R>(method: string, _path: string, options: RequestOptions = {}): Promise<R> {
    this.calls.push({ method, signal: options.signal });
    if (this.hang) {
      return new Promise<R>((_resolve, reject) => {
        options.signal?.addEventListener("abort", () => reject(options.signal?.reason), {
          once: true,
        });
      });
    }
    if (method === "PUT") this.lease = options.body as Lease;
    return this.lease as R;
  }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setImmediate(r));
  if (!check()) throw new Error("condition not reached");
}

describe("LeaderElector", () => {
  it("stops leading at the renew deadline while a renewal hangs, and cuts the call off there", async () => {
    let now = 0;
    const timers = new FakeTimers();
    const api = new FakeLeaseApi();
    const log: string[] = [];
    const elector = new LeaderElector({
      client: api,
      namespace: "ns",
      name: "ctl",
      identity: "me",
      timings: { leaseDurationMs: 12_000, renewDeadlineMs: 8_000, retryPeriodMs: 2_000 },
      log: createLogger("test", { write: () => {} }),
      onStartedLeading: () => log.push("started"),
      onStoppedLeading: () => log.push("stopped"),
      now: () => now,
      timers,
    });
    elector.start();
    await until(() => log.length === 1);
    expect(elector.holdsLease()).toBe(true);

    // The next renewal hangs (the API server stopped answering; no reset).
    api.hang = true;
    now = 2_000;
    await until(() => timers.has(2_000));
    timers.fire(2_000);
    await until(() => api.calls.length === 3);
    // Cut off when the renewal could no longer count: 8 s after the last one, 6 s from now.
    expect(timers.has(6_000)).toBe(true);

    // A freeze: the clock passed the deadline before any timer ran. No writes from here.
    now = 8_000;
    expect(elector.holdsLease()).toBe(false);
    // The deadline timer stops the leader though the call is still pending.
    timers.fire(8_000);
    expect(log).toEqual(["started", "stopped"]);
    expect(elector.isLeader).toBe(false);
    expect(api.calls[2]?.signal?.aborted).toBe(false);
    timers.fire(6_000);
    expect(api.calls[2]?.signal?.aborted).toBe(true);

    await elector.stop();
  });
});
