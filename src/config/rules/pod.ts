// Cortex's pod and container rules: reserved ports and names, env prefixes, probe handlers,
// resource quantities.

import { type Issue, issue, type RuleContext } from "../issue.ts";
import type { ConfigPath } from "../path.ts";
import {
  compareQuantities,
  type ExactQuantity,
  MIN_CPU,
  MIN_MEM,
  parseExactQuantity,
} from "../quantity.ts";
import type { Container, PreStop, Probe } from "../types.ts";
import type { PodApi } from "./api.ts";

/** The proxy sidecar listens on 8888 and serves metrics on 15000. */
export const RESERVED_PORTS: ReadonlySet<number> = new Set([8888, 15000]);
/** The sidecar every API pod runs (the controller's name for it too). */
export const PROXY_CONTAINER = "proxy";
/**
 * Our init container, in the pod only when the API lists artifacts: Kubernetes refuses a pod whose
 * init and app containers share a name.
 */
export const DOWNLOADER_CONTAINER = "downloader";
/** Cortex's reserved container names. */
export const RESERVED_CONTAINER_NAMES: ReadonlySet<string> = new Set([PROXY_CONTAINER, "dequeuer"]);
export const RESERVED_ENV_PREFIXES = ["CORTEX_", "KUBEXIT_"] as const;
/** The RealtimeAPI CRD's limit (controller/deploy/crds.yaml): the API server refuses more. */
export const MAX_REALTIME_CONTAINERS = 64;

function reservedPort(port: number, path: ConfigPath, out: Issue[]): void {
  if (RESERVED_PORTS.has(port)) {
    out.push(
      issue(path, `port ${port} is reserved (8888 for the request proxy, 15000 for its metrics)`),
    );
  }
}

function checkProbe(probe: Probe, path: ConfigPath, liveness: boolean, out: Issue[]): void {
  const handlers = ["http_get", "tcp_socket", "exec"] as const;
  const allowed = handlers.filter((h) => h in probe);
  const set = allowed.filter((h) => probe[h] !== null && probe[h] !== undefined);
  if (set.length !== 1) {
    const found = set.length === 0 ? "none" : set.join(" and ");
    out.push(issue(path, `must set exactly one of ${allowed.join(", ")}; found ${found}`, "key"));
  }
  if (probe.http_get) reservedPort(probe.http_get.port, [...path, "http_get", "port"], out);
  if (probe.tcp_socket) reservedPort(probe.tcp_socket.port, [...path, "tcp_socket", "port"], out);
  if (liveness && probe.success_threshold > 1) {
    out.push(
      issue(
        [...path, "success_threshold"],
        `must be 1 for a liveness probe (a Kubernetes rule), got ${probe.success_threshold}`,
      ),
    );
  }
}

function checkPreStop(preStop: PreStop, path: ConfigPath, out: Issue[]): void {
  const set = (["http_get", "exec"] as const).filter((h) => preStop[h] !== null);
  if (set.length !== 1) {
    const found = set.length === 0 ? "none" : set.join(" and ");
    out.push(issue(path, `must set exactly one of http_get, exec; found ${found}`, "key"));
  }
  if (preStop.http_get) reservedPort(preStop.http_get.port, [...path, "http_get", "port"], out);
}

const ZERO = parseExactQuantity("0") as ExactQuantity;

/** Parses a quantity field and checks its lower bound; the exact value, if valid. */
function quantity(
  text: string | null,
  min: string | undefined,
  path: ConfigPath,
  out: Issue[],
): ExactQuantity | undefined {
  if (text === null) return undefined;
  const value = parseExactQuantity(text);
  if (value === undefined) {
    out.push(
      issue(path, `must be a Kubernetes quantity such as 500m, 1, 512Mi or 2Gi, got "${text}"`),
    );
    return undefined;
  }
  const floor = min === undefined ? ZERO : (parseExactQuantity(min) ?? ZERO);
  if (compareQuantities(value, floor) < 0) {
    out.push(issue(path, `must be at least ${min ?? "0"}, got "${text}"`));
    return undefined;
  }
  return value;
}

function checkContainer(
  c: Container,
  path: ConfigPath,
  ctx: RuleContext,
  hasArtifacts: boolean,
  out: Issue[],
): void {
  const ok = (...rest: string[]) => ctx.clean([...path, ...rest]);
  if (ok("name") && RESERVED_CONTAINER_NAMES.has(c.name)) {
    out.push(
      issue(
        [...path, "name"],
        `container name \`${c.name}\` is reserved for cortex-deploy's sidecars`,
      ),
    );
  }
  if (ok("name") && hasArtifacts && c.name === DOWNLOADER_CONTAINER) {
    out.push(
      issue(
        [...path, "name"],
        `container name \`${c.name}\` is taken by the init container that fetches this API's artifacts; rename the container`,
      ),
    );
  }
  // Only the keys matter here, so an env with a bad value can still be checked.
  if (ctx.intact([...path, "env"])) {
    for (const key of Object.keys(c.env)) {
      if (RESERVED_ENV_PREFIXES.some((p) => key.startsWith(p))) {
        out.push(
          issue(
            [...path, "env", key],
            "environment variable names starting with CORTEX_ or KUBEXIT_ are reserved",
            "key",
          ),
        );
      }
    }
  }
  if ("readiness_probe" in c && c.readiness_probe && ok("readiness_probe")) {
    checkProbe(c.readiness_probe, [...path, "readiness_probe"], false, out);
  }
  if (c.liveness_probe && ok("liveness_probe")) {
    checkProbe(c.liveness_probe, [...path, "liveness_probe"], true, out);
  }
  if ("pre_stop" in c && c.pre_stop && ok("pre_stop")) {
    checkPreStop(c.pre_stop, [...path, "pre_stop"], out);
  }

  if (!ctx.intact([...path, "compute"])) return;
  const compute = [...path, "compute"];
  const q = (field: "cpu" | "mem" | "shm", min: string | undefined) =>
    ok("compute", field) ? quantity(c.compute[field], min, [...compute, field], out) : undefined;
  q("cpu", MIN_CPU);
  const mem = q("mem", MIN_MEM);
  const shm = q("shm", undefined);
  if (mem !== undefined && shm !== undefined && compareQuantities(shm, mem) > 0) {
    out.push(
      issue([...compute, "shm"], `must not exceed mem (${c.compute.mem}), got "${c.compute.shm}"`),
    );
  }
}

export function checkPod(api: PodApi, index: number, ctx: RuleContext): Issue[] {
  const out: Issue[] = [];
  const pod = [index, "pod"];
  if ("port" in api.pod && ctx.clean([...pod, "port"]))
    reservedPort(api.pod.port, [...pod, "port"], out);
  if (!ctx.intact([...pod, "containers"])) return out;
  if (api.kind === "RealtimeAPI" && api.pod.containers.length > MAX_REALTIME_CONTAINERS) {
    out.push(
      issue(
        [...pod, "containers"],
        `lists ${api.pod.containers.length} containers; a RealtimeAPI can have at most ${MAX_REALTIME_CONTAINERS}`,
        "key",
      ),
    );
  }

  // Any listed artifacts count: whether their paths match files is known only when deploying.
  const hasArtifacts = Array.isArray(api.artifacts) && api.artifacts.length > 0;
  const firstByName = new Map<string, number>();
  api.pod.containers.forEach((c, j) => {
    const path = [...pod, "containers", j];
    if (!ctx.intact(path)) return;
    if (ctx.clean([...path, "name"])) {
      const first = firstByName.get(c.name);
      if (first !== undefined) {
        out.push(
          issue(
            [...path, "name"],
            `container name \`${c.name}\` is already used by containers[${first}]`,
          ),
        );
      } else firstByName.set(c.name, j);
    }
    checkContainer(c, path, ctx, hasArtifacts, out);
  });

  // Cortex schedules an API on GPU or Inferentia nodes, not both.
  const accel = (field: "gpu" | "inf") =>
    api.pod.containers.findIndex(
      (c, j) => ctx.clean([...pod, "containers", j, "compute", field]) && c.compute[field] > 0,
    );
  const inf = accel("inf");
  if (accel("gpu") >= 0 && inf >= 0) {
    out.push(
      issue(
        [...pod, "containers", inf, "compute", "inf"],
        "an API cannot request both gpu and inf; use one kind of accelerator",
      ),
    );
  }
  return out;
}
