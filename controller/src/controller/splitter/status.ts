// The TrafficSplitter's status: Ready once its Deployment has rolled out and every target API
// exists; Degraded while a target exists but is not Ready (its share of requests may fail);
// Progressing while the splitter's own pods roll out. Pure.
import { type ConditionValue, setConditions } from "../../../../src/kube/conditions.ts";
import type { TrafficSplitterStatus } from "../../../../src/kube/resource.ts";
import { replicaCounts, replicaFailure, statusCaughtUp } from "../../rollout/assess.ts";
import type { Deployment } from "../kube/types.ts";
import type { SplitterSpec } from "./spec.ts";

export interface SplitterStatusInput {
  now: Date;
  generation: number;
  previous: TrafficSplitterStatus | undefined;
  spec: SplitterSpec;
  deployment: Deployment | undefined;
  /** Phase of each target RealtimeAPI that exists (undefined phase: not reported yet). */
  targets: ReadonlyMap<string, string | undefined>;
}

/** "a 80%, b 20%, shadow c" */
export function describeRoutes(spec: SplitterSpec): string {
  return spec.targets
    .map((t) => (t.shadow ? `shadow ${t.name}` : `${t.name} ${t.weight}%`))
    .join(", ");
}

/** Whether the Deployment runs the current template on all its replicas, all available. */
export function rolledOut(d: Deployment | undefined): { done: boolean; message: string } {
  if (d === undefined) return { done: false, message: "creating the splitter's Deployment" };
  // Until then its counts describe the previous spec: "2 of 2 updated" of the old template.
  if (!statusCaughtUp(d))
    return { done: false, message: "waiting for the Deployment to observe the change" };
  const { desired, updated, available, total } = replicaCounts(d);
  const done = updated >= desired && available >= desired && total <= desired;
  const counts = `${Math.min(updated, available)} of ${desired} splitter pods updated and available`;
  // Pods that cannot even be created (Pod Security, a quota) say why only here.
  const failure = replicaFailure(d);
  if (!done && failure !== undefined)
    return {
      done,
      message: `${counts}; pods cannot be created: ${failure.message ?? failure.reason ?? ""}`,
    };
  return { done, message: counts };
}

export function computeSplitterStatus(input: SplitterStatusInput): TrafficSplitterStatus {
  const { spec, generation, now } = input;
  const missing = spec.targets.filter((t) => !input.targets.has(t.name)).map((t) => t.name);
  const unready = spec.targets
    .filter((t) => input.targets.has(t.name) && input.targets.get(t.name) !== "Ready")
    .map((t) => `${t.name} is ${input.targets.get(t.name) ?? "not reported yet"}`);
  const rollout = rolledOut(input.deployment);

  let phase: string;
  let ready: ConditionValue;
  if (missing.length > 0) {
    phase = "Pending";
    ready = [
      "False",
      "TargetsMissing",
      `no RealtimeAPI named ${missing.join(", ")} in this namespace`,
    ];
  } else if (!rollout.done) {
    phase = "Progressing";
    ready = ["False", "RollingOut", rollout.message];
  } else {
    phase = "Ready";
    ready = ["True", "Routing", `routing ${describeRoutes(spec)}`];
  }
  const conditions = setConditions(
    input.previous?.conditions,
    generation,
    now,
    {
      Ready: ready,
      Progressing: rollout.done
        ? ["False", "RolledOut", rollout.message]
        : ["True", "RollingOut", rollout.message],
      Degraded:
        unready.length > 0
          ? ["True", "TargetsNotReady", unready.join("; ")]
          : ["False", "TargetsReady", ""],
    },
    { only: true },
  );
  return { observedGeneration: generation, conditions, endpoint: spec.endpoint, phase };
}

/** The status of a splitter whose spec cannot be read (or whose name is taken). */
export function invalidSplitterStatus(
  previous: TrafficSplitterStatus | undefined,
  generation: number,
  message: string,
  now: Date,
  reason = "InvalidSpec",
): TrafficSplitterStatus {
  return {
    ...previous,
    observedGeneration: generation,
    phase: "Failed",
    conditions: setConditions(
      previous?.conditions,
      generation,
      now,
      {
        Ready: ["False", reason, message],
      },
      { only: true },
    ),
  };
}
