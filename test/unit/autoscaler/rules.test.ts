// One scripted trace per rule of DESIGN.md's autoscaler, on a fake clock.

import { describe, expect, it } from "vitest";
import { Autoscaler, type Decision } from "../../../controller/src/autoscaler/autoscaler.ts";
import {
  type AutoscalerConfig,
  defaultAutoscalerConfig,
  fromApiAutoscaling,
  initialReplicas,
} from "../../../controller/src/autoscaler/config.ts";
import { at, desired, drive } from "./drive.ts";

// Rules in isolation: no stabilisation, no panic, a short window; target 1 so in-flight = need.
const isolated = (overrides: Partial<AutoscalerConfig> = {}): AutoscalerConfig =>
  defaultAutoscalerConfig(1, {
    windowSeconds: 10,
    downscaleStabilizationSeconds: 0,
    upscaleStabilizationSeconds: 0,
    panicWindowSeconds: 0,
    minReplicas: 0,
    initReplicas: 0,
    maxReplicas: 1000,
    ...overrides,
  });

/** One decision after ten seconds of constant in-flight. */
function decideOnce(
  config: AutoscalerConfig,
  current: number,
  inFlight: number,
  input: { ready?: number; revisionReady?: boolean; startedAt?: number } = {},
): Decision {
  const autoscaler = new Autoscaler(config);
  for (let t = 0; t <= 10; t++) autoscaler.record({ time: t, inFlight });
  return autoscaler.scale({
    now: 10,
    currentReplicas: current,
    readyReplicas: input.ready ?? current,
    revisionReady: input.revisionReady ?? true,
    startedAt: input.startedAt ?? -1e9,
  });
}

describe("recommendation", () => {
  it("recommends ceil(average in-flight / target_in_flight)", () => {
    expect(decideOnce(isolated({ targetInFlight: 4 }), 3, 13).desiredReplicas).toBe(4);
    expect(decideOnce(isolated({ targetInFlight: 4 }), 4, 12).desiredReplicas).toBe(3);
  });

  it("averages over the window, not the latest sample", () => {
    const autoscaler = new Autoscaler(isolated({ windowSeconds: 10 }));
    // Ten seconds at 0 and one at 100: the 10 s window holds nine zeros and the 100.
    for (let t = 0; t <= 10; t++) autoscaler.record({ time: t, inFlight: t === 10 ? 100 : 0 });
    const d = autoscaler.scale({
      now: 10,
      currentReplicas: 10,
      readyReplicas: 10,
      revisionReady: true,
      startedAt: -1e9,
    });
    expect(d.stableInFlight).toBe(10);
    expect(d.desiredReplicas).toBe(10);
  });
});

describe("tolerance", () => {
  it("ignores an upward change inside upscale_tolerance and follows one outside it", () => {
    const within = decideOnce(isolated(), 100, 104);
    expect(within).toMatchObject({ desiredReplicas: 100, reason: "within-tolerance" });
    expect(decideOnce(isolated(), 100, 106)).toMatchObject({
      desiredReplicas: 106,
      reason: "scale-up",
    });
  });

  it("ignores a downward change inside downscale_tolerance and follows one outside it", () => {
    const within = decideOnce(isolated(), 100, 96);
    expect(within).toMatchObject({ desiredReplicas: 100, reason: "within-tolerance" });
    expect(decideOnce(isolated(), 100, 94)).toMatchObject({
      desiredReplicas: 94,
      reason: "scale-down",
    });
  });

  it("has no dead band when the tolerances are 0", () => {
    const exact = isolated({ upscaleTolerance: 0, downscaleTolerance: 0 });
    expect(decideOnce(exact, 100, 104).desiredReplicas).toBe(104);
    expect(decideOnce(exact, 100, 96).desiredReplicas).toBe(96);
  });
});

describe("factor limits", () => {
  it("grows one step by at most max_upscale_factor", () => {
    expect(decideOnce(isolated(), 4, 100).desiredReplicas).toBe(6);
    expect(decideOnce(isolated(), 10, 100).desiredReplicas).toBe(15);
    expect(decideOnce(isolated({ maxUpscaleFactor: 3 }), 10, 100).desiredReplicas).toBe(30);
  });

  it("shrinks one step to no less than max_downscale_factor of the current count", () => {
    expect(decideOnce(isolated(), 8, 0).desiredReplicas).toBe(6);
    expect(decideOnce(isolated(), 100, 0).desiredReplicas).toBe(75);
    expect(decideOnce(isolated({ maxDownscaleFactor: 0.5 }), 100, 0).desiredReplicas).toBe(50);
  });

  it("always allows one more replica, even from 0 where the factor gives nothing", () => {
    expect(decideOnce(isolated(), 0, 5).desiredReplicas).toBe(1);
    expect(decideOnce(isolated(), 1, 10).desiredReplicas).toBe(2);
  });

  it("always allows one fewer replica where ceil(current × factor) is the current count", () => {
    // ceil(2 × 0.75) = 2 and ceil(3 × 0.75) = 3: the factor alone would never let these shrink.
    expect(decideOnce(isolated(), 2, 0).desiredReplicas).toBe(1);
    expect(decideOnce(isolated(), 3, 0).desiredReplicas).toBe(2);
  });
});

describe("bounds", () => {
  it("never recommends fewer than min_replicas", () => {
    const d = decideOnce(isolated({ minReplicas: 3, initReplicas: 3 }), 3, 0);
    expect(d).toMatchObject({ desiredReplicas: 3, recommendation: 3 });
  });

  it("keeps one replica with min_replicas 0: at zero no proxy would report load", () => {
    expect(decideOnce(isolated(), 1, 0)).toMatchObject({ desiredReplicas: 1, recommendation: 1 });
    expect(decideOnce(isolated(), 4, 0).desiredReplicas).toBe(3);
    // Without metrics (the state at 0 replicas) an API left at 0 by an older controller comes back.
    const idle = new Autoscaler(isolated());
    const held = idle.scale({
      now: 10,
      currentReplicas: 0,
      readyReplicas: 0,
      revisionReady: true,
      startedAt: -1e9,
    });
    expect(held).toMatchObject({ desiredReplicas: 1, reason: "bounds" });
  });

  it("never recommends more than max_replicas", () => {
    // The factor would allow 8.
    expect(decideOnce(isolated({ maxReplicas: 6 }), 5, 1000).desiredReplicas).toBe(6);
  });

  it("brings a count above a lowered max_replicas down, even inside the restart hold", () => {
    const d = decideOnce(isolated({ maxReplicas: 4, downscaleStabilizationSeconds: 300 }), 10, 50, {
      startedAt: 0,
    });
    expect(d).toMatchObject({ desiredReplicas: 4, reason: "bounds" });
  });
});

describe("init_replicas", () => {
  it("starts a new API at init_replicas, which defaults to min_replicas", () => {
    expect(initialReplicas(fromApiAutoscaling({}))).toBe(1);
    expect(initialReplicas(fromApiAutoscaling({ min_replicas: 2 }))).toBe(2);
    expect(initialReplicas(fromApiAutoscaling({ min_replicas: 2, init_replicas: 5 }))).toBe(5);
    // Zero is raised to one: scale to zero has no activator to wake the API.
    expect(initialReplicas(fromApiAutoscaling({ min_replicas: 0 }))).toBe(1);
  });
});

describe("downscale stabilisation", () => {
  it("does not scale below the highest recommendation of the last period", () => {
    const config = isolated({
      downscaleStabilizationSeconds: 300,
      minReplicas: 1,
      initReplicas: 1,
    });
    const { steps } = drive({
      config,
      load: (t) => (t <= 100 ? 10 : 0),
      until: 800,
      initialReplicas: 10,
    });
    // The last recommendation of 10 is at t=100; the first after the drop is 8 (the 0.75 factor).
    expect(at(steps, 100).recommendation).toBe(10);
    expect(at(steps, 102).recommendation).toBe(8);
    for (const s of steps.filter((s) => s.time > 100 && s.time <= 400)) {
      expect(s.decision.desiredReplicas).toBe(10);
    }
    expect(at(steps, 400).reason).toBe("downscale-stabilization");
    expect(at(steps, 402).desiredReplicas).toBe(8);
    // Recommendations are recorded after the factor limit, so each later step waits a whole
    // period again: the last 8 was recommended at t=402.
    expect(at(steps, 702).desiredReplicas).toBe(8);
    expect(at(steps, 704).desiredReplicas).toBe(6);
  });

  it("lets a scale-down through at once when the period is 0", () => {
    const { steps } = drive({
      config: isolated(),
      load: (t) => (t <= 100 ? 10 : 0),
      until: 110,
      initialReplicas: 10,
    });
    expect(at(steps, 102).desiredReplicas).toBe(8);
  });
});

describe("upscale stabilisation", () => {
  it("does not scale above the lowest recommendation of the last period", () => {
    const config = isolated({ upscaleStabilizationSeconds: 60 });
    const { steps } = drive({
      config,
      load: (t) => (t <= 100 ? 2 : 3),
      until: 200,
      initialReplicas: 2,
    });
    expect(at(steps, 100).recommendation).toBe(2);
    expect(at(steps, 102).recommendation).toBe(3);
    for (const s of steps.filter((s) => s.time > 100 && s.time <= 160)) {
      expect(s.decision).toMatchObject({ desiredReplicas: 2, reason: "upscale-stabilization" });
    }
    expect(at(steps, 162)).toMatchObject({ desiredReplicas: 3, reason: "scale-up" });
  });
});

describe("panic mode", () => {
  // DESIGN.md's defaults: window 60 s, stabilisation 5 m / 1 m, panic 6 s at 2×.
  const defaults = defaultAutoscalerConfig(1);

  it("enters panic when the panic window asks for panic_threshold × ready, and jumps at once", () => {
    const { steps } = drive({
      config: defaults,
      load: (t) => (t <= 120 ? 1 : 10),
      until: 140,
      initialReplicas: 1,
    });
    expect(at(steps, 120)).toMatchObject({ desiredReplicas: 1, panic: false });
    // (4 × 1 + 2 × 10) / 6 = 4 ≥ 2 × 1 ready: panic, and 1 → 4 skips both the 1.5× factor and
    // the 60 s upscale stabilisation.
    expect(at(steps, 122)).toMatchObject({ desiredReplicas: 4, panic: true, reason: "panic" });
    expect(at(steps, 126).desiredReplicas).toBe(10);
  });

  it("keeps a panic across a settings edit, but not into settings that turn panic off", () => {
    const panicking = new Autoscaler(defaults);
    for (let t = 0; t <= 10; t++) panicking.record({ time: t, inFlight: 10 });
    const tick = {
      now: 10,
      currentReplicas: 1,
      readyReplicas: 1,
      revisionReady: true,
      startedAt: 0,
    };
    expect(panicking.scale(tick).panic).toBe(true);
    const edited = panicking.reconfigured({ ...defaults, maxReplicas: 50 });
    expect(edited.scale({ ...tick, now: 11 }).panic).toBe(true);
    const off = panicking.reconfigured({ ...defaults, panicWindowSeconds: 0 });
    expect(off.scale({ ...tick, now: 11 }).panic).toBe(false);
  });

  it("reaches the needed count within 10 s of a step even while new replicas start", () => {
    const { steps } = drive({
      config: defaults,
      load: (t) => (t <= 120 ? 1 : 10),
      until: 140,
      initialReplicas: 1,
      readyDelaySeconds: 10,
    });
    const reached = steps.find((s) => s.time > 120 && s.decision.desiredReplicas >= 10);
    expect(reached?.time).toBeLessThanOrEqual(130);
  });

  it("leaves panic once the condition has been false for one stable window", () => {
    const { steps } = drive({
      config: defaults,
      load: (t) => (t <= 120 ? 1 : 10),
      until: 200,
      initialReplicas: 1,
    });
    // The condition last held at t=122 (at 124, 7 < 2 × 4 ready).
    expect(at(steps, 124).panicRecommendation).toBe(7);
    expect(at(steps, 180).panic).toBe(true);
    expect(at(steps, 182).panic).toBe(false);
    expect(at(steps, 182).desiredReplicas).toBe(10);
  });

  it("never scales down while panicking, then resumes the stable path", () => {
    const config = defaultAutoscalerConfig(1, { downscaleStabilizationSeconds: 0 });
    const { steps } = drive({
      config,
      load: (t) => (t > 120 && t <= 130 ? 10 : 0),
      until: 200,
      initialReplicas: 1,
    });
    const panicking = steps.filter((s) => s.time >= 126 && s.decision.panic);
    expect(panicking.length).toBeGreaterThan(10);
    for (const s of panicking) expect(s.decision.desiredReplicas).toBe(10);
    // The stable path wanted fewer all along.
    expect(panicking.some((s) => (s.decision.recommendation ?? 10) < 10)).toBe(true);
    const after = steps.find((s) => s.time > 126 && !s.decision.panic);
    expect(after?.decision.desiredReplicas).toBeLessThan(10);
  });

  // The audit's burst (bench figures in docs/cortex-yaml.md): 8 s of 100 in flight over a base of
  // 2, with the defaults and max 100, pods Ready 15 s after being asked for.
  const burstConfig = defaultAutoscalerConfig(1, {
    maxReplicas: 100,
    minReplicas: 1,
    initReplicas: 2,
  });
  const burst = (t: number) => (t >= 100 && t < 108 ? 100 : 2);

  it("gives back what panic added when it ends: a short burst costs about one window at its peak", () => {
    const { steps } = drive({
      config: burstConfig,
      load: burst,
      until: 100 + 3600,
      initialReplicas: 2,
      readyDelaySeconds: 15,
    });
    expect(Math.max(...desired(steps))).toBe(100);
    // Replica-seconds above the base after the burst began (2 s ticks).
    const extra = steps
      .filter((s) => s.time >= 100)
      .reduce((sum, s) => sum + 2 * (s.current - 2), 0);
    // Panic holds the peak while the panic window still sees the burst (burst + 6 s), then one
    // whole window (60 s) with the condition false; the stable path's own count (3: the burst
    // moved its window average) steps back to 2 after one downscale_stabilization_period.
    expect(extra).toBeLessThanOrEqual(98 * (8 + 6 + 60 + 2) + 1 * 300 + 2);
    // Before: down by max_downscale_factor once per period, 71.5 min and ~93,000 replica-s.
    const ended = steps.find((s) => s.time > 108 && !s.decision.panic);
    expect(ended?.decision).toMatchObject({ reason: "panic-over", desiredReplicas: 3 });
    expect(ended?.time).toBeLessThanOrEqual(108 + 6 + 60 + 2);
    const back = steps.find((s) => s.time > 108 && s.decision.desiredReplicas === 2);
    expect(back?.time).toBeLessThanOrEqual(108 + 6 + 60 + 300 + 2);
    for (const s of steps.filter((x) => (back?.time ?? 0) <= x.time)) {
      expect(s.decision.desiredReplicas).toBe(2);
    }
  });

  it("keeps the replicas a lasting rise still needs when panic ends, and never flaps", () => {
    const { steps } = drive({
      config: burstConfig,
      load: (t) => (t < 100 ? 2 : 40),
      until: 1000,
      initialReplicas: 2,
      readyDelaySeconds: 15,
    });
    const after = steps.filter((s) => s.time >= 110).map((s) => s.decision.desiredReplicas);
    // Up to 40 at once, and it stays there: panic's end gives back nothing the load needs.
    expect(after.every((d) => d === 40)).toBe(true);
    expect(steps.some((s) => s.time > 110 && !s.decision.panic)).toBe(true);
  });

  it("gives the lent replicas back again when the smaller count was not written", () => {
    const autoscaler = new Autoscaler(burstConfig);
    const tick = (now: number, current: number) =>
      autoscaler.scale({
        now,
        currentReplicas: current,
        readyReplicas: current,
        revisionReady: true,
        startedAt: -1e9,
      });
    let current = 2;
    let ended: Decision | undefined;
    for (let t = 0; t <= 400 && ended === undefined; t++) {
      autoscaler.record({ time: t, inFlight: burst(t) });
      if (t % 2 !== 0) continue;
      const d = tick(t, current);
      if (d.reason === "panic-over") ended = d;
      else current = d.desiredReplicas;
    }
    expect(current).toBe(100);
    expect(ended?.desiredReplicas).toBe(3);
    // The write failed: the count is still 100, and the next decision asks for 3 again.
    autoscaler.record({ time: 401, inFlight: 2 });
    expect(tick(402, 100)).toMatchObject({ desiredReplicas: 3, reason: "panic-over" });
    // Once written, the stable path goes on from 3 as in Cortex.
    autoscaler.record({ time: 403, inFlight: 2 });
    expect(tick(404, 3).reason).not.toBe("panic-over");
  });

  it("gives back at once what a panic lent when an edit turns panic mode off", () => {
    const autoscaler = new Autoscaler(burstConfig);
    let current = 2;
    for (let t = 0; t <= 110; t++) {
      autoscaler.record({ time: t, inFlight: burst(t) });
      if (t % 2 !== 0) continue;
      current = autoscaler.scale({
        now: t,
        currentReplicas: current,
        readyReplicas: 2,
        revisionReady: true,
        startedAt: -1e9,
      }).desiredReplicas;
    }
    expect(current).toBe(100);
    const off = autoscaler.reconfigured({ ...burstConfig, panicWindowSeconds: 0 });
    off.record({ time: 111, inFlight: 2 });
    const d = off.scale({
      now: 112,
      currentReplicas: 100,
      readyReplicas: 2,
      revisionReady: true,
      startedAt: -1e9,
    });
    // No panic window now: it keeps what the stable window still asks for (the burst is in it).
    expect(d).toMatchObject({ panic: false, reason: "panic-over" });
    expect(d.desiredReplicas).toBe(Math.ceil(d.stableInFlight ?? 0));
    expect(d.desiredReplicas).toBeLessThan(20);
  });

  it("is off when panic_window is 0s", () => {
    const { steps } = drive({
      config: defaultAutoscalerConfig(1, { panicWindowSeconds: 0 }),
      load: (t) => (t <= 120 ? 1 : 10),
      until: 140,
      initialReplicas: 1,
    });
    for (const s of steps) expect(s.decision).toMatchObject({ panic: false, desiredReplicas: 1 });
  });

  it("uses ready replicas for the condition: starting replicas do not calm it", () => {
    const config = defaultAutoscalerConfig(1);
    const asked = decideOnce(config, 10, 8, { ready: 2 });
    expect(asked).toMatchObject({ panic: true, desiredReplicas: 10 });
    const calm = decideOnce(config, 10, 8, { ready: 10 });
    expect(calm).toMatchObject({ panic: false, desiredReplicas: 8 });
  });
});

describe("missing and stale metrics", () => {
  it("holds the count when there has never been a sample", () => {
    const autoscaler = new Autoscaler(isolated());
    const d = autoscaler.scale({
      now: 100,
      currentReplicas: 5,
      readyReplicas: 5,
      revisionReady: true,
      startedAt: -1e9,
    });
    expect(d).toMatchObject({
      desiredReplicas: 5,
      reason: "no-metrics",
      recommendation: undefined,
    });
  });

  it("holds the count once the newest sample is older than staleAfterSeconds", () => {
    const autoscaler = new Autoscaler(isolated());
    for (let t = 0; t <= 100; t++) autoscaler.record({ time: t, inFlight: 50 });
    const input = { currentReplicas: 5, readyReplicas: 5, revisionReady: true, startedAt: -1e9 };
    expect(autoscaler.scale({ ...input, now: 106 }).desiredReplicas).toBe(8);
    expect(autoscaler.scale({ ...input, now: 107 })).toMatchObject({
      desiredReplicas: 5,
      reason: "stale-metrics",
    });
  });

  it("takes the staleness limit as an option", () => {
    const autoscaler = new Autoscaler(isolated({ windowSeconds: 60 }), { staleAfterSeconds: 30 });
    for (let t = 0; t <= 100; t++) autoscaler.record({ time: t, inFlight: 50 });
    const input = { currentReplicas: 5, readyReplicas: 5, revisionReady: true, startedAt: -1e9 };
    expect(autoscaler.scale({ ...input, now: 130 }).desiredReplicas).toBe(8);
    expect(autoscaler.scale({ ...input, now: 131 }).reason).toBe("stale-metrics");
  });

  it("holds through a gap in a running trace and resumes when samples return", () => {
    const { steps } = drive({
      config: isolated(),
      load: (t) => (t > 50 && t < 80 ? undefined : t < 80 ? 10 : 0),
      until: 100,
      initialReplicas: 10,
    });
    const gap = steps.filter((s) => s.time > 56 && s.time < 80);
    expect(gap.length).toBeGreaterThan(0);
    for (const s of gap) {
      expect(s.decision.reason).toBe("stale-metrics");
      expect(s.decision.desiredReplicas).toBe(s.current);
    }
    expect(at(steps, 80)).toMatchObject({ desiredReplicas: 8, reason: "scale-down" });
  });
});

describe("restart", () => {
  it("does not scale down for one downscale_stabilization_period after starting", () => {
    const { steps } = drive({
      config: defaultAutoscalerConfig(1),
      load: () => 0,
      until: 310,
      initialReplicas: 10,
      startedAt: 0,
    });
    for (const s of steps.filter((s) => s.time < 300)) {
      expect(s.decision).toMatchObject({ desiredReplicas: 10, reason: "restart-hold" });
    }
    expect(at(steps, 300).desiredReplicas).toBe(8);
  });

  it("still scales up during that period", () => {
    const d = decideOnce(isolated({ downscaleStabilizationSeconds: 300 }), 2, 3, { startedAt: 5 });
    expect(d.desiredReplicas).toBe(3);
  });
});

describe("revision not Ready", () => {
  it("never grows a revision that is not Ready, panic or not", () => {
    const d = decideOnce(defaultAutoscalerConfig(1), 2, 50, { revisionReady: false });
    expect(d).toMatchObject({ desiredReplicas: 2, reason: "revision-not-ready" });
  });

  it("holds rather than shrinks it", () => {
    const d = decideOnce(isolated(), 5, 0, { revisionReady: false });
    expect(d).toMatchObject({
      desiredReplicas: 5,
      reason: "revision-not-ready",
      recommendation: 4,
    });
  });

  it("grows it once it is Ready", () => {
    const { steps } = drive({
      config: isolated(),
      load: () => 6,
      until: 40,
      initialReplicas: 2,
      revisionReady: (t) => t >= 20,
    });
    expect(desired(steps.filter((s) => s.time < 20)).every((n) => n === 2)).toBe(true);
    expect(at(steps, 20).desiredReplicas).toBe(3);
    expect(at(steps, 40).desiredReplicas).toBe(6);
  });
});

describe("memory", () => {
  it("keeps samples and recommendations only as long as the longest period needs", () => {
    const config = defaultAutoscalerConfig(1);
    const { autoscaler } = drive({
      config,
      load: (t) => (t % 600 < 300 ? 20 : 2),
      until: 20_000,
      initialReplicas: 1,
    });
    const { samples, recommendations } = autoscaler.retained;
    expect(samples).toBeLessThanOrEqual(config.windowSeconds);
    // One recommendation per 2 s tick over the 300 s downscale period, plus the current one.
    expect(recommendations).toBeLessThanOrEqual(151);
    expect(recommendations).toBeGreaterThan(100);
  });
});
