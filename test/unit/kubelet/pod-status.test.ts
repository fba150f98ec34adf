import { describe, expect, it } from "vitest";
import { type ContainerRecord, newRecord } from "../../sandbox/kubelet/container-state.ts";
import { podConditions, podPhase, podStatusPatch } from "../../sandbox/kubelet/pod-status.ts";

const at = "2026-01-01T00:00:00Z";
const later = "2026-01-01T00:05:00Z";
const running = (name: string, ready = true, isInit = false): ContainerRecord => ({
  ...newRecord(name, "img", isInit),
  state: { kind: "running", startedAt: at },
  ready,
  started: true,
});
const exited = (name: string, exitCode: number, isInit = false): ContainerRecord => ({
  ...newRecord(name, "img", isInit),
  state: {
    kind: "exited",
    terminated: {
      exitCode,
      reason: exitCode ? "Error" : "Completed",
      startedAt: at,
      finishedAt: at,
    },
  },
});
const crashLooping = (name: string): ContainerRecord => ({
  ...exited(name, 1),
  waiting: { reason: "CrashLoopBackOff" },
});
const waiting = (name: string, isInit = false) => newRecord(name, "img", isInit);

describe("podPhase", () => {
  it("is Pending while an init container has not completed or a container has not started", () => {
    expect(podPhase("Always", [running("i", true, true), waiting("app")], false)).toBe("Pending");
    expect(podPhase("Always", [exited("i", 0, true), waiting("app")], false)).toBe("Pending");
    expect(podPhase("Always", [running("a"), waiting("b")], false)).toBe("Pending");
  });

  it("is Running when a container runs, or is restarting", () => {
    expect(podPhase("Always", [exited("i", 0, true), running("app")], false)).toBe("Running");
    expect(podPhase("Always", [crashLooping("app")], false)).toBe("Running");
    expect(podPhase("Always", [exited("app", 0)], false)).toBe("Running");
    expect(podPhase("OnFailure", [exited("a", 1)], false)).toBe("Running");
  });

  it("is Succeeded or Failed once nothing will run again", () => {
    expect(podPhase("Never", [exited("a", 0), exited("b", 0)], false)).toBe("Succeeded");
    expect(podPhase("OnFailure", [exited("a", 0)], false)).toBe("Succeeded");
    expect(podPhase("Never", [exited("a", 0), exited("b", 3)], false)).toBe("Failed");
    expect(podPhase("Never", [exited("i", 1, true), waiting("app")], true)).toBe("Failed");
  });
});

describe("podConditions", () => {
  const base = {
    phase: "Running" as const,
    sandboxReady: true,
    readinessGates: [],
    previous: [],
    now: at,
  };
  const byType = (records: ContainerRecord[], extra = {}) =>
    Object.fromEntries(podConditions({ ...base, records, ...extra }).map((c) => [c.type, c]));

  it("reports Ready and ContainersReady when every container is ready", () => {
    const c = byType([exited("i", 0, true), running("a"), running("b")]);
    expect(c.Initialized?.status).toBe("True");
    expect(c.ContainersReady).toMatchObject({ status: "True", reason: null, message: null });
    expect(c.Ready?.status).toBe("True");
    expect(c.PodReadyToStartContainers?.status).toBe("True");
  });

  it("names the containers that are not ready or not initialised", () => {
    const c = byType([running("i", false, true), waiting("a"), running("b", false)], {
      phase: "Pending",
    });
    expect(c.Initialized).toMatchObject({
      status: "False",
      reason: "ContainersNotInitialized",
      message: "containers with incomplete status: [i]",
    });
    expect(c.Ready).toMatchObject({
      status: "False",
      reason: "ContainersNotReady",
      message: "containers with unready status: [a b]",
    });
  });

  it("says PodCompleted for a finished pod", () => {
    const c = byType([exited("a", 0)], { phase: "Succeeded" });
    expect(c.Ready).toMatchObject({ status: "False", reason: "PodCompleted" });
  });

  it("keeps a condition's transition time while its status holds, and moves it on a change", () => {
    const first = podConditions({ ...base, records: [running("a", false)] });
    const same = podConditions({
      ...base,
      records: [running("a", false)],
      previous: first,
      now: later,
    });
    expect(same.find((c) => c.type === "Ready")?.lastTransitionTime).toBe(at);
    const flipped = podConditions({
      ...base,
      records: [running("a")],
      previous: first,
      now: later,
    });
    expect(flipped.find((c) => c.type === "Ready")?.lastTransitionTime).toBe(later);
    expect(flipped.find((c) => c.type === "Initialized")?.lastTransitionTime).toBe(at);
  });

  it("holds Ready back until every readiness gate's condition is True", () => {
    const gates = ["example.com/lb"];
    const down = byType([running("a")], { readinessGates: gates });
    expect(down.ContainersReady?.status).toBe("True");
    expect(down.Ready).toMatchObject({ status: "False", reason: "ReadinessGatesNotReady" });
    const up = byType([running("a")], {
      readinessGates: gates,
      previous: [{ type: "example.com/lb", status: "True" }],
    });
    expect(up.Ready?.status).toBe("True");
  });
});

describe("podStatusPatch", () => {
  it("reports addresses, start time and both kinds of container status", () => {
    const { status } = podStatusPatch({
      phase: "Running",
      records: [exited("i", 0, true), running("app")],
      sandboxReady: true,
      readinessGates: [],
      previous: [],
      now: at,
      hostIp: "10.213.1.1",
      podIp: "10.213.1.7",
      startTime: at,
    });
    expect(status).toMatchObject({
      phase: "Running",
      hostIP: "10.213.1.1",
      hostIPs: [{ ip: "10.213.1.1" }],
      podIP: "10.213.1.7",
      // Replaces, rather than merges with, the address a previous kubelet reported.
      podIPs: [{ ip: "10.213.1.7" }, { $patch: "replace" }],
      startTime: at,
      message: null,
    });
    expect(status.initContainerStatuses?.map((s) => s.name)).toEqual(["i"]);
    expect(status.containerStatuses?.map((s) => s.name)).toEqual(["app"]);
  });

  it("leaves podIP out before the pod has an address", () => {
    const { status } = podStatusPatch({
      phase: "Pending",
      records: [waiting("app")],
      sandboxReady: false,
      readinessGates: [],
      previous: [],
      now: at,
      hostIp: "10.213.1.1",
      startTime: at,
      message: "no free pod IP left",
    });
    expect(status.podIP).toBeUndefined();
    expect(status.message).toBe("no free pod IP left");
  });
});
