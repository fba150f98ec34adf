// The RealtimeAPI's status from the rollout decision: phase, the four conditions (each with the
// generation it describes), replica counts and revision numbers. Pure.
//
// Degraded also says when a Ready API's proxies cannot be read (autoscale/health.ts): reason
// MetricsUnavailable; the autoscaler holds its count meanwhile. A rollout's own trouble wins.
//
// The phase of a Ready revision says whether it serves: NotReady while none of its replicas is
// available (its pods not up yet when a spec that changes no pod follows a rollback, or all of
// them crashed since), as the Ready condition does.
import { type ConditionValue, setConditions } from "../../../src/kube/conditions.ts";
import type { ConditionType, RealtimeApiStatus } from "../../../src/kube/resource.ts";
import { replicaCounts } from "../rollout/assess.ts";
import type { RolloutDecision } from "../rollout/decide.ts";
import { lastReady, type RevisionRecord } from "../rollout/revisions.ts";
import { METRICS_UNAVAILABLE_REASON } from "./autoscale/health.ts";
import type { Deployment } from "./kube/types.ts";

export type Phase = "Ready" | "NotReady" | "Progressing" | "Failed" | "RolledBack";

export interface StatusInput {
  now: Date;
  generation: number;
  previous: RealtimeApiStatus | undefined;
  endpoint: string;
  decision: RolloutDecision;
  records: readonly RevisionRecord[];
  deployment: Deployment | undefined;
  /** Why the API's metrics cannot be read, while the autoscale loop reports so. */
  metricsUnavailable?: string | undefined;
}

const NOT_ROLLED_BACK: ConditionValue = ["False", "NotRolledBack", ""];

function conditionsFor(input: StatusInput): {
  phase: Phase;
  values: Record<ConditionType, ConditionValue>;
} {
  const { desired, assessment, target } = input.decision;
  const counts = replicaCounts(input.deployment);
  switch (desired.result) {
    case "RolledBack":
      return {
        phase: "RolledBack",
        values: {
          Ready: ["False", "RolledBack", desired.message],
          // The way back is a rollout too, and the revision returned to can fail in turn (its
          // image deleted since, say): both show, or the API would look safely rolled back.
          Progressing:
            assessment.state === "progressing"
              ? [
                  "True",
                  "RollingBack",
                  `returning to revision ${target.revision}: ${assessment.message}`,
                ]
              : ["False", "RolledBack", `running revision ${target.revision}, the last Ready one`],
          Degraded:
            assessment.state === "failed"
              ? [
                  "True",
                  assessment.reason,
                  `the rollback to revision ${target.revision} fails too: ${assessment.message}`,
                ]
              : ["True", desired.reason || "RolloutFailed", desired.message],
          RolledBack: ["True", desired.reason || "RolloutFailed", desired.message],
        },
      };
    case "Failed":
      return {
        phase: "Failed",
        values: {
          Ready: ["False", desired.reason || "RolloutFailed", desired.message],
          Progressing: ["False", "RolloutFailed", desired.message],
          Degraded: ["True", desired.reason || "RolloutFailed", desired.message],
          RolledBack: ["False", "NoReadyRevision", "no earlier revision became Ready"],
        },
      };
    case "Progressing": {
      const reason = assessment.state === "progressing" ? assessment.reason : "RollingOut";
      const blocked = assessment.state === "progressing" && assessment.blocked;
      return {
        phase: "Progressing",
        values: {
          Ready: ["False", reason, assessment.message],
          Progressing: ["True", reason, assessment.message],
          Degraded: blocked ? ["True", reason, assessment.message] : ["False", "AsExpected", ""],
          RolledBack: NOT_ROLLED_BACK,
        },
      };
    }
    default: {
      // Ready (Superseded never describes the current spec). A Ready revision stays Ready while
      // it serves; trouble after that (a crash loop, a scale-up that cannot schedule) degrades it.
      const serving = counts.available > 0 || counts.desired === 0;
      const progressing: ConditionValue =
        assessment.state === "progressing"
          ? ["True", assessment.reason, assessment.message]
          : ["False", "RolloutComplete", `revision ${target.revision} is available`];
      const degraded: ConditionValue =
        assessment.state === "failed"
          ? ["True", assessment.reason, assessment.message]
          : assessment.state === "progressing" && assessment.blocked
            ? ["True", assessment.reason, assessment.message]
            : input.metricsUnavailable !== undefined
              ? ["True", METRICS_UNAVAILABLE_REASON, input.metricsUnavailable]
              : ["False", "AsExpected", ""];
      return {
        phase: serving ? "Ready" : "NotReady",
        values: {
          Ready: serving
            ? ["True", "RevisionReady", `revision ${target.revision} is serving`]
            : [
                "False",
                "NoReplicasAvailable",
                `no replica of revision ${target.revision} is available`,
              ],
          Progressing: progressing,
          Degraded: degraded,
          RolledBack: NOT_ROLLED_BACK,
        },
      };
    }
  }
}

export function computeStatus(input: StatusInput): RealtimeApiStatus {
  const { phase, values } = conditionsFor(input);
  const d = input.deployment;
  const status: RealtimeApiStatus = {
    observedGeneration: input.generation,
    conditions: setConditions(input.previous?.conditions, input.generation, input.now, values),
    replicas: d?.status?.replicas ?? 0,
    readyReplicas: d?.status?.readyReplicas ?? 0,
    updatedReplicas: d?.status?.updatedReplicas ?? 0,
    desiredReplicas: d?.spec?.replicas ?? 0,
    currentRevision: input.decision.target.revision,
    endpoint: input.endpoint,
    phase,
  };
  const ready = lastReady(
    input.records.map((r) => (r.name === input.decision.desired.name ? input.decision.desired : r)),
  );
  if (ready !== undefined) status.lastReadyRevision = ready.revision;
  return status;
}

/** The status of a RealtimeAPI whose spec the controller cannot read. */
export function invalidSpecStatus(
  previous: RealtimeApiStatus | undefined,
  generation: number,
  message: string,
  now: Date,
  reason = "InvalidSpec",
): RealtimeApiStatus {
  return {
    ...previous,
    observedGeneration: generation,
    phase: "Failed",
    conditions: setConditions(previous?.conditions, generation, now, {
      Ready: ["False", reason, message],
      Progressing: ["False", reason, message],
      Degraded: ["True", reason, message],
      RolledBack: NOT_ROLLED_BACK,
    }),
  };
}
