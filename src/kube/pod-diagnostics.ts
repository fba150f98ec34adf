// Reading a failed rollout (pure): which containers are failing and why, the API's recent events
// and its conditions, as lines for people.
import { plural } from "../text/plural.ts";
import type { Condition } from "./resource.ts";

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; reason?: string; message?: string };
}

export interface ContainerStatusLike {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodLike {
  metadata: { name: string; creationTimestamp?: string };
  status?: {
    phase?: string;
    conditions?: readonly { type: string; status: string }[];
    containerStatuses?: ContainerStatusLike[];
    initContainerStatuses?: ContainerStatusLike[];
  };
}

export interface FailingContainer {
  pod: string;
  container: string;
  reason: string;
  /** The interesting log is the previous run's (the container crashed and restarted). */
  previous: boolean;
}

const BAD_WAITING = new Set([
  "CrashLoopBackOff",
  "ErrImagePull",
  "ImagePullBackOff",
  "InvalidImageName",
  "CreateContainerError",
  "CreateContainerConfigError",
  "RunContainerError",
]);

function failing(pod: string, s: ContainerStatusLike): FailingContainer | undefined {
  const waiting = s.state?.waiting;
  const terminated = s.state?.terminated;
  const last = s.lastState?.terminated;
  if (waiting?.reason && BAD_WAITING.has(waiting.reason)) {
    const exit = last
      ? ` (last exit code ${last.exitCode ?? "?"}${last.reason ? `, ${last.reason}` : ""})`
      : "";
    return {
      pod,
      container: s.name,
      reason: `${waiting.reason}${exit}`,
      previous: last !== undefined,
    };
  }
  if (terminated && (terminated.exitCode ?? 0) !== 0) {
    return {
      pod,
      container: s.name,
      reason: `exited with code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ""}`,
      previous: false,
    };
  }
  if ((s.restartCount ?? 0) > 0 && last) {
    return {
      pod,
      container: s.name,
      reason: `restarted ${plural(s.restartCount ?? 0, "time")}, last exit code ${last.exitCode ?? "?"}`,
      previous: true,
    };
  }
  return undefined;
}

/** Failing containers, init containers first (a failing downloader explains everything after). */
export function failingContainers(pods: readonly PodLike[]): FailingContainer[] {
  const out: FailingContainer[] = [];
  for (const pod of pods) {
    const name = pod.metadata.name;
    for (const s of pod.status?.initContainerStatuses ?? []) {
      const f = failing(name, s);
      if (f) out.push(f);
    }
    for (const s of pod.status?.containerStatuses ?? []) {
      const f = failing(name, s);
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * Containers that run but hold their pod back: init containers still running (a downloader that
 * cannot reach S3 never fails, it retries) and containers failing their readiness probe (a
 * server that never starts listening). Their logs say why; init containers come first.
 */
export function stalledContainers(pods: readonly PodLike[]): FailingContainer[] {
  const out: FailingContainer[] = [];
  const stalled = (pod: string, s: ContainerStatusLike, reason: string) => {
    if (s.state?.running !== undefined && s.ready !== true)
      out.push({ pod, container: s.name, reason, previous: false });
  };
  for (const pod of pods)
    for (const s of pod.status?.initContainerStatuses ?? [])
      stalled(pod.metadata.name, s, "init container still running");
  for (const pod of pods)
    for (const s of pod.status?.containerStatuses ?? [])
      stalled(pod.metadata.name, s, "running, not ready");
  return out;
}

function containerState(s: ContainerStatusLike, now: number): string {
  const { running, waiting, terminated } = s.state ?? {};
  if (running !== undefined) {
    const since = running.startedAt ? ` for ${age(now - Date.parse(running.startedAt))}` : "";
    return `running${since}${s.ready === true ? "" : ", not ready"}`;
  }
  if (terminated !== undefined)
    return `exited with code ${terminated.exitCode ?? "?"}${terminated.reason ? ` (${terminated.reason})` : ""}`;
  return `waiting${waiting?.reason ? ` (${waiting.reason})` : ""}`;
}

/**
 * One line per pod that is not Ready, with each container's state: "iris-x: Pending 2m;
 * init downloader running for 2m, not ready; api waiting (PodInitializing)". A rollout stuck with
 * nothing failing is read from these.
 */
export function formatUnreadyPods(pods: readonly PodLike[], now: number): string[] {
  const lines: string[] = [];
  for (const pod of pods) {
    const ready = pod.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
    if (ready) continue;
    const created = pod.metadata.creationTimestamp;
    const head = `${pod.metadata.name}: ${pod.status?.phase ?? "Pending"}${created ? `, created ${age(now - Date.parse(created))} ago` : ""}`;
    const states = [
      ...(pod.status?.initContainerStatuses ?? []).map(
        (s) => `init ${s.name} ${containerState(s, now)}`,
      ),
      ...(pod.status?.containerStatuses ?? []).map((s) => `${s.name} ${containerState(s, now)}`),
    ];
    lines.push(
      states.length > 0 ? `${head}; ${states.join("; ")}` : `${head}; no container status yet`,
    );
  }
  return lines;
}

export interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string; uid?: string };
  lastTimestamp?: string | null;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  metadata?: { creationTimestamp?: string };
}

/** When the event last happened (ms since the epoch), 0 when it carries no time. */
export function eventTime(e: EventLike): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

export function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s}s`;
  if (s < 90 * 60) return `${Math.round(s / 60)}m`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

/** The latest `limit` events, oldest first: "2m ago  Warning  BackOff  pod/x: message (x3)". */
export function formatEvents(events: readonly EventLike[], limit: number, now: number): string[] {
  return [...events]
    .sort((a, b) => eventTime(a) - eventTime(b))
    .slice(-limit)
    .map((e) => {
      const when = eventTime(e) ? `${age(now - eventTime(e))} ago` : "";
      const what = `${(e.involvedObject?.kind ?? "").toLowerCase()}/${e.involvedObject?.name ?? ""}`;
      const times = (e.count ?? 1) > 1 ? ` (x${e.count})` : "";
      const message = (e.message ?? "").trim().replace(/\s+/g, " ");
      return `${when.padEnd(8)} ${(e.type ?? "").padEnd(7)} ${(e.reason ?? "").padEnd(18)} ${what}: ${message}${times}`;
    });
}

export function formatConditions(conditions: readonly Condition[] | undefined): string[] {
  // A failed rollout's Ready, Degraded and RolledBack often carry one long message: print it once.
  const seen = new Map<string, string>();
  return (conditions ?? []).map((c) => {
    const head = `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ""}`;
    if (!c.message) return head;
    const first = seen.get(c.message);
    if (first !== undefined) return `${head}: as ${first}`;
    seen.set(c.message, c.type);
    return `${head}: ${c.message}`;
  });
}
