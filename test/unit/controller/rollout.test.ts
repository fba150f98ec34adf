// The rollout decision: failure detection on a scripted cluster state, rollback to the last Ready
// revision, and what a rollout that cannot progress reports.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../controller/src/controller/kube/types.ts";
import { assessRollout } from "../../../controller/src/rollout/assess.ts";
import { type DecideInput, decideRollout } from "../../../controller/src/rollout/decide.ts";
import {
  ObservationLog,
  observedMs,
  observingAt,
} from "../../../controller/src/rollout/observation.ts";
import { podProblems } from "../../../controller/src/rollout/pod-problems.ts";
import type { RevisionRecord } from "../../../controller/src/rollout/revisions.ts";
import { resolveFenceposts } from "../../../controller/src/rollout/surge.ts";
import { crashLooping, deployment, pod, record, running } from "./fixtures.ts";

const T0 = Date.parse("2025-01-01T00:00:00.000Z");
const MIN = 60_000;
const NEW = "new-template";
const OLD = "old-template";

const problemOptions = { now: T0, crashRestarts: 3, unschedulableTimeoutMs: 2 * MIN };

function assess(over: Partial<Parameters<typeof assessRollout>[0]> = {}) {
  return assessRollout({
    now: T0 + MIN,
    target: { revision: 2, templateHash: NEW, startedAt: T0 },
    deployment: deployment({ templateHash: NEW, replicas: 2, updated: 1, available: 2, total: 3 }),
    pods: [],
    progressDeadlineMs: 10 * MIN,
    crashRestarts: 3,
    unschedulableTimeoutMs: 2 * MIN,
    ...over,
  });
}

const unschedulable = (
  since: number,
  message = "0/1 nodes are available: 1 Insufficient cpu.",
): Pod =>
  pod("iris-new-1", NEW, {
    conditions: [
      {
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
        message,
        lastTransitionTime: new Date(since).toISOString(),
      },
    ],
  });

describe("podProblems", () => {
  it("reports a crash loop with the exit code and the last log lines", () => {
    const [p] = podProblems(
      pod("p1", NEW, { containers: [crashLooping("model", 1, "Traceback\nValueError: bad")] }),
      problemOptions,
    );
    expect(p).toMatchObject({ reason: "CrashLoopBackOff", fatal: true, container: "model" });
    expect(p?.message).toBe(
      'container "model" of pod p1 keeps exiting (exit code 1, Error: Traceback ValueError: bad); 1 restart',
    );
  });

  it("counts restarts as a crash loop even when the kubelet does not say CrashLoopBackOff", () => {
    const restarting = { name: "model", restartCount: 3, state: { running: {} } };
    expect(
      podProblems(pod("p1", NEW, { containers: [restarting] }), problemOptions)[0]?.reason,
    ).toBe("CrashLoopBackOff");
    const once = { name: "model", restartCount: 2, state: { running: {} } };
    expect(podProblems(pod("p1", NEW, { containers: [once] }), problemOptions)).toEqual([]);
  });

  it("does not count the restarts of a container that is ready now", () => {
    // A model that failed three times while warming up (or last week) and serves now.
    const recovered = { ...running(), restartCount: 3 };
    expect(podProblems(pod("p1", NEW, { containers: [recovered] }), problemOptions)).toEqual([]);
  });

  it("fails at once on ImagePullBackOff but waits on a single ErrImagePull", () => {
    const backoff = {
      name: "model",
      image: "acme/missing:1",
      state: { waiting: { reason: "ImagePullBackOff", message: "not found" } },
    };
    expect(podProblems(pod("p1", NEW, { containers: [backoff] }), problemOptions)[0]).toMatchObject(
      {
        reason: "ImagePullBackOff",
        fatal: true,
        message: 'container "model" of pod p1 cannot pull image "acme/missing:1": not found',
      },
    );
    const once = {
      name: "model",
      state: { waiting: { reason: "ErrImagePull", message: "timeout" } },
    };
    expect(podProblems(pod("p1", NEW, { containers: [once] }), problemOptions)[0]?.fatal).toBe(
      false,
    );
  });

  it("gives a pull error that may pass 90 s from the pod's creation, then fails", () => {
    const busy = {
      name: "model",
      image: "acme/iris:1",
      state: {
        waiting: {
          reason: "ImagePullBackOff",
          message: 'Back-off pulling image "acme/iris:1": 429 toomanyrequests',
        },
      },
    };
    const created = pod("p1", NEW, { containers: [busy] });
    created.metadata.creationTimestamp = new Date(T0).toISOString();
    const early = podProblems(created, { ...problemOptions, now: T0 + 30_000 })[0];
    expect(early).toMatchObject({ reason: "ImagePullBackOff", fatal: false, fatalAt: T0 + 90_000 });
    expect(podProblems(created, { ...problemOptions, now: T0 + 90_000 })[0]?.fatal).toBe(true);
    // The rollout waits, says why, and looks again when the grace ends.
    const waiting = assess({ pods: [created], now: T0 + 30_000 });
    expect(waiting).toMatchObject({ state: "progressing", recheckAt: T0 + 90_000 });
    expect(waiting.state === "progressing" && waiting.message).toContain("429 toomanyrequests");
    // A wrong image fails at once, whatever the registry words it as.
    for (const message of ["manifest unknown", "pull access denied", "401 Unauthorized"]) {
      const wrong = { ...busy, state: { waiting: { reason: "ImagePullBackOff", message } } };
      const p = pod("p2", NEW, { containers: [wrong] });
      p.metadata.creationTimestamp = new Date(T0).toISOString();
      expect(podProblems(p, { ...problemOptions, now: T0 + 1000 })[0]?.fatal, message).toBe(true);
    }
  });

  it("names a failing init container as such", () => {
    const [p] = podProblems(
      pod("p1", NEW, { init: [crashLooping("downloader", 2, "403 Forbidden")] }),
      problemOptions,
    );
    expect(p?.message).toContain('init container "downloader" of pod p1 keeps exiting');
    expect(p?.message).toContain("403 Forbidden");
  });

  it("turns Unschedulable fatal only after its grace", () => {
    expect(podProblems(unschedulable(T0 - MIN), problemOptions)[0]).toMatchObject({
      reason: "Unschedulable",
      fatal: false,
      fatalAt: T0 + MIN,
    });
    expect(podProblems(unschedulable(T0 - 2 * MIN), problemOptions)[0]?.fatal).toBe(true);
  });
});

describe("resolveFenceposts", () => {
  it("rounds surge up and unavailable down, and never leaves both at zero", () => {
    expect(resolveFenceposts("25%", "25%", 1)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts("25%", "25%", 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts(0, "10%", 5)).toEqual({ surge: 0, unavailable: 1 });
  });
});

describe("assessRollout", () => {
  it("is complete only when every replica runs the new template and is available", () => {
    expect(assess().state).toBe("progressing");
    const done = deployment({ templateHash: NEW, replicas: 2 });
    expect(assess({ deployment: done })).toMatchObject({ state: "complete" });
  });

  it("does not trust a Deployment status older than its spec", () => {
    const stale = deployment({
      templateHash: NEW,
      replicas: 2,
      generation: 5,
      observedGeneration: 4,
    });
    expect(assess({ deployment: stale }).state).toBe("progressing");
  });

  it("does not trust a Deployment that still runs another template", () => {
    expect(assess({ deployment: deployment({ templateHash: OLD, replicas: 2 }) }).state).toBe(
      "progressing",
    );
  });

  it("fails early on a crash loop in a new pod, ignoring old and terminating pods", () => {
    const pods = [
      pod("iris-old-1", OLD, { containers: [crashLooping()] }),
      pod("iris-new-0", NEW, { containers: [crashLooping()] }, true),
      pod("iris-new-1", NEW, { containers: [running()] }),
    ];
    expect(assess({ pods }).state).toBe("progressing");
    const failing = [...pods, pod("iris-new-2", NEW, { containers: [crashLooping()] })];
    const a = assess({ pods: failing });
    expect(a).toMatchObject({ state: "failed", reason: "CrashLoopBackOff" });
    if (a.state === "failed")
      expect(a.message).toMatch(/^revision 2: container "model" of pod iris-new-2/);
  });

  it("fails at the progress deadline, saying how far the rollout got", () => {
    const a = assess({ now: T0 + 10 * MIN });
    // No container output explains a deadline: no log to keep.
    expect(a).toEqual({
      state: "failed",
      reason: "ProgressDeadlineExceeded",
      message: "revision 2 is not Ready within 10m: 1 of 2 replicas updated, 2 available",
    });
  });

  it("asks to be looked at again at the deadline", () => {
    const a = assess();
    expect(a.state === "progressing" && a.recheckAt).toBe(T0 + 10 * MIN);
  });

  it("explains a surge the cluster cannot schedule when max_unavailable is 0", () => {
    const d = deployment({
      templateHash: NEW,
      replicas: 1,
      updated: 1,
      available: 1,
      total: 2,
      maxUnavailable: 0,
    });
    const a = assess({ deployment: d, pods: [unschedulable(T0 + 30_000)] });
    expect(a).toMatchObject({
      state: "progressing",
      reason: "SurgeImpossible",
      blocked: true,
      recheckAt: T0 + 150_000,
    });
    if (a.state === "progressing") {
      expect(a.message).toContain("1 new pod cannot be scheduled");
      expect(a.message).toContain("0/1 nodes are available: 1 Insufficient cpu.");
      expect(a.message).toContain("max_unavailable resolves to 0 and max_surge to 1");
      expect(a.message).toContain("set update_strategy.max_unavailable to at least 1");
    }
  });

  it("gives no max_unavailable advice when no old pod is there to stop (a first revision)", () => {
    const d = deployment({
      templateHash: NEW,
      replicas: 1,
      updated: 1,
      available: 0,
      total: 1,
      maxUnavailable: 0,
    });
    const a = assess({ deployment: d, pods: [unschedulable(T0 + 30_000)] });
    expect(a).toMatchObject({ state: "progressing", reason: "Unschedulable", blocked: true });
    if (a.state === "progressing") expect(a.message).not.toContain("max_unavailable");
  });

  it("reports plain Unschedulable when old pods can make room, and fails after the grace", () => {
    const d = deployment({
      templateHash: NEW,
      replicas: 4,
      updated: 1,
      available: 3,
      total: 4,
      maxUnavailable: 1,
    });
    expect(assess({ deployment: d, pods: [unschedulable(T0 + 30_000)] })).toMatchObject({
      state: "progressing",
      reason: "Unschedulable",
    });
    expect(assess({ deployment: d, pods: [unschedulable(T0 - MIN)] })).toMatchObject({
      state: "failed",
      reason: "Unschedulable",
    });
  });

  it("reports a ReplicaFailure (quota, admission) as blocked", () => {
    const d = deployment({
      templateHash: NEW,
      replicas: 2,
      updated: 0,
      conditions: [
        {
          type: "ReplicaFailure",
          status: "True",
          reason: "FailedCreate",
          message: "exceeded quota",
        },
      ],
    });
    expect(assess({ deployment: d })).toMatchObject({
      state: "progressing",
      reason: "FailedCreate",
      blocked: true,
    });
  });

  it("keeps a ReplicaFailure (quota, admission) in the message it fails with at the deadline", () => {
    const quota =
      'pods "echo-7d-x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1';
    const d = deployment({
      templateHash: NEW,
      replicas: 2,
      updated: 1,
      available: 1,
      total: 1,
      conditions: [
        { type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: quota },
      ],
    });
    expect(assess({ deployment: d, now: T0 + 10 * MIN })).toEqual({
      state: "failed",
      reason: "ProgressDeadlineExceeded",
      message: `revision 2 is not Ready within 10m: 1 of 2 replicas updated, 1 available; pods cannot be created: ${quota}`,
    });
  });

  it("fails when the Deployment controller reports ProgressDeadlineExceeded for this template", () => {
    const d = deployment({
      templateHash: NEW,
      replicas: 2,
      updated: 1,
      conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }],
    });
    expect(assess({ deployment: d }).state).toBe("failed");
    // A Ready revision's health check has no deadline of ours: the message says whose it was.
    const health = assess({ deployment: d, progressDeadlineMs: Number.POSITIVE_INFINITY });
    expect(health).toMatchObject({
      state: "failed",
      message:
        "revision 2 stopped progressing (the Deployment reports ProgressDeadlineExceeded): 1 of 2 replicas updated, 2 available",
    });
  });
});

describe("decideRollout", () => {
  const good = record({ specHash: "a".repeat(64), revision: 1, result: "Ready" });
  const candidate = record({
    specHash: "b".repeat(64),
    revision: 2,
    result: "Progressing",
    generation: 2,
    rolloutStartedAt: new Date(T0).toISOString(),
  });
  const hashes: Record<string, string> = { [good.specHash]: OLD, [candidate.specHash]: NEW };
  const input = (over: Partial<DecideInput> = {}): DecideInput => ({
    now: T0 + MIN,
    desired: candidate,
    records: [candidate, good],
    templateHashOf: (r: RevisionRecord) => hashes[r.specHash],
    deployment: deployment({ templateHash: NEW, replicas: 2, updated: 1, available: 2, total: 3 }),
    pods: [pod("iris-new-1", NEW, { containers: [running()] })],
    progressDeadlineMs: 10 * MIN,
    crashRestarts: 3,
    unschedulableTimeoutMs: 2 * MIN,
    ...over,
  });

  it("keeps rolling out the new revision while it progresses", () => {
    const d = decideRollout(input());
    expect(d.target.revision).toBe(2);
    expect(d.desiredChanged).toBe(false);
    expect(d.event).toBeUndefined();
  });

  it("does not mark a complete rollout Ready below its min_replicas", () => {
    // The count was 1 when the new template rolled out; min_replicas went to 3 with it.
    const d = decideRollout(
      input({ deployment: deployment({ templateHash: NEW, replicas: 1 }), minAvailable: 3 }),
    );
    expect(d.desired.result).toBe("Progressing");
    expect(d.assessment.message).toBe(
      "revision 2 is waiting for min_replicas (3): 1 of 3 replicas available",
    );
    const met = decideRollout(
      input({ deployment: deployment({ templateHash: NEW, replicas: 3 }), minAvailable: 3 }),
    );
    expect(met.desired.result).toBe("Ready");
  });

  it("marks the revision Ready when the rollout completes", () => {
    const d = decideRollout(input({ deployment: deployment({ templateHash: NEW, replicas: 2 }) }));
    expect(d.desired.result).toBe("Ready");
    expect(d.desiredChanged).toBe(true);
    expect(d.event).toMatchObject({ type: "Normal", reason: "RolloutComplete" });
  });

  it("rolls back to the last Ready revision when a new pod crash-loops, with a Warning event", () => {
    const d = decideRollout(
      input({ pods: [pod("iris-new-1", NEW, { containers: [crashLooping()] })] }),
    );
    expect(d.target.revision).toBe(1);
    expect(d.desired).toMatchObject({ result: "RolledBack", reason: "CrashLoopBackOff" });
    expect(d.desired.message).toMatch(/keeps exiting .*; rolled back to revision 1$/);
    // The crashed container's log goes with the event: the rollback deletes its pod.
    expect(d.event).toMatchObject({
      type: "Warning",
      reason: "RolledBack",
      logsOf: { pod: "iris-new-1", container: "model" },
    });
  });

  it("does not retry a rolled-back generation: the target stays the Ready revision", () => {
    const rolledBack = { ...candidate, result: "RolledBack" as const, reason: "CrashLoopBackOff" };
    const d = decideRollout(
      input({
        desired: rolledBack,
        records: [rolledBack, good],
        deployment: deployment({ templateHash: OLD, replicas: 2 }),
      }),
    );
    expect(d.target.revision).toBe(1);
    expect(d.desiredChanged).toBe(false);
    expect(d.event).toBeUndefined();
    expect(d.assessment.state).toBe("complete");
  });

  it("says so when the revision rolled back to can no longer be used", () => {
    const rolledBack = {
      ...candidate,
      result: "RolledBack" as const,
      reason: "CrashLoopBackOff",
      message: "revision 2: keeps exiting; rolled back to revision 1",
    };
    // Revision 1's record no longer renders (a newer controller reads its spec more strictly).
    const d = decideRollout(
      input({
        desired: rolledBack,
        records: [rolledBack, good],
        templateHashOf: (r: RevisionRecord) => (r.specHash === good.specHash ? undefined : NEW),
      }),
    );
    expect(d.desired).toMatchObject({ result: "Failed", reason: "CrashLoopBackOff" });
    expect(d.desired.message).toBe(
      "revision 2: keeps exiting; rolled back to revision 1; that revision can no longer be used (its record is gone or no longer renders), so revision 2 runs again",
    );
    expect(d.desiredChanged).toBe(true);
    expect(d.target.revision).toBe(2);
    expect(d.event).toMatchObject({ type: "Warning", reason: "RollbackLost" });
    // Once said, it is not said again.
    const next = decideRollout(input({ desired: d.desired, records: [d.desired, good] }));
    expect(next.desiredChanged).toBe(false);
  });

  it("marks the revision Failed and keeps it when there is nothing to roll back to", () => {
    const d = decideRollout(
      input({
        records: [candidate],
        pods: [pod("iris-new-1", NEW, { containers: [crashLooping()] })],
      }),
    );
    expect(d.target.revision).toBe(2);
    expect(d.desired.result).toBe("Failed");
    expect(d.desired.message).toContain("nothing to roll back to");
    expect(d.event).toMatchObject({
      type: "Warning",
      reason: "RolloutFailed",
      logsOf: { pod: "iris-new-1", container: "model" },
    });
  });

  it("rolls back at the progress deadline", () => {
    const d = decideRollout(input({ now: T0 + 10 * MIN }));
    expect(d.desired).toMatchObject({ result: "RolledBack", reason: "ProgressDeadlineExceeded" });
    expect(d.target.revision).toBe(1);
  });

  describe("observation (an API server outage, a Lease lost and regained)", () => {
    // The audit: deadline 2 min, the API server stopped for 150 s right after v2 was applied.
    const deadline = 2 * MIN;
    const outage = input({
      progressDeadlineMs: deadline,
      // The cache from before the outage: one new pod not yet available.
      deployment: deployment({
        templateHash: NEW,
        replicas: 2,
        updated: 1,
        available: 1,
        total: 3,
      }),
    });

    it("does not count time the controller could not observe toward the deadline", () => {
      // Observed 10 s, then 150 s without the API server, then 30 s again: 40 s of the 2 min.
      const observed = [{ from: T0, to: T0 + 10_000 }, { from: T0 + 160_000 }];
      const d = decideRollout({ ...outage, now: T0 + 190_000, observed });
      expect(d.desired.result).toBe("Progressing");
      expect(d.desiredChanged).toBe(false);
      expect(d.assessment).toMatchObject({ state: "progressing", recheckAt: T0 + 270_000 });
      // 2 min of observation: now it is late.
      const late = decideRollout({ ...outage, now: T0 + 270_000, observed });
      expect(late.desired).toMatchObject({
        result: "RolledBack",
        reason: "ProgressDeadlineExceeded",
      });
    });

    it("keeps the deadline from the recorded start for a new leader or a restarted controller", () => {
      // The leader deleted 90 s in; its successor observes from 100 s on.
      const early = decideRollout({
        ...outage,
        now: T0 + 110_000,
        observed: [{ from: T0 + 100_000 }],
      });
      expect(early.desired.result).toBe("Progressing");
      expect(early.assessment).toMatchObject({ recheckAt: T0 + deadline });
      const d = decideRollout({
        ...outage,
        now: T0 + deadline,
        observed: [{ from: T0 + 100_000 }],
      });
      expect(d.desired).toMatchObject({ result: "RolledBack", reason: "ProgressDeadlineExceeded" });
      // A gap this process saw still moves the deadline on: 20 s without the API server.
      const gap = [{ from: T0 + 30_000, to: T0 + 60_000 }, { from: T0 + 80_000 }];
      const later = decideRollout({ ...outage, now: T0 + deadline, observed: gap });
      expect(later.assessment).toMatchObject({ recheckAt: T0 + deadline + 20_000 });
    });

    it("rolls back a controller restarted more often than the deadline", () => {
      // A new process every 30 s (a crash loop), each observing from 5 s after it starts.
      let d = decideRollout({ ...outage, now: T0, observed: [{ from: T0 }] });
      for (let start = T0; d.desired.result === "Progressing" && start < T0 + 10 * MIN; ) {
        start += 30_000;
        d = decideRollout({ ...outage, now: start + 5_000, observed: [{ from: start + 5_000 }] });
      }
      expect(d.desired).toMatchObject({ result: "RolledBack", reason: "ProgressDeadlineExceeded" });
    });

    it("takes the Deployment's own deadline after a restart without gaps", () => {
      const stalled = deployment({
        templateHash: NEW,
        replicas: 2,
        updated: 1,
        available: 1,
        total: 3,
        conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }],
      });
      const d = decideRollout({
        ...outage,
        now: T0 + 60_000,
        observed: [{ from: T0 + 50_000 }],
        deployment: stalled,
      });
      expect(d.desired.result).toBe("RolledBack");
    });

    it("does not take the Deployment's own deadline, which counted the outage", () => {
      const observed = [{ from: T0, to: T0 + 10_000 }, { from: T0 + 160_000 }];
      const stalled = deployment({
        templateHash: NEW,
        replicas: 2,
        updated: 1,
        available: 1,
        total: 3,
        conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }],
      });
      const d = decideRollout({ ...outage, now: T0 + 170_000, observed, deployment: stalled });
      expect(d.desired.result).toBe("Progressing");
      // Observed throughout: it does, before our own deadline.
      const seen = decideRollout({
        ...outage,
        now: T0 + 60_000,
        observed: [{ from: T0 - 1 }],
        deployment: stalled,
      });
      expect(seen.desired.result).toBe("RolledBack");
    });

    it("never judges a rollout failed while it does not observe, even past the deadline", () => {
      const observed = [{ from: T0, to: T0 + 5 * MIN }];
      const d = decideRollout({ ...outage, now: T0 + 6 * MIN, observed });
      expect(d.desiredChanged).toBe(false);
      expect(d.target.revision).toBe(2);
      expect(d.event).toBeUndefined();
      expect(d.assessment).toMatchObject({ state: "progressing", reason: "NotObserved" });
      // Nor on a stale crash loop.
      const crashing = decideRollout({
        ...outage,
        now: T0 + 6 * MIN,
        observed,
        pods: [pod("iris-new-1", NEW, { containers: [crashLooping()] })],
      });
      expect(crashing.desiredChanged).toBe(false);
      expect(crashing.target.revision).toBe(2);
    });

    it("names the caches it waits for in the status while it does not observe", () => {
      const observed = [{ from: T0, to: T0 + 5 * MIN }];
      const held = decideRollout({
        ...outage,
        now: T0 + 6 * MIN,
        observed,
        staleCaches: ["pods"],
        pods: [pod("iris-new-1", NEW, { containers: [crashLooping()] })],
      });
      expect(held.assessment).toMatchObject({ state: "progressing", reason: "NotObserved" });
      expect(held.assessment.message).toMatch(
        /^revision 2: not judged until the controller's pods cache lists again \(revision 2: container "model" of pod iris-new-1 keeps exiting/,
      );
      // A rollout that goes on says its deadline is paused, and why.
      const going = decideRollout({
        ...outage,
        now: T0 + 6 * MIN,
        observed,
        staleCaches: ["pods", "revisions"],
        progressDeadlineMs: 60 * MIN,
      });
      expect(going.assessment).toMatchObject({ state: "progressing", reason: "RollingOut" });
      expect(going.assessment.message).toMatch(
        /^revision 2 is rolling out: .*; its progress deadline is paused until the controller's pods and revisions caches list again$/,
      );
      // Observing, it says nothing of the sort.
      const seen = decideRollout({
        ...outage,
        now: T0 + 6 * MIN,
        observed: [{ from: T0 }],
        progressDeadlineMs: 60 * MIN,
      });
      expect(seen.assessment.message).not.toMatch(/paused/);
    });

    it("still completes a rollout the fresh cache shows available", () => {
      const d = decideRollout({
        ...outage,
        now: T0 + 3 * MIN,
        observed: [{ from: T0 + 3 * MIN - 8 }],
        deployment: deployment({ templateHash: NEW, replicas: 2 }),
      });
      expect(d.desired.result).toBe("Ready");
    });
  });

  describe("a Failed revision left running", () => {
    const failed = {
      ...candidate,
      result: "Failed" as const,
      reason: "CrashLoopBackOff",
      message: "revision 2: init container keeps exiting; nothing to roll back to",
    };
    // The downloader failed three times (no credentials), then the Secret came and it finished.
    const recoveredPod = pod("iris-new-1", NEW, {
      init: [{ name: "downloader", restartCount: 3, state: { terminated: { exitCode: 0 } } }],
      containers: [running()],
    });
    const failedInput = (over: Partial<DecideInput> = {}): DecideInput =>
      input({
        desired: failed,
        records: [failed],
        deployment: deployment({ templateHash: NEW, replicas: 1 }),
        pods: [recoveredPod],
        ...over,
      });

    it("becomes Ready, with a Normal event, once every replica is available", () => {
      const d = decideRollout(failedInput());
      expect(d.desired).toMatchObject({ result: "Ready", reason: "" });
      expect(d.desired.message).toBe("revision 2 is available (1 replica) after it had failed");
      expect(d.desiredChanged).toBe(true);
      expect(d.target.result).toBe("Ready");
      expect(d.event).toMatchObject({ type: "Normal", reason: "Recovered" });
    });

    it("stays Failed while a replica is unavailable or still crash-looping", () => {
      const partial = decideRollout(
        failedInput({ deployment: deployment({ templateHash: NEW, replicas: 2, available: 1 }) }),
      );
      expect(partial.desired.result).toBe("Failed");
      expect(partial.desiredChanged).toBe(false);
      const looping = decideRollout(
        failedInput({
          pods: [pod("iris-new-1", NEW, { init: [crashLooping("downloader", 3)] })],
          deployment: deployment({ templateHash: NEW, replicas: 1, available: 0 }),
        }),
      );
      expect(looping.desired.result).toBe("Failed");
      expect(looping.event).toBeUndefined();
    });

    it("stays RolledBack when it was rolled back: its pods are gone", () => {
      const rolledBack = { ...failed, result: "RolledBack" as const };
      const d = decideRollout(
        input({
          desired: rolledBack,
          records: [rolledBack, good],
          deployment: deployment({ templateHash: OLD, replicas: 1 }),
        }),
      );
      expect(d.desired.result).toBe("RolledBack");
      expect(d.target.revision).toBe(1);
    });
  });

  it("does not hold past restarts against a Ready revision whose pods run now", () => {
    const ready = { ...candidate, result: "Ready" as const };
    const restartedLastWeek = { ...running(), restartCount: 5 };
    const d = decideRollout(
      input({
        desired: ready,
        records: [ready, good],
        deployment: deployment({ templateHash: NEW, replicas: 1 }),
        pods: [pod("iris-new-1", NEW, { containers: [restartedLastWeek] })],
      }),
    );
    expect(d.assessment.state).toBe("complete");
    const nowLooping = decideRollout(
      input({
        desired: ready,
        records: [ready, good],
        deployment: deployment({ templateHash: NEW, replicas: 1 }),
        pods: [pod("iris-new-1", NEW, { containers: [crashLooping("model", 5)] })],
      }),
    );
    expect(nowLooping.assessment).toMatchObject({ state: "failed", reason: "CrashLoopBackOff" });
  });

  describe("a revision that changes no pod (autoscaling only: revision 1's template)", () => {
    const sameTemplate: Record<string, string> = {
      [good.specHash]: NEW,
      [candidate.specHash]: NEW,
    };
    const decideSame = (over: Partial<DecideInput>) =>
      decideRollout(input({ templateHashOf: (r) => sameTemplate[r.specHash], ...over }));

    it("is Ready at once, saying whose pods it runs", () => {
      const d = decideSame({
        deployment: deployment({ templateHash: NEW, replicas: 2, available: 1 }),
        pods: [
          pod("iris-1", NEW, { containers: [{ ...running(), restartCount: 3 }] }),
          pod("iris-2", NEW, { containers: [running()] }),
        ],
      });
      expect(d.desired).toMatchObject({
        result: "Ready",
        message: "revision 2 changes no pod; it runs the pods of revision 1",
      });
      expect(d.event).toMatchObject({ type: "Normal", reason: "RolloutComplete" });
    });

    it("is not rolled back for a pod of the running revision that cannot be scheduled", () => {
      // An earlier scale-up did not fit; the deploy that lowers max_replicas is the fix.
      const d = decideSame({
        deployment: deployment({ templateHash: NEW, replicas: 3, available: 2 }),
        pods: [unschedulable(T0 - 30 * MIN)],
      });
      expect(d.desired.result).toBe("Ready");
      expect(d.target.revision).toBe(2);
      // The trouble shows as the revision's health.
      expect(d.assessment).toMatchObject({
        state: "progressing",
        reason: "Unschedulable",
        message: expect.stringMatching(
          /^revision 2: scale-up blocked: pod iris-new-1 cannot be scheduled for 31m: 0\/1 nodes/,
        ),
      });
    });

    it("is not rolled back for a crash loop or a Deployment deadline from before it", () => {
      const looping = decideSame({
        deployment: deployment({ templateHash: NEW, replicas: 2, available: 1 }),
        pods: [pod("iris-1", NEW, { containers: [crashLooping("model", 5)] })],
      });
      expect(looping.desired.result).toBe("Ready");
      expect(looping.assessment).toMatchObject({ state: "failed", reason: "CrashLoopBackOff" });
      const stalled = decideSame({
        deployment: deployment({
          templateHash: NEW,
          replicas: 4,
          available: 2,
          conditions: [
            { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" },
          ],
        }),
      });
      expect(stalled.desired.result).toBe("Ready");
    });

    describe("that raises min_replicas (1 -> 3)", () => {
      const serving = [
        pod("iris-1", NEW, { containers: [running()] }),
        unschedulable(T0 + 10_000, "0/1 nodes are available: 1 Insufficient cpu."),
      ];

      it("is not Ready while the Deployment still runs the old count", () => {
        // Read before this reconcile's apply raises the count: the old rollout looks complete.
        const d = decideSame({
          deployment: deployment({ templateHash: NEW, replicas: 1 }),
          minAvailable: 3,
        });
        expect(d.desired.result).toBe("Progressing");
        expect(d.desiredChanged).toBe(false);
        expect(d.assessment).toMatchObject({
          state: "progressing",
          reason: "WaitingForMinReplicas",
          message: "revision 2 is waiting for min_replicas (3): 1 of 3 replicas available",
          recheckAt: T0 + 10 * MIN,
        });
      });

      it("waits, saying why, while the new pods do not come up, and is not failed early", () => {
        // Past the unschedulable timeout (2m) but within the progress deadline (10m).
        const d = decideSame({
          now: T0 + 5 * MIN,
          deployment: deployment({ templateHash: NEW, replicas: 3, available: 1 }),
          pods: serving,
          minAvailable: 3,
        });
        expect(d.desired.result).toBe("Progressing");
        expect(d.target.revision).toBe(2);
        expect(d.assessment).toMatchObject({
          state: "progressing",
          reason: "Unschedulable",
          blocked: true,
          message:
            "revision 2 is waiting for min_replicas (3): 1 of 3 replicas available; pod iris-new-1 cannot be scheduled for 4m50s: 0/1 nodes are available: 1 Insufficient cpu.",
        });
      });

      it("is Ready once that many replicas are available", () => {
        const d = decideSame({
          deployment: deployment({ templateHash: NEW, replicas: 3 }),
          minAvailable: 3,
        });
        expect(d.desired).toMatchObject({
          result: "Ready",
          message: "revision 2 is available (3 replicas)",
        });
      });

      it("is rolled back, naming the unmet minimum and why, at the progress deadline", () => {
        const d = decideSame({
          now: T0 + 10 * MIN,
          deployment: deployment({ templateHash: NEW, replicas: 3, available: 1 }),
          pods: serving,
          minAvailable: 3,
        });
        expect(d.desired).toMatchObject({
          result: "RolledBack",
          reason: "MinReplicasUnavailable",
          message:
            "revision 2 did not reach min_replicas (3) within 10m: 1 of 3 replicas available; pod iris-new-1 cannot be scheduled for 9m50s: 0/1 nodes are available: 1 Insufficient cpu.; rolled back to revision 1",
        });
        expect(d.target.revision).toBe(1);
        expect(d.event).toMatchObject({ type: "Warning", reason: "RolledBack" });
      });
    });

    it("is a rollout like any other while pods of another template are being replaced", () => {
      const d = decideSame({
        deployment: deployment({ templateHash: NEW, replicas: 2, updated: 1, total: 3 }),
        pods: [pod("iris-new-1", NEW, { containers: [crashLooping()] })],
      });
      expect(d.desired).toMatchObject({ result: "RolledBack", reason: "CrashLoopBackOff" });
    });
  });

  it("rolls back past a Ready revision that no longer renders to an older one that does", () => {
    const older = record({ specHash: "c".repeat(64), revision: 1, result: "Ready" });
    const broken = { ...good, revision: 2 };
    const third = { ...candidate, revision: 3 };
    const templates: Record<string, string | undefined> = {
      [older.specHash]: OLD,
      [broken.specHash]: undefined,
      [third.specHash]: NEW,
    };
    const d = decideRollout(
      input({
        desired: third,
        records: [third, broken, older],
        templateHashOf: (r) => templates[r.specHash],
        pods: [pod("iris-new-1", NEW, { containers: [crashLooping()] })],
      }),
    );
    expect(d.desired).toMatchObject({ result: "RolledBack" });
    expect(d.target.revision).toBe(1);
  });

  it("judges a Ready revision's health without a deadline", () => {
    const ready = { ...candidate, result: "Ready" as const };
    const d = decideRollout(input({ desired: ready, records: [ready, good], now: T0 + 100 * MIN }));
    expect(d.assessment.state).toBe("progressing");
    expect(d.desiredChanged).toBe(false);
  });
});

describe("ObservationLog", () => {
  it("records spans of observation and how much of an interval they cover", () => {
    const log = new ObservationLog(2);
    expect(observingAt(log.spans(), T0)).toBe(false);
    log.begin(T0);
    log.begin(T0 + 5); // goes on
    log.end(T0 + 10_000);
    log.begin(T0 + 160_000);
    expect(log.observing).toBe(true);
    expect(observingAt(log.spans(), T0 + 170_000)).toBe(true);
    expect(observedMs(log.spans(), T0, T0 + 190_000)).toBe(40_000);
    // A start inside the first span counts from the start.
    expect(observedMs(log.spans(), T0 + 4_000, T0 + 190_000)).toBe(36_000);
    log.end(T0 + 200_000);
    log.begin(T0 + 300_000);
    // Only the newest span is kept, and when observation first began: forgetting the others only
    // delays a deadline (time before the first span would count as observed).
    expect(log.spans()).toEqual([{ from: T0, to: T0 }, { from: T0 + 300_000 }]);
    expect(observedMs(log.spans(), T0, T0 + 310_000)).toBe(10_000);
    log.end(T0 + 320_000);
    log.begin(T0 + 400_000);
    expect(log.spans()).toEqual([{ from: T0, to: T0 }, { from: T0 + 400_000 }]);
  });

  it("counts time before the first span as observed (an earlier leader's)", () => {
    expect(observedMs([{ from: T0 + 90_000 }], T0, T0 + 120_000)).toBe(120_000);
    expect(observedMs([{ from: T0 + 90_000, to: T0 + 100_000 }], T0, T0 + 120_000)).toBe(100_000);
    expect(observedMs([], T0, T0 + 120_000)).toBe(120_000);
    expect(observedMs([{ from: T0 }], T0 + 5_000, T0 + 120_000)).toBe(115_000);
  });
});
