import { describe, expect, it } from "vitest";
import {
  type ContainerRecord,
  exitCodeOf,
  exitReason,
  newRecord,
  type Terminated,
  toContainerStatus,
} from "../../sandbox/kubelet/container-state.ts";

const exit1: Terminated = {
  exitCode: 1,
  reason: "Error",
  startedAt: "2026-01-01T00:00:00Z",
  finishedAt: "2026-01-01T00:00:01Z",
  containerId: "sandbox://u/app/0",
};

function record(patch: Partial<ContainerRecord>): ContainerRecord {
  return { ...newRecord("app", "img:1", false), ...patch };
}

describe("toContainerStatus", () => {
  it("shows a container that has not started as waiting: PodInitializing in a pod with init containers, else ContainerCreating", () => {
    expect(toContainerStatus(record({}), false)).toMatchObject({
      name: "app",
      image: "img:1",
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: "ContainerCreating" } },
      lastState: {},
    });
    expect(toContainerStatus(record({}), true).state).toEqual({
      waiting: { reason: "PodInitializing" },
    });
    const init = newRecord("setup", "img:1", true);
    expect(toContainerStatus(init, true).state).toEqual({ waiting: { reason: "PodInitializing" } });
  });

  it("shows an init container as ready once it has exited 0, not while it runs; a sidecar by its readiness", () => {
    const running = { kind: "running" as const, startedAt: "2026-01-01T00:00:10Z" };
    const init = { ...newRecord("setup", "img:1", true), ready: true, started: true };
    expect(toContainerStatus({ ...init, state: running }, true).ready).toBe(false);
    const done: Terminated = { ...exit1, exitCode: 0, reason: "Completed" };
    expect(
      toContainerStatus({ ...init, state: { kind: "exited", terminated: done } }, true).ready,
    ).toBe(true);
    expect(
      toContainerStatus({ ...init, state: { kind: "exited", terminated: exit1 } }, true).ready,
    ).toBe(false);
    const sidecar = { ...newRecord("log", "img:1", true, true), ready: true, started: true };
    expect(toContainerStatus({ ...sidecar, state: running }, true).ready).toBe(true);
  });

  it("carries a waiting reason and message (an unmapped image)", () => {
    const status = toContainerStatus(
      record({ waiting: { reason: "ErrImagePull", message: 'image "x" is not mapped' } }),
      false,
    );
    expect(status.state).toEqual({
      waiting: { reason: "ErrImagePull", message: 'image "x" is not mapped' },
    });
  });

  it("shows a running container with its start time, readiness and the previous exit", () => {
    const status = toContainerStatus(
      record({
        state: { kind: "running", startedAt: "2026-01-01T00:00:10Z" },
        ready: true,
        started: true,
        restartCount: 1,
        lastTerminated: exit1,
        containerId: "sandbox://u/app/1",
      }),
      false,
    );
    expect(status).toMatchObject({
      ready: true,
      started: true,
      restartCount: 1,
      containerID: "sandbox://u/app/1",
      state: { running: { startedAt: "2026-01-01T00:00:10Z" } },
      lastState: { terminated: { exitCode: 1, reason: "Error" } },
    });
  });

  it("is never ready unless running", () => {
    const status = toContainerStatus(record({ ready: true, started: true }), false);
    expect(status.ready).toBe(false);
    expect(status.started).toBe(false);
  });

  it("shows a crash loop as waiting CrashLoopBackOff with the last exit as lastState", () => {
    const status = toContainerStatus(
      record({
        state: { kind: "exited", terminated: exit1 },
        restartCount: 3,
        waiting: {
          reason: "CrashLoopBackOff",
          message: "back-off 40s restarting failed container",
        },
      }),
      false,
    );
    expect(status.state).toEqual({
      waiting: { reason: "CrashLoopBackOff", message: "back-off 40s restarting failed container" },
    });
    expect(status.lastState.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(status.restartCount).toBe(3);
  });

  it("shows a finished container as terminated", () => {
    const done: Terminated = { ...exit1, exitCode: 0, reason: "Completed" };
    const status = toContainerStatus(
      record({ state: { kind: "exited", terminated: done } }),
      false,
    );
    expect(status.state.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(status.lastState).toEqual({});
  });
});

describe("exit codes", () => {
  it("reports Completed for 0 and Error otherwise", () => {
    expect(exitReason(0)).toBe("Completed");
    expect(exitReason(137)).toBe("Error");
  });

  it("reports a death by signal as 128 + the signal number", () => {
    expect(exitCodeOf(null, 15)).toBe(143);
    expect(exitCodeOf(null, 9)).toBe(137);
    expect(exitCodeOf(3, undefined)).toBe(3);
  });
});
