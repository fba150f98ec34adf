// The rollout decision for one API: which revision's spec the Deployment should run, and whether
// the current rollout has just finished, failed, or goes on. A failed rollout returns to the last
// Ready revision (its result becomes RolledBack, so the same generation is never retried); with no
// Ready revision to return to, it is marked Failed and left running as it is, and marked Ready if
// it later becomes available after all (a missing Secret created, a crashing dependency back). Pure.

import type { ContainerRef } from "../../../src/kube/container-log-note.ts";
import type { Deployment, Pod } from "../controller/kube/types.ts";
import {
  type Assessment,
  assessMinimum,
  assessRollout,
  deploymentObserved,
  replicaCounts,
} from "./assess.ts";
import { type ObservedSpan, observedMs, observingAt } from "./observation.ts";
import { lastReady, type RevisionRecord } from "./revisions.ts";

export interface RolloutEvent {
  type: "Normal" | "Warning";
  reason: string;
  note: string;
  /** Keep this container's last log lines with the event: its pod goes with the rollback. */
  logsOf?: ContainerRef;
}

export interface DecideInput {
  now: number;
  /** The record of the RealtimeAPI's current spec (after planRevisions). */
  desired: RevisionRecord;
  records: readonly RevisionRecord[];
  /** The pod template hash a record's spec renders to; undefined when it no longer renders. */
  templateHashOf: (record: RevisionRecord) => string | undefined;
  deployment: Deployment | undefined;
  pods: readonly Pod[];
  progressDeadlineMs: number;
  crashRestarts: number;
  unschedulableTimeoutMs: number;
  /**
   * When this controller could observe the cluster (observation.ts). The progress deadline and
   * the unschedulable grace count only observed time, and a rollout is not judged failed while
   * the controller does not observe (its cache may be stale). Undefined: always observed.
   */
  observed?: readonly ObservedSpan[];
  /** The controller's caches that are not fresh (why it does not observe), for the status. */
  staleCaches?: readonly string[];
  /**
   * The desired revision's min_replicas (at least 1, as the autoscaler keeps): its rollout is
   * Ready only once that many replicas are available, also when it replaces no pod (a raised
   * minimum). Default 0.
   */
  minAvailable?: number;
}

export interface RolloutDecision {
  /** `desired` with its result settled, when it changed. */
  desired: RevisionRecord;
  desiredChanged: boolean;
  /** The record whose spec the Deployment should run. */
  target: RevisionRecord;
  /** How the target is doing. */
  assessment: Assessment;
  event?: RolloutEvent;
}

/**
 * How a settled revision is doing now. Restart counts only grow, so past restarts do not count
 * against it (a pod that crashed three times last week is fine if it runs now); a container the
 * kubelet holds in CrashLoopBackOff still does.
 */
function health(input: DecideInput, record: RevisionRecord): Assessment {
  const templateHash = input.templateHashOf(record);
  if (templateHash === undefined) {
    return {
      state: "failed",
      reason: "InvalidSpec",
      message: `revision ${record.revision} no longer renders`,
    };
  }
  return healthOf(input, templateHash, record.revision);
}

function healthOf(input: DecideInput, templateHash: string, revision: number): Assessment {
  return assessRollout({
    now: input.now,
    target: { revision, templateHash, startedAt: input.now },
    deployment: input.deployment,
    pods: input.pods,
    progressDeadlineMs: Number.POSITIVE_INFINITY,
    crashRestarts: Number.POSITIVE_INFINITY,
    unschedulableTimeoutMs: Number.POSITIVE_INFINITY,
  });
}

/** The newest Ready revision to return to after `desired` failed that still renders. */
function rollbackTarget(input: DecideInput): RevisionRecord | undefined {
  return lastReady(
    input.records,
    input.desired.specHash,
    (r) => input.templateHashOf(r) !== undefined,
  );
}

/**
 * The Ready revision whose pod template `desired` shares, once the Deployment runs that template:
 * then no pod is replaced and there is no rollout to judge.
 */
function samePodsAs(input: DecideInput, templateHash: string): RevisionRecord | undefined {
  if (!deploymentObserved(input.deployment, templateHash)) return undefined;
  // Pods of another template still running: the Deployment is replacing them, a real rollout.
  const counts = replicaCounts(input.deployment);
  if (counts.updated < counts.total) return undefined;
  return lastReady(
    input.records,
    input.desired.specHash,
    (r) => input.templateHashOf(r) === templateHash,
  );
}

/** What a rollout that is not judged waits for, in words. */
function untilFresh(input: DecideInput): string {
  const names = input.staleCaches ?? [];
  if (names.length === 0) return "the controller's view of the cluster is fresh again";
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `the controller's ${list} cache${names.length === 1 ? " lists" : "s list"} again`;
}

/** `desired` settled as Ready, with the Normal event that says so. */
function becameReady(
  desired: RevisionRecord,
  assessment: Assessment,
  reason: string,
  message: string,
): RolloutDecision {
  const ready: RevisionRecord = { ...desired, result: "Ready", reason: "", message };
  return {
    desired: ready,
    desiredChanged: true,
    target: ready,
    assessment,
    event: { type: "Normal", reason, note: message },
  };
}

/** The crashed container whose log the event keeps, when the failure names one. */
function logsToKeep(assessment: Assessment): { logsOf?: ContainerRef } {
  return assessment.state === "failed" && assessment.logsOf ? { logsOf: assessment.logsOf } : {};
}

/** `desired` settled as Failed and left running (nothing to go back to), with a Warning event. */
function failedInPlace(
  desired: RevisionRecord,
  assessment: Assessment,
  reason: string,
  message: string,
  eventReason: string,
): RolloutDecision {
  const failed: RevisionRecord = { ...desired, result: "Failed", reason, message };
  return {
    desired: failed,
    desiredChanged: true,
    target: failed,
    assessment,
    event: {
      type: "Warning",
      reason: eventReason,
      note: message,
      ...logsToKeep(assessment),
    },
  };
}

export function decideRollout(input: DecideInput): RolloutDecision {
  const desired = input.desired;
  if (desired.result === "RolledBack") {
    const back = rollbackTarget(input);
    if (back !== undefined) {
      return { desired, desiredChanged: false, target: back, assessment: health(input, back) };
    }
    // The revision it went back to is gone or no longer renders (its record deleted by hand, or
    // a newer controller reads its spec more strictly): this one runs again, and says so, rather
    // than claiming to run the other.
    return failedInPlace(
      desired,
      health(input, desired),
      desired.reason,
      `${desired.message}; that revision can no longer be used (its record is gone or no longer renders), so revision ${desired.revision} runs again`,
      "RollbackLost",
    );
  }
  if (desired.result !== "Progressing") {
    const assessment = health(input, desired);
    if (desired.result === "Failed" && assessment.state === "complete") {
      // Left running for want of a Ready revision, it came up after all: it serves, so it is Ready
      // (and a revision to roll back to from now on).
      return becameReady(
        desired,
        assessment,
        "Recovered",
        `${assessment.message} after it had failed`,
      );
    }
    return { desired, desiredChanged: false, target: desired, assessment };
  }

  const templateHash = input.templateHashOf(desired);
  const parsed = Date.parse(desired.rolloutStartedAt);
  const started = Number.isFinite(parsed) ? parsed : input.now;
  // The rollout's start is durable (its record's rolloutStartedAt), so every leader computes the
  // same deadline; it moves on only by the gaps in observation this process saw (observation.ts).
  const startedAt =
    input.observed === undefined
      ? started
      : input.now - observedMs(input.observed, started, input.now);
  const judged: Assessment =
    templateHash === undefined
      ? {
          state: "failed",
          reason: "InvalidSpec",
          message: `revision ${desired.revision} does not render`,
        }
      : assessRollout({
          now: input.now,
          target: {
            revision: desired.revision,
            templateHash,
            startedAt,
          },
          deployment: input.deployment,
          pods: input.pods,
          progressDeadlineMs: input.progressDeadlineMs,
          crashRestarts: input.crashRestarts,
          unschedulableTimeoutMs: input.unschedulableTimeoutMs,
          trustDeploymentDeadline: startedAt === started,
        });

  // The Deployment may not ask for the minimum yet (it is raised with this reconcile's apply):
  // its rollout complete, or no pod replaced, is not Ready until the minimum is available.
  const short = replicaCounts(input.deployment).available < (input.minAvailable ?? 0);
  if (judged.state === "complete" && !short) {
    return becameReady(desired, judged, "RolloutComplete", judged.message);
  }
  const same = templateHash === undefined ? undefined : samePodsAs(input, templateHash);
  if (same !== undefined && templateHash !== undefined && !short) {
    // A change that leaves the pod template alone (autoscaling, say) replaces no pod: the pods
    // running are the Ready revision's, so their trouble (a crash, a scale-up that does not fit)
    // is health, not this revision's failure, and rolling back would not change them.
    const health = healthOf(input, templateHash, desired.revision);
    return becameReady(
      desired,
      health,
      "RolloutComplete",
      `revision ${desired.revision} changes no pod; it runs the pods of revision ${same.revision}`,
    );
  }
  const assessment: Assessment =
    templateHash !== undefined && (judged.state === "complete" || same !== undefined)
      ? assessMinimum(
          {
            now: input.now,
            target: { revision: desired.revision, templateHash, startedAt },
            deployment: input.deployment,
            pods: input.pods,
            progressDeadlineMs: input.progressDeadlineMs,
            crashRestarts: input.crashRestarts,
            unschedulableTimeoutMs: input.unschedulableTimeoutMs,
          },
          input.minAvailable ?? 0,
        )
      : judged;
  if (assessment.state === "complete") {
    return becameReady(desired, assessment, "RolloutComplete", assessment.message);
  }
  const observing = input.observed === undefined || observingAt(input.observed, input.now);
  if (assessment.state === "progressing") {
    // Its deadline counts observed time only: say so, or the rollout looks stuck for no reason.
    const held = observing
      ? assessment
      : {
          ...assessment,
          message: `${assessment.message}; its progress deadline is paused until ${untilFresh(input)}`,
        };
    return { desired, desiredChanged: false, target: desired, assessment: held };
  }
  if (!observing) {
    // The cache may predate an outage: judge the rollout once it is fresh again.
    return {
      desired,
      desiredChanged: false,
      target: desired,
      assessment: {
        state: "progressing",
        reason: "NotObserved",
        message: `revision ${desired.revision}: not judged until ${untilFresh(input)} (${assessment.message})`,
        blocked: false,
      },
    };
  }

  const back = rollbackTarget(input);
  if (back === undefined) {
    return failedInPlace(
      desired,
      assessment,
      assessment.reason,
      `${assessment.message}; no earlier revision became Ready, so there is nothing to roll back to`,
      "RolloutFailed",
    );
  }
  const rolledBack: RevisionRecord = {
    ...desired,
    result: "RolledBack",
    reason: assessment.reason,
    message: `${assessment.message}; rolled back to revision ${back.revision}`,
  };
  return {
    desired: rolledBack,
    desiredChanged: true,
    target: back,
    assessment: health(input, back),
    event: {
      type: "Warning",
      reason: "RolledBack",
      note: rolledBack.message,
      ...logsToKeep(assessment),
    },
  };
}
