// How a rollout of one pod template is going, from the Deployment's status and the pods that run
// that template: complete, still progressing (and, when stuck, why), or failed. Failure is decided
// early where the pods already say it (crash loops, pull errors, unschedulable past its grace) and
// at the progress deadline otherwise. Pure: the caller passes the clock and the cached objects.
import type { ContainerRef } from "../../../src/kube/container-log-note.ts";
import type { Deployment, Pod } from "../controller/kube/types.ts";
import { CONTROLLER_ANNOTATIONS, TEMPLATE_HASH_LABEL } from "../controller/names.ts";
import { formatSeconds } from "./duration.ts";
import { type PodProblem, podProblems } from "./pod-problems.ts";
import { resolveFenceposts } from "./surge.ts";

export interface RolloutTarget {
  revision: number;
  templateHash: string;
  /** ms since the epoch. */
  startedAt: number;
}

export interface AssessInput {
  now: number;
  target: RolloutTarget;
  deployment: Deployment | undefined;
  /** The API's pods (any revision); only the target template's count. */
  pods: readonly Pod[];
  /** Infinity for a revision that is already Ready (health, not rollout). */
  progressDeadlineMs: number;
  crashRestarts: number;
  unschedulableTimeoutMs: number;
  /**
   * Whether the Deployment's own ProgressDeadlineExceeded fails the rollout. Not when the
   * controller could not observe part of the rollout (target.startedAt moved on by that time): the
   * Deployment controller counts an API server outage toward its deadline. Default true.
   */
  trustDeploymentDeadline?: boolean;
}

export type Assessment =
  | { state: "complete"; message: string }
  | {
      state: "progressing";
      reason: string;
      message: string;
      /** True when the rollout cannot move without help (capacity, quota…). */
      blocked: boolean;
      /** When to look again even if nothing changes (ms since the epoch). */
      recheckAt?: number;
    }
  | {
      state: "failed";
      reason: string;
      message: string;
      /** A container whose own output says why (a crash): its log is worth keeping. */
      logsOf?: ContainerRef;
    };

export interface ReplicaCounts {
  desired: number;
  updated: number;
  available: number;
  total: number;
}

export function replicaCounts(d: Deployment | undefined): ReplicaCounts {
  return {
    desired: d?.spec?.replicas ?? 0,
    updated: d?.status?.updatedReplicas ?? 0,
    available: d?.status?.availableReplicas ?? 0,
    total: d?.status?.replicas ?? 0,
  };
}

/** The Deployment's ReplicaFailure condition while pods cannot be created (quota, admission). */
export function replicaFailure(
  d: Deployment | undefined,
): { reason?: string; message?: string } | undefined {
  return d?.status?.conditions?.find((c) => c.type === "ReplicaFailure" && c.status === "True");
}

/** A ReplicaFailure in words: its message, or its reason when it has none. */
function cannotCreate(failure: { reason?: string; message?: string }): string {
  return `pods cannot be created: ${failure.message || failure.reason || "ReplicaFailure"}`;
}

/** The Deployment's status describes its current spec. */
export function statusCaughtUp(d: Deployment): boolean {
  return (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** The Deployment runs the target template and its status has caught up with its spec. */
export function deploymentObserved(d: Deployment | undefined, templateHash: string): boolean {
  if (d === undefined) return false;
  if (d.metadata.annotations?.[CONTROLLER_ANNOTATIONS.templateHash] !== templateHash) return false;
  return statusCaughtUp(d);
}

/** Every replica runs the target template and is available; no old pod is left. */
export function rolloutComplete(d: Deployment | undefined, templateHash: string): boolean {
  if (!deploymentObserved(d, templateHash)) return false;
  const c = replicaCounts(d);
  return c.updated === c.desired && c.total === c.desired && c.available >= c.desired;
}

function targetPods(pods: readonly Pod[], templateHash: string): Pod[] {
  return pods
    .filter(
      (p) =>
        p.metadata.labels?.[TEMPLATE_HASH_LABEL] === templateHash &&
        p.metadata.deletionTimestamp === undefined,
    )
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Why unschedulable new pods stop the rollout, in terms of update_strategy. */
function unschedulableMessage(
  d: Deployment | undefined,
  problems: PodProblem[],
  rollout: boolean,
): {
  reason: string;
  message: string;
} {
  const first = problems[0] as PodProblem;
  if (!rollout) {
    // A Ready revision: the autoscaler (or kubectl scale) asked for pods that do not fit.
    return {
      reason: "Unschedulable",
      message:
        `scale-up blocked: ${first.message}` +
        (problems.length > 1 ? ` (and ${problems.length - 1} more pods)` : ""),
    };
  }
  const replicas = d?.spec?.replicas ?? 0;
  const strategy = d?.spec?.strategy?.rollingUpdate;
  const { surge, unavailable } = resolveFenceposts(
    strategy?.maxSurge,
    strategy?.maxUnavailable,
    replicas,
  );
  const count = plural(problems.length, "new pod");
  // Only old pods can be stopped to make room: a first revision has none, whatever the strategy.
  const oldPods = (d?.status?.replicas ?? 0) - (d?.status?.updatedReplicas ?? 0);
  if (unavailable === 0 && replicas > 0 && oldPods > 0) {
    return {
      reason: "SurgeImpossible",
      message:
        `rollout blocked: ${count} cannot be scheduled (${first.message}); with ` +
        `${plural(replicas, "replica")}, max_unavailable resolves to 0 and max_surge to ${surge}, so ` +
        "no old pod is stopped until the extra pods run; add capacity or set " +
        "update_strategy.max_unavailable to at least 1",
    };
  }
  return {
    reason: "Unschedulable",
    message: `rollout blocked: ${count} cannot be scheduled (${first.message})`,
  };
}

/** What is wrong with the pods of the revision being rolled out, as of `input.now`. */
function targetProblems(input: AssessInput): PodProblem[] {
  return targetPods(input.pods, input.target.templateHash).flatMap((p) =>
    podProblems(p, {
      now: input.now,
      crashRestarts: input.crashRestarts,
      unschedulableTimeoutMs: input.unschedulableTimeoutMs,
      rolloutStartedAt: input.target.startedAt,
    }),
  );
}

export function assessRollout(input: AssessInput): Assessment {
  const { now, target, deployment } = input;
  const problems = targetProblems(input);
  const fatal = problems.find((p) => p.fatal);
  const revision = `revision ${target.revision}`;
  // Infinite for a Ready revision: its health is judged, not a rollout.
  const rollout = Number.isFinite(input.progressDeadlineMs);
  if (fatal !== undefined) {
    const same = problems.filter((p) => p.reason === fatal.reason).length;
    const more = same > 1 ? ` (${same} such problems in ${rollout ? "new " : "its "}pods)` : "";
    const crashed = fatal.reason === "CrashLoopBackOff" && fatal.container !== undefined;
    return {
      state: "failed",
      reason: fatal.reason,
      message: `${revision}: ${fatal.message}${more}`,
      ...(crashed ? { logsOf: { pod: fatal.pod, container: fatal.container as string } } : {}),
    };
  }

  if (rolloutComplete(deployment, target.templateHash)) {
    const c = replicaCounts(deployment);
    return {
      state: "complete",
      message: `${revision} is available (${plural(c.available, "replica")})`,
    };
  }

  const deadline = target.startedAt + input.progressDeadlineMs;
  const counts = replicaCounts(deployment);
  const progress = deploymentObserved(deployment, target.templateHash)
    ? // During a surge old and new pods are both available: "2 of 1 available" read as a bug.
      `${counts.updated} of ${counts.desired} replicas updated, ${counts.available} available`
    : "waiting for the Deployment to take the new template";
  const stalled = deployment?.status?.conditions?.find(
    (c) => c.type === "Progressing" && c.status === "False",
  );
  if (
    now >= deadline ||
    (stalled?.reason === "ProgressDeadlineExceeded" &&
      input.trustDeploymentDeadline !== false &&
      deploymentObserved(deployment, target.templateHash))
  ) {
    // A ReplicaFailure (quota, an admission webhook) is why no pod came at all: it must survive
    // into the final message, which is all the status, the event and the CLI keep.
    const failure = replicaFailure(deployment);
    const causes = [
      ...(failure === undefined ? [] : [cannotCreate(failure)]),
      ...(problems[0] === undefined ? [] : [problems[0].message]),
    ];
    const why = causes.map((c) => `; ${c}`).join("");
    // A Ready revision has no deadline of ours; only the Deployment's own can be exceeded.
    const late = rollout
      ? `is not Ready within ${formatSeconds(input.progressDeadlineMs / 1000)}`
      : "stopped progressing (the Deployment reports ProgressDeadlineExceeded)";
    return {
      state: "failed",
      reason: "ProgressDeadlineExceeded",
      message: `${revision} ${late}: ${progress}${why}`,
    };
  }

  const unschedulable = problems.filter((p) => p.reason === "Unschedulable");
  const recheck = Math.min(deadline, ...problems.map((p) => p.fatalAt ?? Number.POSITIVE_INFINITY));
  const recheckAt = Number.isFinite(recheck) ? recheck : undefined;
  const withRecheck = recheckAt === undefined ? {} : { recheckAt };
  if (unschedulable.length > 0) {
    const { reason, message } = unschedulableMessage(deployment, unschedulable, rollout);
    return {
      state: "progressing",
      reason,
      message: `${revision}: ${message}`,
      blocked: true,
      ...withRecheck,
    };
  }
  const failure = replicaFailure(deployment);
  if (failure !== undefined) {
    return {
      state: "progressing",
      reason: failure.reason ?? "ReplicaFailure",
      message: `${revision}: ${cannotCreate(failure)}`,
      blocked: true,
      ...withRecheck,
    };
  }
  const note = problems[0] === undefined ? "" : `; ${problems[0].message}`;
  return {
    state: "progressing",
    reason: "RollingOut",
    message: `${revision} is rolling out: ${progress}${note}`,
    blocked: false,
    ...withRecheck,
  };
}

/**
 * How a rollout is reaching its min_replicas once nothing else holds it (its pods run, or it
 * replaces no pod): complete when that many replicas are available, failed when the progress
 * deadline passes first (Knative holds a revision's Ready until its minimum scale is reached the
 * same way). Only the deadline fails it: pods that wait (Pending, unschedulable) are why, named in
 * the message, and the pods of a change that replaces none are the running revision's, whose
 * trouble alone is health, not this revision's failure.
 */
export function assessMinimum(input: AssessInput, minAvailable: number): Assessment {
  const { now, target, deployment } = input;
  const revision = `revision ${target.revision}`;
  const available = replicaCounts(deployment).available;
  if (available >= minAvailable) {
    return {
      state: "complete",
      message: `${revision} is available (${plural(available, "replica")})`,
    };
  }
  const problems = targetProblems(input);
  const unschedulable = problems.filter((p) => p.reason === "Unschedulable");
  const failure = replicaFailure(deployment);
  const first = unschedulable[0] ?? problems[0];
  const causes = [
    ...(failure === undefined ? [] : [cannotCreate(failure)]),
    ...(first === undefined ? [] : [first.message]),
    ...(unschedulable.length > 1
      ? [`${unschedulable.length - 1} more pods cannot be scheduled`]
      : []),
  ];
  const why = causes.map((c) => `; ${c}`).join("");
  const counted = `${available} of ${minAvailable} replicas available`;
  const deadline = target.startedAt + input.progressDeadlineMs;
  if (now >= deadline) {
    return {
      state: "failed",
      reason: "MinReplicasUnavailable",
      message: `${revision} did not reach min_replicas (${minAvailable}) within ${formatSeconds(input.progressDeadlineMs / 1000)}: ${counted}${why}`,
    };
  }
  const blocked = unschedulable.length > 0 || failure !== undefined;
  return {
    state: "progressing",
    reason:
      unschedulable.length > 0
        ? "Unschedulable"
        : failure !== undefined
          ? (failure.reason ?? "ReplicaFailure")
          : "WaitingForMinReplicas",
    message: `${revision} is waiting for min_replicas (${minAvailable}): ${counted}${why}`,
    blocked,
    recheckAt: deadline,
  };
}
