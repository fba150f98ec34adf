// Defaults that depend on other fields (the schema fills in the fixed ones), and the few
// normalisations Cortex applies: numbers written for quantities become strings, integer strings
// for max_surge/max_unavailable become integers, endpoints get their canonical form.
// Each default is applied only where the fields it reads passed the schema.

import path from "node:path";
import type { RuleContext } from "./issue.ts";
import type { ApiConfig, Compute, UpdateStrategy } from "./types.ts";

const DEFAULT_POD_PORT = 8080;

// After the schema, these fields can still hold the looser shapes it accepts.
type LooseCompute = Record<keyof Pick<Compute, "cpu" | "mem" | "shm">, string | number | null>;
type LooseAutoscaling = { min_replicas: number; init_replicas?: number; target_in_flight?: number };

/**
 * Bounds of update_strategy.progress_deadline (our extension), shared with the controller, which
 * clamps to them. Below 10 s no pod can be Ready (the readiness probe's default period alone is
 * 10 s), so every rollout would be rolled back: `1ns` rounded up to 1 s did exactly that. Above a
 * day, a revision that is not Ready is not going to be, and waiting longer only leaves the API
 * half rolled out; it also stays far below what Deployment.progressDeadlineSeconds (int32
 * seconds) holds, where a longer deadline made the apply fail.
 */
export const MIN_PROGRESS_DEADLINE_SECONDS = 10;
export const MAX_PROGRESS_DEADLINE_SECONDS = 24 * 3600;

/**
 * Lower bound of autoscaling.panic_window (our extension) when it is not 0s (off), shared with
 * the controller, which clamps to it. The controller scrapes the proxies every second and decides
 * every 2 s: a shorter window holds one scrape or none, so panic mode would chase a single noisy
 * sample or, with no sample in the window, never start.
 */
export const MIN_PANIC_WINDOW_SECONDS = 2;

/** Cortex parses max_surge and max_unavailable as int32 (the schema bounds the unquoted form). */
export const MAX_SURGE = 2_147_483_647;

/** An integer string becomes the integer; one beyond int32 stays a string for the rules to refuse. */
function intOrPercent(v: number | string): number | string {
  return typeof v === "string" && /^[0-9]+$/.test(v) && Number(v) <= MAX_SURGE ? Number(v) : v;
}

/** Fills the defaults that depend on other fields, in place. */
export function applyDependentDefaults(api: ApiConfig, index: number, ctx: RuleContext): void {
  const networking = api.networking as { endpoint: string | null };
  if (ctx.intact([index, "networking"]) && ctx.clean([index, "name"])) {
    networking.endpoint ??= `/${api.name}`;
  }
  if (api.kind === "TrafficSplitter" || !ctx.intact([index, "pod"])) return;

  const pod = api.pod as { port?: number | null };
  if (api.kind !== "TaskAPI" && pod.port === null) pod.port = DEFAULT_POD_PORT;
  if (ctx.intact([index, "pod", "containers"])) {
    api.pod.containers.forEach((c, j) => {
      const at = [index, "pod", "containers", j, "compute"];
      if (!ctx.intact(at)) return;
      const compute = c.compute as unknown as LooseCompute;
      for (const field of ["cpu", "mem", "shm"] as const) {
        const v = compute[field];
        if (typeof v === "number") compute[field] = String(v);
      }
    });
  }

  if (api.kind === "RealtimeAPI" || api.kind === "AsyncAPI") {
    if (ctx.intact([index, "autoscaling"])) {
      const a = api.autoscaling as LooseAutoscaling;
      if (ctx.clean([index, "autoscaling", "min_replicas"])) a.init_replicas ??= a.min_replicas;
      if (ctx.clean([index, "pod", "max_concurrency"]))
        a.target_in_flight ??= api.pod.max_concurrency;
    }
    if (ctx.intact([index, "update_strategy"])) {
      const u: UpdateStrategy = api.update_strategy;
      u.max_surge = intOrPercent(u.max_surge);
      u.max_unavailable = intOrPercent(u.max_unavailable);
    }
  }
}

/** Cortex's canonical endpoint: a leading "/", no trailing "/". */
export function canonicalEndpoint(endpoint: string): string {
  let out = endpoint.startsWith("/") ? endpoint : `/${endpoint}`;
  while (out.length > 1 && out.endsWith("/")) out = out.slice(0, -1);
  return out;
}

/** Last step, after the rules accepted the endpoint as written. */
export function canonicalizeEndpoint(api: ApiConfig): void {
  api.networking.endpoint = canonicalEndpoint(api.networking.endpoint);
}

/**
 * An artifact mount's one spelling: `/m/`, `//m` and `/a/./m/..` name the same folder, and must
 * give one volume, not two (or two mounts at one path, which the API server refuses). Used by
 * the loader, the uploader's manifest, the custom resource's list of mounts and the controller.
 * For an absolute path; `..` is refused before (it cannot climb out of `/` anyway).
 */
export function canonicalMount(mount: string): string {
  const clean = path.posix.normalize(mount).replace(/\/+$/, "");
  return clean === "" ? "/" : clean;
}

/** Last step, after the rules accepted the mounts as written. */
export function canonicalizeMounts(api: ApiConfig): void {
  if (api.kind === "TrafficSplitter") return;
  for (const a of api.artifacts) a.mount = canonicalMount(a.mount);
}
