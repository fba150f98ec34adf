import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/config/defaults.ts
import path from "node:path";
var DEFAULT_POD_PORT = 8080;
var MIN_PROGRESS_DEADLINE_SECONDS = 10;
var MAX_PROGRESS_DEADLINE_SECONDS = 24 * 3600;
var MIN_PANIC_WINDOW_SECONDS = 2;
var MAX_SURGE = 2147483647;
function intOrPercent(v) {
  return typeof v === "string" && /^[0-9]+$/.test(v) && Number(v) <= MAX_SURGE ? Number(v) : v;
}
function applyDependentDefaults(api, index, ctx) {
  const networking = api.networking;
  if (ctx.intact([index, "networking"]) && ctx.clean([index, "name"])) {
    networking.endpoint ??= `/${api.name}`;
  }
  if (api.kind === "TrafficSplitter" || !ctx.intact([index, "pod"])) return;
  const pod = api.pod;
  if (api.kind !== "TaskAPI" && pod.port === null) pod.port = DEFAULT_POD_PORT;
  if (ctx.intact([index, "pod", "containers"])) {
    api.pod.containers.forEach((c, j) => {
      const at = [index, "pod", "containers", j, "compute"];
      if (!ctx.intact(at)) return;
      const compute = c.compute;
      for (const field of ["cpu", "mem", "shm"]) {
        const v = compute[field];
        if (typeof v === "number") compute[field] = String(v);
      }
    });
  }
  if (api.kind === "RealtimeAPI" || api.kind === "AsyncAPI") {
    if (ctx.intact([index, "autoscaling"])) {
      const a = api.autoscaling;
      if (ctx.clean([index, "autoscaling", "min_replicas"])) a.init_replicas ??= a.min_replicas;
      if (ctx.clean([index, "pod", "max_concurrency"]))
        a.target_in_flight ??= api.pod.max_concurrency;
    }
    if (ctx.intact([index, "update_strategy"])) {
      const u = api.update_strategy;
      u.max_surge = intOrPercent(u.max_surge);
      u.max_unavailable = intOrPercent(u.max_unavailable);
    }
  }
}
function canonicalEndpoint(endpoint) {
  let out = endpoint.startsWith("/") ? endpoint : `/${endpoint}`;
  while (out.length > 1 && out.endsWith("/")) out = out.slice(0, -1);
  return out;
}
function canonicalizeEndpoint(api) {
  api.networking.endpoint = canonicalEndpoint(api.networking.endpoint);
}
function canonicalMount(mount) {
  const clean = path.posix.normalize(mount).replace(/\/+$/, "");
  return clean === "" ? "/" : clean;
}
function canonicalizeMounts(api) {
  if (api.kind === "TrafficSplitter") return;
  for (const a of api.artifacts) a.mount = canonicalMount(a.mount);
}

export {
  MIN_PROGRESS_DEADLINE_SECONDS,
  MAX_PROGRESS_DEADLINE_SECONDS,
  MIN_PANIC_WINDOW_SECONDS,
  MAX_SURGE,
  applyDependentDefaults,
  canonicalEndpoint,
  canonicalizeEndpoint,
  canonicalMount,
  canonicalizeMounts
};
