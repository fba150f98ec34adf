import { describe, expect, it } from "vitest";
import type { Live } from "../../../src/kube/objects.ts";
import {
  isTerminal,
  progressOf,
  rolloutProgress,
  splitterProgress,
  supersededProgress,
} from "../../../src/kube/readiness.ts";
import { renderApis } from "../../../src/kube/render.ts";
import {
  API_VERSION,
  type Condition,
  type RealtimeApiResource,
  type RealtimeApiStatus,
  type TrafficSplitterResource,
  type TrafficSplitterStatus,
} from "../../../src/kube/resource.ts";
import { asLive, configOf, realtimeYaml } from "./helpers.ts";

const [base] = renderApis(configOf(realtimeYaml("iris")).apis, {
  namespace: "ml",
  configId: "c",
  git: {},
  artifacts: new Map(),
}) as RealtimeApiResource[];

function api(generation: number, status: RealtimeApiStatus | undefined): Live<RealtimeApiResource> {
  if (!base) throw new Error("fixture");
  return { ...asLive(base, { generation }), status };
}

const cond = (
  type: Condition["type"],
  status: Condition["status"],
  observedGeneration?: number,
  reason = "R",
  message = "m",
): Condition => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: "2026-01-01T00:00:00Z",
  ...(observedGeneration === undefined ? {} : { observedGeneration }),
});

describe("rolloutProgress", () => {
  it("waits while the controller has not observed the current generation", () => {
    expect(rolloutProgress(api(2, undefined)).state).toBe("pending");
    const stale = rolloutProgress(
      api(2, { observedGeneration: 1, conditions: [cond("Ready", "True", 1)] }),
    );
    expect(stale.state).toBe("pending");
    expect(stale.message).toContain("generation 2");
  });

  it("is Ready only with a Ready condition for this generation", () => {
    const ready = rolloutProgress(
      api(2, {
        observedGeneration: 2,
        conditions: [cond("Ready", "True", 2)],
        readyReplicas: 2,
        desiredReplicas: 2,
        currentRevision: 5,
      }),
    );
    expect(ready).toEqual({
      state: "ready",
      message: "Ready, 2/2 ready (revision 5)",
      revision: 5,
    });
    const old = rolloutProgress(
      api(2, { observedGeneration: 2, conditions: [cond("Ready", "True", 1)] }),
    );
    expect(old.state).toBe("progressing");
  });

  it("ends on RolledBack or a Failed phase, with the reason", () => {
    const back = rolloutProgress(
      api(3, {
        observedGeneration: 3,
        phase: "RolledBack",
        conditions: [
          cond("Ready", "True", 3),
          cond("RolledBack", "True", 3, "ProgressDeadlineExceeded", "not available in 10m"),
        ],
      }),
    );
    expect(back.state).toBe("rolledBack");
    expect(back.message).toContain("ProgressDeadlineExceeded: not available in 10m");
    expect(back.message).not.toContain(";");
    const backFailing = rolloutProgress(
      api(3, {
        observedGeneration: 3,
        phase: "RolledBack",
        conditions: [
          cond("RolledBack", "True", 3, "CrashLoopBackOff", "revision 2: exits; rolled back to 1"),
          cond("Degraded", "True", 3, "ImagePullBackOff", "the rollback to revision 1 fails too"),
        ],
      }),
    );
    expect(backFailing.message).toBe(
      "rolled back: CrashLoopBackOff: revision 2: exits; rolled back to 1; ImagePullBackOff: the rollback to revision 1 fails too",
    );
    const failed = rolloutProgress(
      api(3, {
        observedGeneration: 3,
        phase: "Failed",
        conditions: [cond("Degraded", "True", 3, "CrashLoopBackOff", "api exits")],
      }),
    );
    expect(failed.state).toBe("failed");
    expect(failed.message).toContain("CrashLoopBackOff: api exits");
    expect([back.state, failed.state].every(isTerminal)).toBe(true);
  });

  it("shows the Progressing reason while rolling out, else the replicas", () => {
    const p = rolloutProgress(
      api(1, {
        observedGeneration: 1,
        phase: "Progressing",
        readyReplicas: 1,
        desiredReplicas: 3,
        conditions: [cond("Progressing", "True", 1, "RollingOut", "1 of 3 updated")],
      }),
    );
    expect(p.state).toBe("progressing");
    expect(p.message).toBe("Progressing: RollingOut: 1 of 3 updated");
    // Without the controller's own count, the Deployment's.
    const bare = rolloutProgress(
      api(1, { observedGeneration: 1, readyReplicas: 1, desiredReplicas: 3, currentRevision: 2 }),
    );
    expect(bare.message).toBe("Progressing, 1/3 ready (revision 2)");
    expect(isTerminal(p.state)).toBe(false);
  });
});

// What the controller wrote in the QA case (a deploy that changed no pod, over pods whose
// downloader fails): phase Ready, Ready False, Progressing still "revision 2 is available". A
// controller that knows NotReady writes that phase instead; both read the same.
describe.each(["Ready", "NotReady"])(
  "rolloutProgress of a settled revision that serves no more (phase %s)",
  (phase) => {
    const notServing = (degraded: Condition) =>
      api(2, {
        observedGeneration: 2,
        phase,
        currentRevision: 2,
        lastReadyRevision: 2,
        readyReplicas: 0,
        desiredReplicas: 1,
        conditions: [
          cond("Ready", "False", 2, "NoReplicasAvailable", "no replica of revision 2 is available"),
          cond("Progressing", "False", 2, "RolloutComplete", "revision 2 is available"),
          degraded,
        ],
      });

    it("says no replica is available and why, without the Progressing condition", () => {
      const p = rolloutProgress(
        notServing(
          cond(
            "Degraded",
            "True",
            2,
            "CrashLoopBackOff",
            'init container "downloader" keeps exiting',
          ),
        ),
      );
      expect(p).toEqual({
        state: "progressing",
        message:
          'NotReady, 0/1 ready (revision 2): no replica of revision 2 is available; CrashLoopBackOff: init container "downloader" keeps exiting',
        revision: 2,
      });
      expect(p.message).not.toContain("RolloutComplete");
      expect(isTerminal(p.state)).toBe(false);
      const quiet = rolloutProgress(notServing(cond("Degraded", "False", 2, "AsExpected", "")));
      expect(quiet.message).toBe(
        "NotReady, 0/1 ready (revision 2): no replica of revision 2 is available",
      );
    });
  },
);

describe("splitterProgress", () => {
  const splitterBase: TrafficSplitterResource = {
    apiVersion: API_VERSION,
    kind: "TrafficSplitter",
    metadata: { name: "front", namespace: "ml" },
    spec: {
      apis: [
        { name: "a", weight: 80, shadow: false },
        { name: "b", weight: 20, shadow: false },
      ],
      networking: { endpoint: "/front" },
    },
  };
  const splitter = (generation: number, status: TrafficSplitterStatus | undefined) => ({
    ...asLive(splitterBase, { generation }),
    status,
  });

  it("waits while the controller has not observed the current generation", () => {
    const stale = splitterProgress(
      splitter(2, {
        observedGeneration: 1,
        phase: "Ready",
        conditions: [cond("Ready", "True", 1)],
      }),
    );
    expect(stale.state).toBe("pending");
    expect(progressOf(splitter(1, undefined)).state).toBe("pending");
  });

  it("is Ready with the routes, and says so when a target is not Ready itself", () => {
    const routing = cond("Ready", "True", 1, "Routing", "routing a 80%, b 20%");
    const ready = splitterProgress(
      splitter(1, { observedGeneration: 1, phase: "Ready", conditions: [routing] }),
    );
    expect(ready).toEqual({ state: "ready", message: "Ready, routing a 80%, b 20%" });
    const degraded = progressOf(
      splitter(1, {
        observedGeneration: 1,
        phase: "Ready",
        conditions: [routing, cond("Degraded", "True", 1, "TargetsNotReady", "b is Failed")],
      }),
    );
    expect(degraded).toEqual({
      state: "ready",
      message: "Ready, routing a 80%, b 20%; but TargetsNotReady: b is Failed",
    });
  });

  it("keeps waiting while Pending or rolling out, and fails on a spec the controller refused", () => {
    const pending = splitterProgress(
      splitter(1, {
        observedGeneration: 1,
        phase: "Pending",
        conditions: [cond("Ready", "False", 1, "TargetsMissing", "no RealtimeAPI named b")],
      }),
    );
    expect(pending).toEqual({
      state: "progressing",
      message: "Pending: TargetsMissing: no RealtimeAPI named b",
    });
    const failed = splitterProgress(
      splitter(1, {
        observedGeneration: 1,
        phase: "Failed",
        conditions: [cond("Ready", "False", 1, "InvalidSpec", "weights sum to 90")],
      }),
    );
    expect(failed).toEqual({ state: "failed", message: "failed: InvalidSpec: weights sum to 90" });
    expect([isTerminal(pending.state), isTerminal(failed.state)]).toEqual([false, true]);
  });
});

describe("supersededProgress", () => {
  const readyAt = (generation: number) => ({
    observedGeneration: generation,
    phase: "Ready",
    currentRevision: 9,
    conditions: [],
  });

  it("is undefined while the object is at the generation this run applied", () => {
    expect(supersededProgress(api(3, readyAt(3)), 3)).toBeUndefined();
    expect(supersededProgress(api(3, readyAt(3)), undefined)).toBeUndefined();
  });

  it("fails, naming who deployed it last, with no revision of the other change", () => {
    const other = api(4, readyAt(4));
    other.metadata.annotations = {
      ...other.metadata.annotations,
      "cortexdeploy.dev/commit": "2222222222222222222222222222222222222222",
      "cortexdeploy.dev/actor": "bob",
      "cortexdeploy.dev/run-url": "https://github.com/acme/ml/actions/runs/8",
    };
    expect(supersededProgress(other, 3)).toEqual({
      state: "failed",
      superseded: true,
      message:
        "superseded while waiting: it is at generation 4 (this run applied 3), last deployed by " +
        "commit 222222222222 of c by bob, https://github.com/acme/ml/actions/runs/8; that " +
        "outcome is not this run's to report",
    });
  });

  it("counts an object deleted and created again (a lower generation) as superseded", () => {
    expect(supersededProgress(api(1, readyAt(1)), 3)?.superseded).toBe(true);
  });
});
