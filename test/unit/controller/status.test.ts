// The RealtimeAPI status per phase.
import { describe, expect, it } from "vitest";
import { computeStatus, invalidSpecStatus } from "../../../controller/src/controller/status.ts";
import type { Assessment } from "../../../controller/src/rollout/assess.ts";
import type { RevisionRecord } from "../../../controller/src/rollout/revisions.ts";
import type { Condition } from "../../../src/kube/resource.ts";
import { deployment, record } from "./fixtures.ts";

const NOW = new Date("2025-03-01T00:00:00.000Z");
const good = record({ specHash: "a".repeat(64), revision: 1, result: "Ready" });

function status(
  desired: RevisionRecord,
  target: RevisionRecord,
  assessment: Assessment,
  previous?: Condition[],
) {
  return computeStatus({
    now: NOW,
    generation: 4,
    previous: previous === undefined ? undefined : { conditions: previous },
    endpoint: "/iris",
    decision: { desired, desiredChanged: false, target, assessment },
    records: [desired, good],
    deployment: deployment({ templateHash: "t", replicas: 3, available: 2, updated: 1, total: 3 }),
  });
}

const byType = (conditions: Condition[] | undefined) =>
  Object.fromEntries((conditions ?? []).map((c) => [c.type, [c.status, c.reason]]));

describe("computeStatus", () => {
  const rolledBack = record({
    specHash: "b".repeat(64),
    revision: 2,
    result: "RolledBack",
    reason: "CrashLoopBackOff",
    message: "revision 2: boom; rolled back to revision 1",
  });

  it("reports a rolled-back generation: RolledBack and Degraded True with the failure reason", () => {
    const desired = rolledBack;
    const s = status(desired, good, { state: "complete", message: "ok" });
    expect(s.phase).toBe("RolledBack");
    expect(byType(s.conditions)).toEqual({
      Ready: ["False", "RolledBack"],
      Progressing: ["False", "RolledBack"],
      Degraded: ["True", "CrashLoopBackOff"],
      RolledBack: ["True", "CrashLoopBackOff"],
    });
    expect(s.currentRevision).toBe(1);
    expect(s.lastReadyRevision).toBe(1);
    expect(s.conditions?.every((c) => c.observedGeneration === 4)).toBe(true);
  });

  it("shows the way back while it rolls out, and a revision rolled back to that fails too", () => {
    const desired = rolledBack;
    const conditions = (a: Assessment) =>
      Object.fromEntries(
        (status(desired, good, a).conditions ?? []).map((c) => [
          c.type,
          [c.status, c.reason, c.message],
        ]),
      );
    expect(
      conditions({
        state: "progressing",
        reason: "RollingOut",
        message: "1 of 3 replicas available",
        blocked: false,
      }).Progressing,
    ).toEqual(["True", "RollingBack", "returning to revision 1: 1 of 3 replicas available"]);
    const failing = conditions({
      state: "failed",
      reason: "ImagePullBackOff",
      message: 'revision 1: container "api" of pod p cannot pull image "acme/iris:1"',
    });
    expect(failing.Degraded).toEqual([
      "True",
      "ImagePullBackOff",
      'the rollback to revision 1 fails too: revision 1: container "api" of pod p cannot pull image "acme/iris:1"',
    ]);
    expect(failing.RolledBack).toEqual(["True", "CrashLoopBackOff", desired.message]);
  });

  it("reports a blocked rollout as Progressing with the reason, and Degraded", () => {
    const desired = record({ specHash: "b".repeat(64), revision: 2, result: "Progressing" });
    const s = status(desired, desired, {
      state: "progressing",
      reason: "SurgeImpossible",
      message: "rollout blocked: …",
      blocked: true,
    });
    expect(s.phase).toBe("Progressing");
    expect(byType(s.conditions)).toEqual({
      Ready: ["False", "SurgeImpossible"],
      Progressing: ["True", "SurgeImpossible"],
      Degraded: ["True", "SurgeImpossible"],
      RolledBack: ["False", "NotRolledBack"],
    });
    expect(s).toMatchObject({
      replicas: 3,
      readyReplicas: 2,
      updatedReplicas: 1,
      desiredReplicas: 3,
      endpoint: "/iris",
    });
  });

  it("reports Ready with the revision numbers, and keeps transition times of unchanged conditions", () => {
    const desired = record({ specHash: "b".repeat(64), revision: 2, result: "Ready" });
    const earlier = "2025-01-01T00:00:00.000Z";
    const s = status(desired, desired, { state: "complete", message: "ok" }, [
      {
        type: "Ready",
        status: "True",
        reason: "RevisionReady",
        message: "",
        lastTransitionTime: earlier,
      },
      { type: "Degraded", status: "True", reason: "X", message: "", lastTransitionTime: earlier },
    ]);
    expect(s.phase).toBe("Ready");
    expect(s.currentRevision).toBe(2);
    expect(s.lastReadyRevision).toBe(2);
    const ready = s.conditions?.find((c) => c.type === "Ready");
    const degraded = s.conditions?.find((c) => c.type === "Degraded");
    expect(ready?.lastTransitionTime).toBe(earlier);
    expect(degraded?.lastTransitionTime).toBe(NOW.toISOString());
  });

  it("says NotReady, not Ready, while no replica of the Ready revision is available", () => {
    // After a rollback, a spec that changes no pod is Ready at once; the pods it runs, the
    // rolled-back revision's, are not up yet.
    const desired = record({ specHash: "c".repeat(64), revision: 3, result: "Ready" });
    const input = {
      now: NOW,
      generation: 4,
      previous: undefined,
      endpoint: "/iris",
      decision: {
        desired,
        desiredChanged: false,
        target: desired,
        assessment: {
          state: "progressing",
          reason: "RollingOut",
          message: "revision 3 is rolling out: 1 of 1 replicas updated, 0 available",
          blocked: false,
        } as Assessment,
      },
      records: [desired, good],
    };
    const down = computeStatus({
      ...input,
      deployment: deployment({ templateHash: "t", replicas: 1, available: 0 }),
    });
    expect(down.phase).toBe("NotReady");
    expect(byType(down.conditions).Ready).toEqual(["False", "NoReplicasAvailable"]);
    expect(down.currentRevision).toBe(3);
    // Once a replica is available it is Ready.
    const up = computeStatus({
      ...input,
      deployment: deployment({ templateHash: "t", replicas: 1, available: 1 }),
    });
    expect(up.phase).toBe("Ready");
    expect(byType(up.conditions).Ready).toEqual(["True", "RevisionReady"]);
    // Scaled to zero on purpose it serves what it is asked to.
    const zero = computeStatus({
      ...input,
      deployment: deployment({ templateHash: "t", replicas: 0, available: 0 }),
    });
    expect(zero.phase).toBe("Ready");
  });

  it("says Failed when the first revision fails", () => {
    const desired = record({
      specHash: "b".repeat(64),
      revision: 1,
      result: "Failed",
      reason: "ImagePullBackOff",
    });
    const s = status(desired, desired, {
      state: "failed",
      reason: "ImagePullBackOff",
      message: "m",
    });
    expect(s.phase).toBe("Failed");
    expect(byType(s.conditions).Ready).toEqual(["False", "ImagePullBackOff"]);
    expect(byType(s.conditions).RolledBack).toEqual(["False", "NoReadyRevision"]);
  });
});

describe("invalidSpecStatus", () => {
  it("fails the generation with the spec error", () => {
    const s = invalidSpecStatus(undefined, 3, "spec.pod.port: bad", NOW);
    expect(s.observedGeneration).toBe(3);
    expect(s.phase).toBe("Failed");
    expect(s.conditions?.find((c) => c.type === "Ready")).toMatchObject({
      status: "False",
      reason: "InvalidSpec",
      message: "spec.pod.port: bad",
    });
  });

  it("says Degraded: MetricsUnavailable while a Ready API's metrics cannot be read", () => {
    const input = {
      now: NOW,
      generation: 4,
      previous: undefined,
      endpoint: "/iris",
      decision: {
        desired: good,
        desiredChanged: false,
        target: good,
        assessment: { state: "complete", message: "ok" } as Assessment,
      },
      records: [good],
      deployment: deployment({
        templateHash: "t",
        replicas: 4,
        available: 4,
        updated: 4,
        total: 4,
      }),
    };
    const held = computeStatus({ ...input, metricsUnavailable: "cannot read: ECONNREFUSED" });
    expect(held.phase).toBe("Ready");
    expect(byType(held.conditions)).toMatchObject({
      Ready: ["True", "RevisionReady"],
      Degraded: ["True", "MetricsUnavailable"],
    });
    expect(held.conditions?.find((c) => c.type === "Degraded")?.message).toContain("ECONNREFUSED");
    // Back to AsExpected once they can be read again.
    const back = computeStatus({ ...input, previous: held });
    expect(byType(back.conditions).Degraded).toEqual(["False", "AsExpected"]);
    // A rollout's own trouble is what Degraded says.
    const failing = computeStatus({
      ...input,
      decision: {
        ...input.decision,
        assessment: { state: "failed", reason: "CrashLoopBackOff", message: "boom" } as Assessment,
      },
      metricsUnavailable: "cannot read",
    });
    expect(byType(failing.conditions).Degraded).toEqual(["True", "CrashLoopBackOff"]);
  });
});
