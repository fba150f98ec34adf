// Leader election decisions on a Lease, on a fake clock.
import { describe, expect, it } from "vitest";
import type { Lease } from "../../../controller/src/controller/kube/types.ts";
import {
  DEFAULT_TIMINGS,
  leaseAction,
  microTime,
  nextLeaseSpec,
  observe,
} from "../../../controller/src/controller/leader/lease.ts";

const held = (holder: string, renewTime: string, duration = 12): Lease => ({
  metadata: { name: "cortex-deploy-controller" },
  spec: { holderIdentity: holder, renewTime, leaseDurationSeconds: duration, leaseTransitions: 2 },
});

describe("leaseAction", () => {
  it("creates a missing Lease", () => {
    expect(
      leaseAction(undefined, observe(undefined, undefined, 0), "me", 0, DEFAULT_TIMINGS),
    ).toEqual({ kind: "create" });
  });

  it("renews its own Lease and takes a released one", () => {
    const mine = held("me", "t1");
    expect(leaseAction(mine, observe(undefined, mine, 0), "me", 0, DEFAULT_TIMINGS).kind).toBe(
      "renew",
    );
    const released = held("", "t1");
    expect(
      leaseAction(released, observe(undefined, released, 0), "me", 0, DEFAULT_TIMINGS).kind,
    ).toBe("takeover");
  });

  it("waits for another holder until the Lease has gone unrenewed for its duration, on its own clock", () => {
    const lease = held("other", "2020-01-01T00:00:00.000000Z");
    // The renew time is years old by the wall clock, but we only just saw the record: wait.
    let seen = observe(undefined, lease, 1_000);
    expect(leaseAction(lease, seen, "me", 1_000, DEFAULT_TIMINGS)).toEqual({
      kind: "wait",
      holder: "other",
      expiresAt: 13_000,
    });
    seen = observe(seen, lease, 12_999);
    expect(leaseAction(lease, seen, "me", 12_999, DEFAULT_TIMINGS).kind).toBe("wait");
    expect(leaseAction(lease, seen, "me", 13_000, DEFAULT_TIMINGS).kind).toBe("takeover");
  });

  it("restarts the wait when the holder renews", () => {
    const first = held("other", "a");
    const seen = observe(undefined, first, 0);
    const renewed = held("other", "b");
    const again = observe(seen, renewed, 10_000);
    expect(again.observedAt).toBe(10_000);
    expect(leaseAction(renewed, again, "me", 13_000, DEFAULT_TIMINGS).kind).toBe("wait");
  });
});

describe("nextLeaseSpec", () => {
  it("counts a takeover as a transition and keeps acquireTime on renewal", () => {
    const lease = held("other", "x");
    const taken = nextLeaseSpec(lease, "takeover", "me", Date.UTC(2025, 0, 1), DEFAULT_TIMINGS);
    expect(taken).toMatchObject({
      holderIdentity: "me",
      leaseDurationSeconds: 12,
      leaseTransitions: 3,
      acquireTime: "2025-01-01T00:00:00.000000Z",
      renewTime: "2025-01-01T00:00:00.000000Z",
    });
    const renewed = nextLeaseSpec(
      { ...lease, spec: taken },
      "renew",
      "me",
      Date.UTC(2025, 0, 1, 0, 0, 2),
      DEFAULT_TIMINGS,
    );
    expect(renewed.acquireTime).toBe("2025-01-01T00:00:00.000000Z");
    expect(renewed.renewTime).toBe("2025-01-01T00:00:02.000000Z");
    expect(renewed.leaseTransitions).toBe(3);
  });

  it("writes MicroTime with six fractional digits", () => {
    expect(microTime(Date.UTC(2025, 5, 1, 12, 30, 15, 123))).toBe("2025-06-01T12:30:15.123000Z");
  });
});
