// Pod phase and conditions from container records (pure), following the kubelet's getPhase and
// its condition generators, so kubectl, the Deployment controller and tests read them as usual.
import { type ContainerRecord, toContainerStatus } from "./container-state.ts";
import type { PodCondition, PodStatus } from "./kube-types.ts";
import type { RestartPolicy } from "./pod-plan.ts";

export type Phase = NonNullable<PodStatus["phase"]>;

export function podPhase(
  restartPolicy: RestartPolicy,
  records: readonly ContainerRecord[],
  initFailed: boolean,
): Phase {
  if (initFailed) return "Failed";
  const pendingInit = records.some((r) => r.isInit && !initDone(r));
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const r of records) {
    if (r.isInit) continue;
    if (r.state.kind === "running") running++;
    else if (r.state.kind === "created") waiting++;
    else if (r.waiting)
      stopped++; // waiting to restart after an exit counts as stopped
    else {
      stopped++;
      if (r.state.terminated.exitCode === 0) succeeded++;
    }
  }
  if (pendingInit || waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    if (restartPolicy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (restartPolicy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

function initDone(r: ContainerRecord): boolean {
  if (r.sidecar) return r.state.kind === "running" && r.started;
  return r.state.kind === "exited" && r.state.terminated.exitCode === 0 && !r.waiting;
}

function names(records: readonly ContainerRecord[]): string {
  return `[${records.map((r) => r.name).join(" ")}]`;
}

export interface ConditionInputs {
  phase: Phase;
  records: readonly ContainerRecord[];
  /** The pod's network exists (PodReadyToStartContainers). */
  sandboxReady: boolean;
  readinessGates: readonly string[];
  /** Conditions already on the pod: keep their transition times, read readiness gates. */
  previous: readonly PodCondition[];
  now: string;
}

/** The conditions the kubelet owns; PodScheduled (the scheduler's) and others are left alone. */
export function podConditions(input: ConditionInputs): PodCondition[] {
  const { records, phase } = input;
  const completed = phase === "Succeeded" || phase === "Failed";
  const pendingInit = records.filter((r) => r.isInit && !initDone(r));
  const unready = records.filter(
    (r) => (!r.isInit || r.sidecar) && !(r.state.kind === "running" && r.ready),
  );
  const conditions: Omit<PodCondition, "lastTransitionTime">[] = [
    { type: "PodReadyToStartContainers", status: input.sandboxReady ? "True" : "False" },
  ];
  if (pendingInit.length === 0 || completed) {
    conditions.push({ type: "Initialized", status: "True" });
  } else {
    conditions.push({
      type: "Initialized",
      status: "False",
      reason: "ContainersNotInitialized",
      message: `containers with incomplete status: ${names(pendingInit)}`,
    });
  }
  let containersReady: Omit<PodCondition, "lastTransitionTime">;
  if (completed) {
    containersReady = { type: "ContainersReady", status: "False", reason: "PodCompleted" };
  } else if (unready.length > 0) {
    containersReady = {
      type: "ContainersReady",
      status: "False",
      reason: "ContainersNotReady",
      message: `containers with unready status: ${names(unready)}`,
    };
  } else {
    containersReady = { type: "ContainersReady", status: "True" };
  }
  conditions.push(containersReady);
  const gatesDown = input.readinessGates.filter(
    (gate) => input.previous.find((c) => c.type === gate)?.status !== "True",
  );
  if (containersReady.status === "True" && gatesDown.length > 0) {
    conditions.push({
      type: "Ready",
      status: "False",
      reason: "ReadinessGatesNotReady",
      message: `corresponding condition of pod readiness gate "${gatesDown[0]}" does not exist.`,
    });
  } else {
    conditions.push({ ...containersReady, type: "Ready" });
  }
  return conditions.map((c) => {
    const before = input.previous.find((p) => p.type === c.type);
    const lastTransitionTime =
      before?.status === c.status && before.lastTransitionTime
        ? before.lastTransitionTime
        : input.now;
    // Conditions merge field by field in a strategic-merge patch: null clears what no longer applies.
    return {
      ...c,
      reason: c.reason ?? null,
      message: c.message ?? null,
      lastProbeTime: null,
      lastTransitionTime,
    };
  });
}

export interface StatusInputs extends ConditionInputs {
  hostIp: string;
  podIp?: string;
  startTime: string;
  message?: string;
}

/** The body of a strategic-merge patch to pods/status (conditions merge by type there). */
export function podStatusPatch(input: StatusInputs): { status: PodStatus } {
  const status: PodStatus = {
    phase: input.phase,
    conditions: podConditions(input),
    hostIP: input.hostIp,
    hostIPs: [{ ip: input.hostIp }],
    startTime: input.startTime,
    initContainerStatuses: input.records
      .filter((r) => r.isInit)
      .map((r) => toContainerStatus(r, true)),
    containerStatuses: input.records
      .filter((r) => !r.isInit)
      .map((r) =>
        toContainerStatus(
          r,
          input.records.some((i) => i.isInit),
        ),
      ),
  };
  if (input.podIp) {
    status.podIP = input.podIp;
    // podIPs merge by ip in a strategic-merge patch; a new address must replace the old one.
    status.podIPs = [{ ip: input.podIp }, { $patch: "replace" }];
  }
  status.message = input.message ?? null;
  return { status };
}
