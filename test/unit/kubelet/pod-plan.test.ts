import { describe, expect, it } from "vitest";
import { nextBackoff } from "../../sandbox/kubelet/backoff.ts";
import { type ContainerRecord, newRecord } from "../../sandbox/kubelet/container-state.ts";
import { planPod, shouldRestart } from "../../sandbox/kubelet/pod-plan.ts";

const policy = { baseMs: 10_000, maxMs: 300_000 };
const t0 = Date.parse("2026-01-01T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

const running = (r: ContainerRecord, started = true): ContainerRecord => ({
  ...r,
  state: { kind: "running", startedAt: iso(t0) },
  started,
});
const exited = (r: ContainerRecord, exitCode: number, finishedMs = t0): ContainerRecord => ({
  ...r,
  state: {
    kind: "exited",
    terminated: { exitCode, reason: "x", startedAt: iso(t0), finishedAt: iso(finishedMs) },
  },
});
const init = (name: string) => newRecord(name, "img", true);
const main = (name: string) => newRecord(name, "img", false);

describe("planPod: init containers", () => {
  it("starts only the first init container, and nothing else", () => {
    const plan = planPod("Always", [init("a"), init("b"), main("app")], t0, policy);
    expect(plan.start).toEqual(["a"]);
    expect(plan.initialized).toBe(false);
  });

  it("waits while an init container runs, then moves to the next", () => {
    expect(
      planPod("Always", [running(init("a")), init("b"), main("app")], t0, policy).start,
    ).toEqual([]);
    expect(
      planPod("Always", [exited(init("a"), 0), init("b"), main("app")], t0, policy).start,
    ).toEqual(["b"]);
  });

  it("starts the containers once every init container has completed", () => {
    const plan = planPod("Always", [exited(init("a"), 0), main("app"), main("side")], t0, policy);
    expect(plan.start).toEqual(["app", "side"]);
    expect(plan.initialized).toBe(true);
  });

  it("fails the pod when an init container fails and restartPolicy is Never", () => {
    const plan = planPod("Never", [exited(init("a"), 2), main("app")], t0, policy);
    expect(plan).toMatchObject({ start: [], initFailed: true, done: true });
  });

  it("retries a failed init container under OnFailure and Always", () => {
    expect(planPod("OnFailure", [exited(init("a"), 2), main("app")], t0, policy).start).toEqual([
      "a",
    ]);
  });

  it("lets a sidecar init container run on, holding back the next until it has started", () => {
    const sidecar = newRecord("proxy", "img", true, true);
    expect(planPod("Always", [sidecar, main("app")], t0, policy).start).toEqual(["proxy"]);
    expect(planPod("Always", [running(sidecar, false), main("app")], t0, policy).start).toEqual([]);
    expect(planPod("Always", [running(sidecar, true), main("app")], t0, policy).start).toEqual([
      "app",
    ]);
    // A sidecar restarts even after exit 0.
    expect(planPod("Always", [exited(sidecar, 0), main("app")], t0, policy).start).toEqual([
      "proxy",
    ]);
  });
});

describe("planPod: restarts", () => {
  it("follows restartPolicy", () => {
    expect(shouldRestart("Always", 0)).toBe(true);
    expect(shouldRestart("OnFailure", 0)).toBe(false);
    expect(shouldRestart("OnFailure", 1)).toBe(true);
    expect(shouldRestart("Never", 1)).toBe(false);
  });

  it("restarts a first crash at once", () => {
    expect(planPod("Always", [exited(main("app"), 1)], t0, policy).start).toEqual(["app"]);
  });

  it("holds a repeated crash back until its back-off ends, and says when to look again", () => {
    const crashed = {
      ...exited(main("app"), 1, t0 + 2000),
      backoff: nextBackoff(undefined, t0, policy),
    };
    const plan = planPod("Always", [crashed], t0 + 2000, policy);
    expect(plan.start).toEqual([]);
    expect(plan.backingOff).toEqual([{ name: "app", untilMs: t0 + 10_000, delayMs: 10_000 }]);
    expect(plan.wakeAtMs).toBe(t0 + 10_000);
    expect(planPod("Always", [crashed], t0 + 10_000, policy).start).toEqual(["app"]);
  });

  it("waits for a failed start attempt's retry time", () => {
    const blocked = { ...main("app"), retryAtMs: t0 + 5000 };
    const plan = planPod("Always", [blocked], t0, policy);
    expect(plan.start).toEqual([]);
    expect(plan.wakeAtMs).toBe(t0 + 5000);
    expect(planPod("Always", [blocked], t0 + 5000, policy).start).toEqual(["app"]);
  });

  it("is done when no container runs or will run again", () => {
    expect(planPod("Never", [exited(main("a"), 0), exited(main("b"), 1)], t0, policy).done).toBe(
      true,
    );
    expect(planPod("OnFailure", [exited(main("a"), 0), running(main("b"))], t0, policy).done).toBe(
      false,
    );
    expect(planPod("OnFailure", [exited(main("a"), 0)], t0, policy).done).toBe(true);
    expect(planPod("Always", [exited(main("a"), 0)], t0, policy).done).toBe(false);
  });
});
