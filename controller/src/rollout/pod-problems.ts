// What is wrong with a pod, as precisely as its status says: a container that keeps exiting, an
// image that cannot be pulled, a container the kubelet cannot start, or a pod no node can take.
// Fatal problems fail a rollout at once; the others are reported while the rollout waits.
import type { ContainerStatus, Pod } from "../controller/kube/types.ts";
import { formatSeconds } from "./duration.ts";

export interface PodProblem {
  pod: string;
  container?: string;
  /** A Kubernetes reason: CrashLoopBackOff, ImagePullBackOff, Unschedulable… */
  reason: string;
  message: string;
  fatal: boolean;
  /** When the problem will turn fatal (ms since the epoch), for problems that wait first. */
  fatalAt?: number;
}

export interface ProblemOptions {
  now: number;
  /** A container restarted this often is crash-looping even if the kubelet does not say so. */
  crashRestarts: number;
  /** How long a pod may stay unschedulable (the cluster autoscaler may add a node) before failing. */
  unschedulableTimeoutMs: number;
  /**
   * When the rollout started: a pod created before it (one the rollout shares with an earlier
   * revision of the same template) is not judged by its restart count, which is its whole life's.
   */
  rolloutStartedAt?: number;
}

/** Waiting reasons that do not heal by waiting: the spec itself is wrong. */
const IMAGE_REASONS = new Set(["ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName"]);
/**
 * A pull error that says the image is wrong, not the registry busy: a missing tag, no access.
 * Others (a registry's 429 toomanyrequests, a timeout) often pass with the kubelet's next tries.
 */
const IMAGE_IS_WRONG =
  /not found|manifest unknown|unauthorized|authentication required|access denied|denied|forbidden|invalid reference|does not exist|no such host/i;
/** How long a pod may stay in ImagePullBackOff for an error that may pass (the kubelet tries
 * again after 10, 20 and 40 s) before the rollout fails. */
export const PULL_GRACE_MS = 90_000;
const START_REASONS = new Set(["CreateContainerConfigError", "RunContainerError"]);
const MESSAGE_LIMIT = 300;

function oneLine(text: string | undefined): string {
  const t = (text ?? "").replace(/\s+/g, " ").trim();
  return t.length > MESSAGE_LIMIT ? `…${t.slice(-MESSAGE_LIMIT)}` : t;
}

function describeExit(status: ContainerStatus): string {
  const t = status.lastState?.terminated ?? status.state?.terminated;
  if (t === undefined) return "";
  const why = [`exit code ${t.exitCode}`];
  if (t.reason !== undefined && t.reason !== "") why.push(t.reason);
  const tail = oneLine(t.message);
  return ` (${why.join(", ")}${tail === "" ? "" : `: ${tail}`})`;
}

function containerProblem(
  pod: string,
  status: ContainerStatus,
  kind: "container" | "init container",
  options: ProblemOptions,
  podCreated: number,
  countRestarts: boolean,
): PodProblem | undefined {
  const waiting = status.state?.waiting;
  const reason = waiting?.reason ?? "";
  const restarts = status.restartCount ?? 0;
  const who = `${kind} "${status.name}" of pod ${pod}`;
  if (IMAGE_REASONS.has(reason)) {
    const image = status.image === undefined ? "its image" : `image "${status.image}"`;
    const detail = oneLine(waiting?.message);
    const message = `${who} cannot pull ${image}${detail === "" ? "" : `: ${detail}`}`;
    if (reason !== "ImagePullBackOff" || IMAGE_IS_WRONG.test(waiting?.message ?? "")) {
      return { pod, container: status.name, reason, message, fatal: true };
    }
    const fatalAt = podCreated + PULL_GRACE_MS;
    return {
      pod,
      container: status.name,
      reason,
      message,
      fatal: options.now >= fatalAt,
      fatalAt,
    };
  }
  if (START_REASONS.has(reason)) {
    return {
      pod,
      container: status.name,
      reason,
      message: `${who} cannot start: ${oneLine(waiting?.message) || reason}`,
      fatal: true,
    };
  }
  // The restart count is the container's whole life: one that is ready now has recovered (or
  // restarted long ago, under an earlier revision with the same pod template).
  if (
    reason === "CrashLoopBackOff" ||
    (countRestarts && restarts >= options.crashRestarts && !status.ready)
  ) {
    const times = restarts === 1 ? "1 restart" : `${restarts} restarts`;
    return {
      pod,
      container: status.name,
      reason: "CrashLoopBackOff",
      message: `${who} keeps exiting${describeExit(status)}; ${times}`,
      fatal: true,
    };
  }
  if (reason === "ErrImagePull") {
    // Often a registry hiccup; the kubelet turns a lasting one into ImagePullBackOff.
    return {
      pod,
      container: status.name,
      reason,
      message: `${who} is pulling its image again: ${oneLine(waiting?.message)}`,
      fatal: false,
    };
  }
  return undefined;
}

/** The problems of one pod, init containers first. */
export function podProblems(pod: Pod, options: ProblemOptions): PodProblem[] {
  const name = pod.metadata.name;
  const out: PodProblem[] = [];
  const parsed = Date.parse(pod.metadata.creationTimestamp ?? "");
  const created = Number.isFinite(parsed) ? parsed : options.now;
  const countRestarts =
    options.rolloutStartedAt === undefined ||
    !Number.isFinite(parsed) ||
    parsed >= options.rolloutStartedAt;
  for (const s of pod.status?.initContainerStatuses ?? []) {
    const p = containerProblem(name, s, "init container", options, created, countRestarts);
    if (p !== undefined) out.push(p);
  }
  for (const s of pod.status?.containerStatuses ?? []) {
    const p = containerProblem(name, s, "container", options, created, countRestarts);
    if (p !== undefined) out.push(p);
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
    const since = Date.parse(scheduled.lastTransitionTime ?? "");
    const start = Number.isFinite(since) ? since : options.now;
    const fatalAt = start + options.unschedulableTimeoutMs;
    const waited = formatSeconds((options.now - start) / 1000);
    out.push({
      pod: name,
      reason: "Unschedulable",
      message: `pod ${name} cannot be scheduled for ${waited}: ${oneLine(scheduled.message)}`,
      fatal: options.now >= fatalAt,
      fatalAt,
    });
  }
  return out;
}
