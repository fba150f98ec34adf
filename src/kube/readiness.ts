// Where a RealtimeAPI's rollout, or a TrafficSplitter's, stands, read from the status the
// controller writes (pure). Only status for the object's current generation counts: a Ready left
// over from the previous spec says nothing about the new one.
import { describeCondition as describe, getCondition } from "./conditions.ts";
import { deployedBy } from "./meanwhile.ts";
import type { Live } from "./objects.ts";
import type {
  Condition,
  ConditionType,
  RealtimeApiResource,
  TrafficSplitterResource,
} from "./resource.ts";

export type RolloutState = "pending" | "progressing" | "ready" | "failed" | "rolledBack";

export interface RolloutProgress {
  state: RolloutState;
  /** One line for people: "Ready, 2/2 ready (revision 3)". */
  message: string;
  revision?: number;
  /**
   * Someone else changed or deleted the object while this command waited: the outcome is not
   * this command's, and the revision it reaches is not either.
   */
  superseded?: boolean;
}

export function isTerminal(state: RolloutState): boolean {
  return state === "ready" || state === "failed" || state === "rolledBack";
}

function current(
  conditions: readonly Condition[] | undefined,
  type: ConditionType,
  generation: number,
): Condition | undefined {
  const c = getCondition(conditions, type);
  if (c === undefined) return undefined;
  return c.observedGeneration === undefined || c.observedGeneration >= generation ? c : undefined;
}

function notObserved(
  observedGeneration: number | undefined,
  generation: number,
): RolloutProgress | undefined {
  if (observedGeneration !== undefined && observedGeneration >= generation) return undefined;
  return {
    state: "pending",
    message: `waiting for the controller to pick up generation ${generation}`,
  };
}

/** What the wait says of an object deleted while it waited: someone else's change too. */
export const DELETED_WHILE_WAITING: RolloutProgress = {
  state: "failed",
  superseded: true,
  message:
    "was deleted while waiting (by a delete, another deploy's prune or kubectl), so this run " +
    "cannot report on its own",
};

/**
 * When someone else replaced what this run applied at generation `applied` (another deploy, a
 * rollback, kubectl): a failure of this run that says only that, and who
 * deployed the object last. Its conditions and pods are the other change's, not this run's to
 * diagnose. Undefined while the object is still this run's.
 */
export function supersededProgress(
  object: Live,
  applied: number | undefined,
): RolloutProgress | undefined {
  const now = object.metadata.generation;
  // Lower too: deleted and created again.
  if (applied === undefined || now === undefined || now === applied) return undefined;
  return {
    state: "failed",
    superseded: true,
    message:
      `superseded while waiting: it is at generation ${now} (this run applied ${applied}), ` +
      `last deployed by ${deployedBy(object.metadata)}; that outcome is not this run's to report`,
  };
}

/** Either kind. */
export function progressOf(o: Live): RolloutProgress {
  return o.kind === "TrafficSplitter" ? splitterProgress(o) : rolloutProgress(o);
}

/**
 * A splitter is done when its Ready condition is (its pods route to targets that all exist); a
 * target that is not Ready itself shows in the message, not the state.
 */
export function splitterProgress(splitter: Live<TrafficSplitterResource>): RolloutProgress {
  const generation = splitter.metadata.generation ?? 1;
  const status = splitter.status ?? {};
  const pending = notObserved(status.observedGeneration, generation);
  if (pending !== undefined) return pending;
  const ready = current(status.conditions, "Ready", generation);
  if (status.phase === "Failed") {
    const why = describe(ready);
    return { state: "failed", message: `failed${why ? `: ${why}` : ""}` };
  }
  if (ready?.status === "True") {
    const degraded = current(status.conditions, "Degraded", generation);
    const note = degraded?.status === "True" ? `; but ${describe(degraded)}` : "";
    return { state: "ready", message: `Ready, ${ready.message}${note}` };
  }
  const why = describe(ready);
  return {
    state: "progressing",
    message: `${status.phase ?? "Progressing"}${why ? `: ${why}` : ""}`,
  };
}

/**
 * A RealtimeAPI phase of a settled revision (Ready once: nothing rolls out or back), serving or
 * not. NotReady is the controller's own word for one with no replica; an older one says Ready.
 */
export function isSettledPhase(phase: string | undefined): boolean {
  return phase === "Ready" || phase === "NotReady";
}

export function rolloutProgress(api: Live<RealtimeApiResource>): RolloutProgress {
  const generation = api.metadata.generation ?? 1;
  const status = api.status ?? {};
  const revision = status.currentRevision;
  const rev = revision === undefined ? "" : ` (revision ${revision})`;
  const pending = notObserved(status.observedGeneration, generation);
  if (pending !== undefined) return pending;
  const conditions = status.conditions;
  const rolledBack = current(conditions, "RolledBack", generation);
  if (rolledBack?.status === "True") {
    // Degraded says something else when the revision rolled back to fails too.
    const degraded = current(conditions, "Degraded", generation);
    const also =
      degraded?.status === "True" && degraded.message !== rolledBack.message
        ? `; ${describe(degraded)}`
        : "";
    return {
      state: "rolledBack",
      message: `rolled back${rev}: ${describe(rolledBack)}${also}`,
      revision,
    };
  }
  const ready = current(conditions, "Ready", generation);
  if (status.phase === "Failed") {
    const why = describe(current(conditions, "Degraded", generation)) || describe(ready);
    return { state: "failed", message: `failed${rev}${why ? `: ${why}` : ""}`, revision };
  }
  const replicas = `${status.readyReplicas ?? 0}/${status.desiredReplicas ?? status.replicas ?? 0} ready`;
  if (ready?.status === "True") {
    return { state: "ready", message: `Ready, ${replicas}${rev}`, revision };
  }
  if (isSettledPhase(status.phase) && ready !== undefined) {
    // The revision is settled (it was Ready; the controller rolls nothing out or back), but no
    // replica of it is available now: Ready says so and Degraded why. Progressing, which may
    // still say "revision N is available", is not quoted. The wait goes on: the pods may start.
    const degraded = current(conditions, "Degraded", generation);
    const why = degraded?.status === "True" ? `; ${describe(degraded)}` : "";
    return {
      state: "progressing",
      message: `NotReady, ${replicas}${rev}: ${ready.message || ready.reason}${why}`,
      revision,
    };
  }
  const progressing = describe(current(conditions, "Progressing", generation));
  // The controller's Progressing message counts the new revision's replicas; readyReplicas
  // counts the old ones too (during a surge, "2/1 ready"), so it is shown only without one.
  return {
    state: "progressing",
    message: `${status.phase ?? "Progressing"}${progressing ? `: ${progressing}` : `, ${replicas}${rev}`}`,
    revision,
  };
}
