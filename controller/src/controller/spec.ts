// The RealtimeAPI spec as the controller uses it: read from untyped JSON (the custom resource may
// have been written by hand with kubectl, not only by the Action), checked, and filled with
// cortex.yaml's defaults so rendering never meets a missing field.
import {
  canonicalMount,
  MAX_PROGRESS_DEADLINE_SECONDS,
  MIN_PROGRESS_DEADLINE_SECONDS,
} from "../../../src/config/defaults.ts";
import { parseDuration } from "../../../src/config/duration.ts";
import { parseExactQuantity } from "../../../src/config/quantity.ts";
import type { ApiAutoscaling } from "../autoscaler/config.ts";
import { DOWNLOADER_CONTAINER, PROXY_CONTAINER } from "./names.ts";

export interface ArtifactsSpec {
  bucket: string;
  prefix: string;
  manifest: string;
  mounts: string[];
  region?: string;
  endpoint?: string;
  forcePathStyle?: boolean;
}

export type HandlerSpec =
  | { httpGet: { port: number; path: string } }
  | { tcpSocket: { port: number } }
  | { exec: { command: string[] } };

export interface ProbeSpec {
  handler: HandlerSpec;
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

export interface ComputeSpec {
  cpu?: string;
  mem?: string;
  gpu: number;
  inf: number;
  shm?: string;
}

export interface ContainerSpec {
  name: string;
  image: string;
  env: [string, string][];
  command?: string[];
  args?: string[];
  compute: ComputeSpec;
  readinessProbe?: ProbeSpec;
  livenessProbe?: ProbeSpec;
  preStop?: HandlerSpec;
}

export interface ApiSpec {
  port: number;
  maxConcurrency: number;
  maxQueueLength: number;
  containers: ContainerSpec[];
  nodeGroups?: string[];
  autoscaling: ApiAutoscaling;
  maxSurge: number | string;
  maxUnavailable: number | string;
  progressDeadlineSeconds: number;
  endpoint: string;
  artifacts?: ArtifactsSpec;
  /** spec.retry: which retry of a failed spec this is; it gives the pods a fresh template. */
  retry?: number;
}

export class SpecError extends Error {
  override name = "SpecError";
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function obj(v: unknown, path: string): Json {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new SpecError(`${path}: must be an object`);
  return v;
}

export function int(v: unknown, path: string, fallback: number, min: number, max: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v))
    throw new SpecError(`${path}: must be an integer`);
  if (v < min || v > max) throw new SpecError(`${path}: must be within ${min}..${max}`);
  return v;
}

export function str(v: unknown, path: string): string {
  if (typeof v !== "string" || v === "") throw new SpecError(`${path}: must be a non-empty string`);
  return v;
}

function strList(v: unknown, path: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string"))
    throw new SpecError(`${path}: must be a list of strings`);
  return v as string[];
}

/** A Kubernetes quantity from cortex.yaml's string-or-number compute fields. */
function quantity(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number" && Number.isFinite(v) && v >= 0) return String(v);
  if (typeof v === "string") {
    // The forms cortex.yaml's validation accepts (1e3, +1, 200e-4, ...), not below 0.
    const q = parseExactQuantity(v);
    if (q !== undefined && (q.sign > 0 || q.digits === 0n)) return v;
  }
  throw new SpecError(`${path}: must be a quantity such as 500m, 1, 2Gi`);
}

/** A deadline of 0 would fail every rollout at once (cortex.yaml's rules refuse it; kubectl edit
 * does not go through them). */
function positive(seconds: number, path: string): number {
  if (seconds <= 0) throw new SpecError(`${path}: must be longer than 0s`);
  return seconds;
}

/**
 * The progress deadline within cortex.yaml's bounds. The Action refuses values outside them; a
 * custom resource written by hand may still hold one: `1ns` (1 s) would roll back every rollout,
 * and a deadline beyond int32 seconds makes the API server refuse the Deployment.
 */
export function clampProgressDeadline(seconds: number): number {
  return Math.min(MAX_PROGRESS_DEADLINE_SECONDS, Math.max(MIN_PROGRESS_DEADLINE_SECONDS, seconds));
}

/** Go duration ("10m", "1m30s", "90s"), read as cortex.yaml's rules read it, in whole seconds. */
export function durationSeconds(v: unknown, path: string, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "string") throw new SpecError(`${path}: must be a duration such as 10m`);
  let seconds: number;
  try {
    seconds = parseDuration(v);
  } catch {
    throw new SpecError(`${path}: "${v}" is not a duration such as 10m or 90s`);
  }
  if (seconds < 0) throw new SpecError(`${path}: must not be negative, got "${v}"`);
  return Math.ceil(seconds);
}

function handler(v: unknown, path: string, allowTcp: boolean): HandlerSpec | undefined {
  if (v === undefined || v === null) return undefined;
  const h = obj(v, path);
  const present = ["http_get", "tcp_socket", "exec"].filter(
    (k) => h[k] !== undefined && h[k] !== null,
  );
  if (present.length !== 1)
    throw new SpecError(`${path}: needs exactly one of http_get, tcp_socket, exec`);
  if (h.http_get !== undefined && h.http_get !== null) {
    const g = obj(h.http_get, `${path}.http_get`);
    const p = g.path === undefined || g.path === null ? "/" : str(g.path, `${path}.http_get.path`);
    return { httpGet: { port: int(g.port, `${path}.http_get.port`, 0, 1, 65535), path: p } };
  }
  if (h.tcp_socket !== undefined && h.tcp_socket !== null) {
    if (!allowTcp) throw new SpecError(`${path}: tcp_socket is not allowed here`);
    const t = obj(h.tcp_socket, `${path}.tcp_socket`);
    return { tcpSocket: { port: int(t.port, `${path}.tcp_socket.port`, 0, 1, 65535) } };
  }
  const e = obj(h.exec, `${path}.exec`);
  const command = strList(e.command, `${path}.exec.command`);
  if (command === undefined || command.length === 0)
    throw new SpecError(`${path}.exec.command: must list a command`);
  return { exec: { command } };
}

function probe(v: unknown, path: string): ProbeSpec | undefined {
  const h = handler(v, path, true);
  if (h === undefined) return undefined;
  const p = obj(v, path);
  const max = 2_147_483_647;
  // Cortex allows 0 for these, and Kubernetes reads 0 as its default: so does the controller.
  const probeField = (field: string, dflt: number): number =>
    int(p[field], `${path}.${field}`, dflt, 0, max) || dflt;
  return {
    handler: h,
    initialDelaySeconds: int(p.initial_delay_seconds, `${path}.initial_delay_seconds`, 0, 0, max),
    timeoutSeconds: probeField("timeout_seconds", 1),
    periodSeconds: probeField("period_seconds", 10),
    successThreshold: probeField("success_threshold", 1),
    failureThreshold: probeField("failure_threshold", 3),
  };
}

function container(v: unknown, path: string): ContainerSpec {
  const c = obj(v, path);
  const env = obj(c.env, `${path}.env`);
  const pairs: [string, string][] = [];
  for (const [k, value] of Object.entries(env)) {
    if (typeof value !== "string") throw new SpecError(`${path}.env.${k}: must be a string`);
    if (k.startsWith("CORTEX_") || k.startsWith("KUBEXIT_"))
      throw new SpecError(`${path}.env.${k}: names starting with CORTEX_ or KUBEXIT_ are reserved`);
    pairs.push([k, value]);
  }
  const compute = obj(c.compute, `${path}.compute`);
  const name = str(c.name, `${path}.name`);
  if (name === PROXY_CONTAINER)
    throw new SpecError(`${path}.name: "${name}" is reserved for cortex-deploy's own containers`);
  const out: ContainerSpec = {
    name,
    image: str(c.image, `${path}.image`),
    env: pairs,
    compute: {
      // cortex.yaml's default cpu request.
      cpu: compute.cpu === undefined ? "200m" : quantity(compute.cpu, `${path}.compute.cpu`),
      mem: quantity(compute.mem, `${path}.compute.mem`),
      gpu: int(compute.gpu, `${path}.compute.gpu`, 0, 0, 1024),
      inf: int(compute.inf, `${path}.compute.inf`, 0, 0, 1024),
      shm: quantity(compute.shm, `${path}.compute.shm`),
    },
  };
  const command = strList(c.command, `${path}.command`);
  const args = strList(c.args, `${path}.args`);
  const readiness = probe(c.readiness_probe, `${path}.readiness_probe`);
  const liveness = probe(c.liveness_probe, `${path}.liveness_probe`);
  const preStop = handler(c.pre_stop, `${path}.pre_stop`, false);
  if (command !== undefined) out.command = command;
  if (args !== undefined) out.args = args;
  if (readiness !== undefined) out.readinessProbe = readiness;
  if (liveness !== undefined) out.livenessProbe = liveness;
  if (preStop !== undefined) out.preStop = preStop;
  return out;
}

function surge(v: unknown, path: string): number | string {
  if (v === undefined || v === null) return "25%";
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
  if (typeof v === "string" && /^\d+%$/.test(v) && Number(v.slice(0, -1)) <= 100) return v;
  throw new SpecError(`${path}: must be an integer ≥ 0 or a percentage such as 25%`);
}

function artifacts(v: unknown, path: string): ArtifactsSpec | undefined {
  // The Action sends a reference; an empty list (cortex.yaml's own form) means none.
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return undefined;
  const a = obj(v, path);
  const mounts = strList(a.mounts, `${path}.mounts`) ?? [];
  for (const [i, m] of mounts.entries()) {
    if (!m.startsWith("/")) throw new SpecError(`${path}.mounts[${i}]: must be an absolute path`);
  }
  const out: ArtifactsSpec = {
    bucket: str(a.bucket, `${path}.bucket`),
    prefix: typeof a.prefix === "string" ? a.prefix : "",
    manifest: str(a.manifest, `${path}.manifest`),
    // `/m` and `/m/` are one folder: one volume (two mounts at one path would be refused).
    mounts: [...new Set(mounts.map(canonicalMount))],
  };
  if (typeof a.region === "string" && a.region !== "") out.region = a.region;
  if (typeof a.endpoint === "string" && a.endpoint !== "") out.endpoint = a.endpoint;
  if (typeof a.force_path_style === "boolean") out.forcePathStyle = a.force_path_style;
  return out;
}

/** Reads a RealtimeAPI's spec; throws SpecError naming the field (`spec.pod.port`) on a problem. */
export function readApiSpec(name: string, raw: unknown): ApiSpec {
  const spec = obj(raw, "spec");
  const pod = obj(spec.pod, "spec.pod");
  const port = int(pod.port, "spec.pod.port", 8080, 1, 65535);
  if (port === 8888 || port === 15000)
    throw new SpecError(`spec.pod.port: ${port} is reserved for the proxy`);
  if (!Array.isArray(pod.containers) || pod.containers.length === 0)
    throw new SpecError("spec.pod.containers: must list at least one container");
  const containers = pod.containers.map((c, i) => container(c, `spec.pod.containers[${i}]`));
  const names = new Set<string>();
  for (const [i, c] of containers.entries()) {
    if (names.has(c.name))
      throw new SpecError(`spec.pod.containers[${i}].name: "${c.name}" is used twice`);
    names.add(c.name);
  }
  const strategy = obj(spec.update_strategy, "spec.update_strategy");
  const maxSurge = surge(strategy.max_surge, "spec.update_strategy.max_surge");
  const maxUnavailable = surge(strategy.max_unavailable, "spec.update_strategy.max_unavailable");
  if (isZero(maxSurge) && isZero(maxUnavailable))
    throw new SpecError("spec.update_strategy: max_surge and max_unavailable cannot both be 0");
  const networking = obj(spec.networking, "spec.networking");
  const out: ApiSpec = {
    port,
    maxConcurrency: int(pod.max_concurrency, "spec.pod.max_concurrency", 1, 1, 30000),
    maxQueueLength: int(pod.max_queue_length, "spec.pod.max_queue_length", 100, 1, 30000),
    containers,
    autoscaling: obj(spec.autoscaling, "spec.autoscaling") as ApiAutoscaling,
    maxSurge,
    maxUnavailable,
    progressDeadlineSeconds: clampProgressDeadline(
      positive(
        durationSeconds(strategy.progress_deadline, "spec.update_strategy.progress_deadline", 600),
        "spec.update_strategy.progress_deadline",
      ),
    ),
    endpoint:
      typeof networking.endpoint === "string" && networking.endpoint !== ""
        ? networking.endpoint
        : `/${name}`,
  };
  const groups = strList(spec.node_groups, "spec.node_groups");
  if (groups !== undefined && groups.length > 0) out.nodeGroups = groups;
  const a = artifacts(spec.artifacts, "spec.artifacts");
  if (a !== undefined) {
    // Kubernetes refuses a pod whose init and app containers share a name.
    const clash = containers.findIndex((c) => c.name === DOWNLOADER_CONTAINER);
    if (clash >= 0)
      throw new SpecError(
        `spec.pod.containers[${clash}].name: "${DOWNLOADER_CONTAINER}" is the name of the init container that fetches the artifacts`,
      );
    out.artifacts = a;
  }
  if (spec.retry !== undefined) out.retry = int(spec.retry, "spec.retry", 0, 1, 2 ** 31 - 1);
  return out;
}

function isZero(v: number | string): boolean {
  return v === 0 || (typeof v === "string" && Number.parseInt(v, 10) === 0);
}
