// Status conditions, set the way Kubernetes expects: one entry per type, and lastTransitionTime
// changes only when the status does.
import type { Condition, ConditionStatus, ConditionType } from "./resource.ts";

export function getCondition(
  conditions: readonly Condition[] | undefined,
  type: ConditionType,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** "Reason: message", either part left out when empty; "" for no condition. */
export function describeCondition(c: Condition | undefined): string {
  if (c === undefined) return "";
  return [c.reason, c.message].filter((s) => s !== "").join(": ");
}

export function isConditionTrue(
  conditions: readonly Condition[] | undefined,
  type: ConditionType,
): boolean {
  return getCondition(conditions, type)?.status === "True";
}

/** Returns a new list with `type` set; `now` is injected so callers and tests control time. */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: {
    type: ConditionType;
    status: ConditionStatus;
    reason: string;
    message: string;
    observedGeneration?: number;
  },
  now: Date,
): Condition[] {
  const previous = getCondition(conditions, update.type);
  const lastTransitionTime =
    previous !== undefined && previous.status === update.status
      ? previous.lastTransitionTime
      : now.toISOString();
  const next: Condition = { ...update, lastTransitionTime };
  const others = (conditions ?? []).filter((c) => c.type !== update.type);
  return [...others, next].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
}

const ORDER: ConditionType[] = ["Ready", "Progressing", "Degraded", "RolledBack"];

/** A condition's status, reason and message. */
export type ConditionValue = [status: ConditionStatus, reason: string, message: string];

/**
 * Sets every condition in `values`, all observing `generation`. With `only`, conditions of other
 * types are dropped, for a kind that never has them.
 */
export function setConditions(
  conditions: readonly Condition[] | undefined,
  generation: number,
  now: Date,
  values: Partial<Record<ConditionType, ConditionValue>>,
  options: { only?: boolean } = {},
): Condition[] {
  let next = (conditions ?? []).filter((c) => !options.only || c.type in values);
  for (const [type, [status, reason, message]] of Object.entries(values) as [
    ConditionType,
    ConditionValue,
  ][]) {
    next = setCondition(
      next,
      { type, status, reason, message, observedGeneration: generation },
      now,
    );
  }
  return next;
}
