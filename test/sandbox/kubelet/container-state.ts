// A container's life as the kubelet tracks it, and its mapping to the API's ContainerStatus.
// Pure: the pod worker owns the records and feeds them here.
import type { BackoffEntry } from "./backoff.ts";
import type {
  ContainerStateJson,
  ContainerStateTerminated,
  ContainerStatus,
} from "./kube-types.ts";

export interface Terminated {
  exitCode: number;
  signal?: number;
  reason: string;
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerId?: string;
}

export type RunState =
  | { kind: "created" }
  | { kind: "running"; startedAt: string }
  | { kind: "exited"; terminated: Terminated };

export interface ContainerRecord {
  name: string;
  image: string;
  isInit: boolean;
  /** An init container with restartPolicy Always: starts in order, then runs beside the rest. */
  sidecar: boolean;
  state: RunState;
  /** The exit before the current run (or before the current exit). */
  lastTerminated?: Terminated;
  restartCount: number;
  /** Readiness: true when running and the readiness probe (if any) passes. */
  ready: boolean;
  /** Startup: true when running and the startup probe (if any) has passed. */
  started: boolean;
  /** Shown instead of the raw state: CrashLoopBackOff, ErrImagePull, ContainerCreating… */
  waiting?: { reason: string; message?: string };
  /** A start that failed before any process ran (unmapped image, missing secret) retries then. */
  retryAtMs?: number;
  /** Back-off between failed start attempts (image pull, config), apart from crash loops. */
  startBackoff?: BackoffEntry;
  /** The crash-loop back-off. */
  backoff?: BackoffEntry;
  containerId?: string;
  imageId?: string;
}

export function newRecord(name: string, image: string, isInit: boolean, sidecar = false) {
  const record: ContainerRecord = {
    name,
    image,
    isInit,
    sidecar,
    state: { kind: "created" },
    restartCount: 0,
    ready: false,
    started: false,
  };
  return record;
}

/** Kubernetes' terminated reasons: Completed for exit 0, Error otherwise. */
export function exitReason(exitCode: number): string {
  return exitCode === 0 ? "Completed" : "Error";
}

/** A signal death is reported as 128 + the signal number, as shells and runtimes do. */
export function exitCodeOf(code: number | null, signal: number | undefined): number {
  if (code !== null) return code;
  return 128 + (signal ?? 0);
}

function terminatedJson(t: Terminated): ContainerStateTerminated {
  const json: ContainerStateTerminated = {
    exitCode: t.exitCode,
    reason: t.reason,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
  };
  if (t.signal !== undefined) json.signal = t.signal;
  if (t.message) json.message = t.message;
  if (t.containerId) json.containerID = t.containerId;
  return json;
}

/**
 * The kubelet's status of one container. podHasInit: every container of a pod with init
 * containers waits as PodInitializing (ContainerCreating otherwise), as the kubelet shows it.
 */
export function toContainerStatus(record: ContainerRecord, podHasInit: boolean): ContainerStatus {
  let state: ContainerStateJson;
  let lastState: ContainerStateJson = {};
  const last = record.lastTerminated ? { terminated: terminatedJson(record.lastTerminated) } : {};
  switch (record.state.kind) {
    case "created":
      state = {
        waiting: {
          reason: record.waiting?.reason ?? (podHasInit ? "PodInitializing" : "ContainerCreating"),
        },
      };
      if (record.waiting?.message)
        state.waiting = { ...state.waiting, message: record.waiting.message };
      lastState = last;
      break;
    case "running":
      state = { running: { startedAt: record.state.startedAt } };
      lastState = last;
      break;
    case "exited":
      if (record.waiting) {
        // Waiting to restart: the exit we just saw becomes lastState, as the kubelet shows it.
        state = { waiting: { ...record.waiting } };
        lastState = { terminated: terminatedJson(record.state.terminated) };
      } else {
        state = { terminated: terminatedJson(record.state.terminated) };
        lastState = last;
      }
      break;
  }
  const status: ContainerStatus = {
    name: record.name,
    image: record.image,
    imageID: record.imageId ?? "",
    // An init container that must finish is ready once it has exited 0, not while it runs.
    ready:
      record.isInit && !record.sidecar
        ? record.state.kind === "exited" && record.state.terminated.exitCode === 0
        : record.state.kind === "running" && record.ready,
    started: record.state.kind === "running" && record.started,
    restartCount: record.restartCount,
    state,
    lastState,
  };
  if (record.containerId) status.containerID = record.containerId;
  return status;
}
