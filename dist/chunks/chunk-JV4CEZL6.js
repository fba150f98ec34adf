import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plural
} from "./chunk-IJQPKFB2.js";

// src/kube/pod-diagnostics.ts
var BAD_WAITING = /* @__PURE__ */ new Set([
  "CrashLoopBackOff",
  "ErrImagePull",
  "ImagePullBackOff",
  "InvalidImageName",
  "CreateContainerError",
  "CreateContainerConfigError",
  "RunContainerError"
]);
function failing(pod, s) {
  const waiting = s.state?.waiting;
  const terminated = s.state?.terminated;
  const last = s.lastState?.terminated;
  if (waiting?.reason && BAD_WAITING.has(waiting.reason)) {
    const exit = last ? ` (last exit code ${last.exitCode ?? "?"}${last.reason ? `, ${last.reason}` : ""})` : "";
    return {
      pod,
      container: s.name,
      reason: `${waiting.reason}${exit}`,
      previous: last !== void 0
    };
  }
  if (terminated && (terminated.exitCode ?? 0) !== 0) {
    return {
      pod,
      container: s.name,
      reason: `exited with code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ""}`,
      previous: false
    };
  }
  if ((s.restartCount ?? 0) > 0 && last) {
    return {
      pod,
      container: s.name,
      reason: `restarted ${plural(s.restartCount ?? 0, "time")}, last exit code ${last.exitCode ?? "?"}`,
      previous: true
    };
  }
  return void 0;
}
function failingContainers(pods) {
  const out = [];
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
function stalledContainers(pods) {
  const out = [];
  const stalled = (pod, s, reason) => {
    if (s.state?.running !== void 0 && s.ready !== true)
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
function containerState(s, now) {
  const { running, waiting, terminated } = s.state ?? {};
  if (running !== void 0) {
    const since = running.startedAt ? ` for ${age(now - Date.parse(running.startedAt))}` : "";
    return `running${since}${s.ready === true ? "" : ", not ready"}`;
  }
  if (terminated !== void 0)
    return `exited with code ${terminated.exitCode ?? "?"}${terminated.reason ? ` (${terminated.reason})` : ""}`;
  return `waiting${waiting?.reason ? ` (${waiting.reason})` : ""}`;
}
function formatUnreadyPods(pods, now) {
  const lines = [];
  for (const pod of pods) {
    const ready = pod.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
    if (ready) continue;
    const created = pod.metadata.creationTimestamp;
    const head = `${pod.metadata.name}: ${pod.status?.phase ?? "Pending"}${created ? `, created ${age(now - Date.parse(created))} ago` : ""}`;
    const states = [
      ...(pod.status?.initContainerStatuses ?? []).map(
        (s) => `init ${s.name} ${containerState(s, now)}`
      ),
      ...(pod.status?.containerStatuses ?? []).map((s) => `${s.name} ${containerState(s, now)}`)
    ];
    lines.push(
      states.length > 0 ? `${head}; ${states.join("; ")}` : `${head}; no container status yet`
    );
  }
  return lines;
}
function eventTime(e) {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? Date.parse(t) : 0;
}
function age(ms) {
  const s = Math.max(0, Math.round(ms / 1e3));
  if (s < 90) return `${s}s`;
  if (s < 90 * 60) return `${Math.round(s / 60)}m`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}
function formatEvents(events, limit, now) {
  return [...events].sort((a, b) => eventTime(a) - eventTime(b)).slice(-limit).map((e) => {
    const when = eventTime(e) ? `${age(now - eventTime(e))} ago` : "";
    const what = `${(e.involvedObject?.kind ?? "").toLowerCase()}/${e.involvedObject?.name ?? ""}`;
    const times = (e.count ?? 1) > 1 ? ` (x${e.count})` : "";
    const message = (e.message ?? "").trim().replace(/\s+/g, " ");
    return `${when.padEnd(8)} ${(e.type ?? "").padEnd(7)} ${(e.reason ?? "").padEnd(18)} ${what}: ${message}${times}`;
  });
}
function formatConditions(conditions) {
  const seen = /* @__PURE__ */ new Map();
  return (conditions ?? []).map((c) => {
    const head = `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ""}`;
    if (!c.message) return head;
    const first = seen.get(c.message);
    if (first !== void 0) return `${head}: as ${first}`;
    seen.set(c.message, c.type);
    return `${head}: ${c.message}`;
  });
}

export {
  failingContainers,
  stalledContainers,
  formatUnreadyPods,
  eventTime,
  age,
  formatEvents,
  formatConditions
};
