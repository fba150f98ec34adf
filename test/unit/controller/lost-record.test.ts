// The current spec's record deleted by hand: made again with the fate the status reported, not as
// a new rollout that could roll the running revision back or roll a rolled-back spec out again.
import { describe, expect, it } from "vitest";
import { CONTROLLER_ANNOTATIONS } from "../../../controller/src/controller/names.ts";
import { decideRollout } from "../../../controller/src/rollout/decide.ts";
import {
  type LostRecordInput,
  lostRecordFate,
} from "../../../controller/src/rollout/lost-record.ts";
import { planRevisions } from "../../../controller/src/rollout/revisions.ts";
import type { Condition } from "../../../src/kube/resource.ts";
import { crashLooping, deployment, pod, rawSpec, record } from "./fixtures.ts";

const h = (c: string) => c.repeat(64);
const NOW = new Date("2025-02-01T00:00:00.000Z");
const T2 = "t2";
const T1 = "t1";

/** The Deployment running revision `revision` of spec `specHash`, its one pod not available. */
function running(specHash: string, revision: number, templateHash: string) {
  const d = deployment({ templateHash, replicas: 1, available: 0 });
  d.metadata.annotations = {
    ...d.metadata.annotations,
    "cortexdeploy.dev/spec-hash": specHash,
    [CONTROLLER_ANNOTATIONS.revision]: String(revision),
  };
  return d;
}

const condition = (
  type: Condition["type"],
  status: "True" | "False",
  reason: string,
  message = "",
) => ({ type, status, reason, message, lastTransitionTime: NOW.toISOString() }) as Condition;

const readyStatus = {
  observedGeneration: 2,
  currentRevision: 2,
  lastReadyRevision: 2,
  phase: "Ready",
  conditions: [condition("RolledBack", "False", "NotRolledBack")],
};

function fate(over: Partial<LostRecordInput>) {
  return lostRecordFate({
    generation: 2,
    specHash: h("b"),
    status: readyStatus,
    deployment: running(h("b"), 2, T2),
    ...over,
  });
}

describe("lostRecordFate", () => {
  it("is Ready, with its number, when the status reported this generation's revision Ready and it runs", () => {
    expect(fate({})).toMatchObject({ result: "Ready", revision: 2 });
  });

  it("is RolledBack, with the reason and message, when the status reported that", () => {
    const message = "revision 2: boom; rolled back to revision 1";
    const status = {
      ...readyStatus,
      currentRevision: 1,
      lastReadyRevision: 1,
      phase: "RolledBack",
      conditions: [condition("RolledBack", "True", "CrashLoopBackOff", message)],
    };
    expect(fate({ status, deployment: running(h("a"), 1, T1) })).toEqual({
      result: "RolledBack",
      reason: "CrashLoopBackOff",
      message,
    });
  });

  it("is unknown for another generation, a rollout under way, or a Deployment that runs another spec", () => {
    expect(fate({ generation: 3 })).toBeUndefined();
    expect(fate({ status: { ...readyStatus, lastReadyRevision: 1 } })).toBeUndefined();
    expect(fate({ deployment: running(h("a"), 2, T1) })).toBeUndefined();
    expect(fate({ deployment: undefined })).toBeUndefined();
    expect(fate({ status: undefined })).toBeUndefined();
  });
});

describe("a lost Ready record whose pods crash now", () => {
  const v1 = record({ specHash: h("a"), revision: 1, result: "Ready" });
  const input = {
    records: [v1],
    name: `iris-${h("b").slice(0, 10)}`,
    specHash: h("b"),
    spec: rawSpec(),
    generation: 2,
    provenance: {},
    now: NOW,
    historyLimit: 10,
  };
  const decide = (desired: ReturnType<typeof planRevisions>["desired"], records = [v1, desired]) =>
    decideRollout({
      now: NOW.getTime(),
      desired,
      records,
      templateHashOf: (r) => (r.specHash === h("a") ? T1 : T2),
      deployment: running(h("b"), 2, T2),
      pods: [pod("iris-new-1", T2, { containers: [crashLooping()] })],
      progressDeadlineMs: 600_000,
      crashRestarts: 3,
      unschedulableTimeoutMs: 600_000,
    });

  it("is recorded again as Ready and keeps running, Degraded", () => {
    const p = planRevisions({ ...input, lost: fate({}) });
    expect(p).toMatchObject({ create: true, recreated: true });
    expect(p.desired).toMatchObject({ revision: 2, result: "Ready" });
    const d = decide(p.desired);
    expect(d.desiredChanged).toBe(false);
    expect(d.target.revision).toBe(2);
    expect(d.assessment).toMatchObject({ state: "failed", reason: "CrashLoopBackOff" });
  });

  it("would be rolled back if it were recorded as a new rollout", () => {
    const p = planRevisions(input);
    expect(p.recreated).toBe(false);
    const d = decide(p.desired);
    expect(d.desired.result).toBe("RolledBack");
    expect(d.target.revision).toBe(1);
  });

  it("takes the next number when another record has its number", () => {
    const p = planRevisions({
      ...input,
      records: [v1, record({ specHash: h("c"), revision: 2 })],
      lost: fate({}),
    });
    expect(p.desired.revision).toBe(3);
  });
});
