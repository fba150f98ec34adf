// `status` (like `cortex get`): one row per API in the namespace with its status, replicas
// ready/requested/up-to-date, revision, endpoint and when it last changed.

import { readLive } from "../kube/apply.ts";
import type { KubeClient } from "../kube/client.ts";
import { describeCondition, getCondition } from "../kube/conditions.ts";
import {
  CONTROLLER_LEASE,
  checkController,
  type LeaseRef,
  noControllerLine,
} from "../kube/controller-presence.ts";
import type { NamespaceState } from "../kube/namespace.ts";
import type { Live } from "../kube/objects.ts";
import { age } from "../kube/pod-diagnostics.ts";
import { isSettledPhase, rolloutProgress, splitterProgress } from "../kube/readiness.ts";
import type { Condition } from "../kube/resource.ts";
import { alignColumns } from "../text/columns.ts";
import { type ClusterOptions, withClient } from "./common.ts";

export interface StatusRow {
  kind: string;
  name: string;
  namespace: string;
  status: string;
  ready: number | undefined;
  requested: number | undefined;
  upToDate: number | undefined;
  revision: number | undefined;
  endpoint: string;
  /** ISO time of the latest condition change, or of creation. */
  lastChange: string | undefined;
  /** Why the status is not Ready, for a line under the table. */
  detail?: string;
}

function latest(conditions: readonly Condition[] | undefined, fallback: string | undefined) {
  const times = (conditions ?? []).map((c) => c.lastTransitionTime).filter((t) => t);
  return times.sort().at(-1) ?? fallback;
}

/**
 * The phase says how the latest rollout ended; Ready stays after it even when the pods later stop
 * being ready (a crash, a lost Secret), or while they serve but something else is wrong (the
 * controller cannot read their metrics, so the replica count is frozen). The column says so:
 * Degraded, or NotReady.
 */
function shownPhase(
  phase: string | undefined,
  conditions: readonly Condition[] | undefined,
): string | undefined {
  // Degraded says more than Ready or the controller's NotReady (a Ready revision, no replica).
  if (!isSettledPhase(phase)) return phase;
  if (getCondition(conditions, "Degraded")?.status === "True") return "Degraded";
  return getCondition(conditions, "Ready")?.status === "False" ? "NotReady" : phase;
}

/**
 * Why a row is not Ready: what broke a Ready API since (the status shown as NotReady or
 * Degraded), else how its latest rollout stands.
 */
function detailOf(
  status: string,
  conditions: readonly Condition[] | undefined,
  progress: string,
): string | undefined {
  if (status === "Ready") return undefined;
  if (status === "NotReady" || status === "Degraded") {
    const degraded = getCondition(conditions, "Degraded");
    return describeCondition(
      degraded?.status === "True" ? degraded : getCondition(conditions, "Ready"),
    );
  }
  return progress;
}

/** One row per object (pure). */
export function statusRow(o: Live): StatusRow {
  const created = o.metadata.creationTimestamp;
  if (o.kind === "TrafficSplitter") {
    const status = shownPhase(o.status?.phase, o.status?.conditions) ?? "-";
    const detail = detailOf(status, o.status?.conditions, splitterProgress(o).message);
    return {
      kind: o.kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace ?? "",
      status,
      ready: undefined,
      requested: undefined,
      upToDate: undefined,
      revision: undefined,
      endpoint: o.spec.networking.endpoint,
      lastChange: latest(o.status?.conditions, created),
      ...(detail ? { detail } : {}),
    };
  }
  const s = o.status;
  const progress = rolloutProgress(o);
  const status =
    progress.state === "pending"
      ? "Pending"
      : (shownPhase(s?.phase, s?.conditions) ??
        (progress.state === "ready" ? "Ready" : "Progressing"));
  const detail = detailOf(status, s?.conditions, progress.message);
  return {
    kind: o.kind,
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? "",
    status,
    ready: s?.readyReplicas,
    requested: s?.desiredReplicas,
    upToDate: s?.updatedReplicas,
    revision: s?.currentRevision,
    endpoint: s?.endpoint ?? o.spec.networking.endpoint,
    lastChange: latest(s?.conditions, created),
    ...(detail ? { detail } : {}),
  };
}

const dash = (n: number | undefined) => (n === undefined ? "-" : String(n));

/**
 * The table for a terminal, then a line per row that is not Ready saying why, then `note` (pure).
 * With `namespaces` (status -A), a NAMESPACE column first, and the lines name the namespace too.
 */
export function formatStatus(
  rows: readonly StatusRow[],
  now: number,
  namespaces = false,
  /** A line about them all (controllerNote). */
  note?: string,
): string[] {
  const header = [
    "API",
    "KIND",
    "STATUS",
    "READY",
    "REQUESTED",
    "UP-TO-DATE",
    "REVISION",
    "LAST CHANGE",
    "ENDPOINT",
  ];
  const body = rows.map((r) => [
    ...(namespaces ? [r.namespace] : []),
    r.name,
    r.kind,
    r.status,
    dash(r.ready),
    dash(r.requested),
    dash(r.upToDate),
    dash(r.revision),
    r.lastChange ? `${age(now - Date.parse(r.lastChange))} ago` : "-",
    r.endpoint,
  ]);
  const table = [namespaces ? ["NAMESPACE", ...header] : header, ...body];
  const details = rows.flatMap((r) =>
    r.detail ? [`${namespaces ? `${r.namespace}/` : ""}${r.name}: ${r.detail}`] : [],
  );
  if (note !== undefined) details.push(note);
  return [...alignColumns(table), ...(details.length > 0 ? ["", ...details] : [])];
}

export interface StatusOptions extends ClusterOptions {
  /** Only these APIs; all in the namespace when empty. */
  names?: readonly string[];
  /** Every namespace (status -A): `namespace` is then not used. */
  allNamespaces?: boolean;
  /** The controller's leader Lease (tests use their own). */
  controllerLease?: LeaseRef | undefined;
}

/**
 * When some row is Pending and the controller's Lease says none runs, the line that says so;
 * else undefined. The Lease is read only when a row is Pending.
 */
export async function controllerNote(
  client: KubeClient,
  rows: readonly StatusRow[],
  lease: LeaseRef = CONTROLLER_LEASE,
): Promise<string | undefined> {
  if (!rows.some((r) => r.status === "Pending")) return undefined;
  const presence = await checkController(client, lease);
  return presence.state === "none" ? noControllerLine(presence.why, "Pending APIs") : undefined;
}

export async function status(opts: StatusOptions): Promise<StatusRow[]> {
  return withClient(opts, async (client) => {
    const live = await readLive(client, opts.allNamespaces ? undefined : opts.namespace);
    const wanted = new Set(opts.names ?? []);
    return live
      .filter((o) => wanted.size === 0 || wanted.has(o.metadata.name))
      .map(statusRow)
      .sort(
        (a, b) =>
          a.namespace.localeCompare(b.namespace) ||
          a.name.localeCompare(b.name) ||
          a.kind.localeCompare(b.kind),
      );
  });
}

/** What to say when there is nothing to show: a namespace with no APIs, or no namespace at all. */
export function nothingToShow(namespace: string, state: NamespaceState): string {
  if (state === "missing") return `namespace ${namespace} does not exist`;
  if (state === "terminating") return `namespace ${namespace} is being deleted (Terminating)`;
  return `no APIs in namespace ${namespace}`;
}
