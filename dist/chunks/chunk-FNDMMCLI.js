import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  CONTROLLER_LEASE,
  checkController,
  noControllerLine
} from "./chunk-UWZLKIEG.js";
import {
  age
} from "./chunk-JV4CEZL6.js";
import {
  describeCondition,
  getCondition,
  isSettledPhase,
  readLive,
  rolloutProgress,
  splitterProgress
} from "./chunk-BSK7IOA7.js";
import {
  alignColumns
} from "./chunk-VP4HWAEJ.js";
import {
  withClient
} from "./chunk-ZF2MBM3L.js";

// src/commands/status.ts
function latest(conditions, fallback) {
  const times = (conditions ?? []).map((c) => c.lastTransitionTime).filter((t) => t);
  return times.sort().at(-1) ?? fallback;
}
function shownPhase(phase, conditions) {
  if (!isSettledPhase(phase)) return phase;
  if (getCondition(conditions, "Degraded")?.status === "True") return "Degraded";
  return getCondition(conditions, "Ready")?.status === "False" ? "NotReady" : phase;
}
function detailOf(status2, conditions, progress) {
  if (status2 === "Ready") return void 0;
  if (status2 === "NotReady" || status2 === "Degraded") {
    const degraded = getCondition(conditions, "Degraded");
    return describeCondition(
      degraded?.status === "True" ? degraded : getCondition(conditions, "Ready")
    );
  }
  return progress;
}
function statusRow(o) {
  const created = o.metadata.creationTimestamp;
  if (o.kind === "TrafficSplitter") {
    const status3 = shownPhase(o.status?.phase, o.status?.conditions) ?? "-";
    const detail2 = detailOf(status3, o.status?.conditions, splitterProgress(o).message);
    return {
      kind: o.kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace ?? "",
      status: status3,
      ready: void 0,
      requested: void 0,
      upToDate: void 0,
      revision: void 0,
      endpoint: o.spec.networking.endpoint,
      lastChange: latest(o.status?.conditions, created),
      ...detail2 ? { detail: detail2 } : {}
    };
  }
  const s = o.status;
  const progress = rolloutProgress(o);
  const status2 = progress.state === "pending" ? "Pending" : shownPhase(s?.phase, s?.conditions) ?? (progress.state === "ready" ? "Ready" : "Progressing");
  const detail = detailOf(status2, s?.conditions, progress.message);
  return {
    kind: o.kind,
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? "",
    status: status2,
    ready: s?.readyReplicas,
    requested: s?.desiredReplicas,
    upToDate: s?.updatedReplicas,
    revision: s?.currentRevision,
    endpoint: s?.endpoint ?? o.spec.networking.endpoint,
    lastChange: latest(s?.conditions, created),
    ...detail ? { detail } : {}
  };
}
var dash = (n) => n === void 0 ? "-" : String(n);
function formatStatus(rows, now, namespaces = false, note) {
  const header = [
    "API",
    "KIND",
    "STATUS",
    "READY",
    "REQUESTED",
    "UP-TO-DATE",
    "REVISION",
    "LAST CHANGE",
    "ENDPOINT"
  ];
  const body = rows.map((r) => [
    ...namespaces ? [r.namespace] : [],
    r.name,
    r.kind,
    r.status,
    dash(r.ready),
    dash(r.requested),
    dash(r.upToDate),
    dash(r.revision),
    r.lastChange ? `${age(now - Date.parse(r.lastChange))} ago` : "-",
    r.endpoint
  ]);
  const table = [namespaces ? ["NAMESPACE", ...header] : header, ...body];
  const details = rows.flatMap(
    (r) => r.detail ? [`${namespaces ? `${r.namespace}/` : ""}${r.name}: ${r.detail}`] : []
  );
  if (note !== void 0) details.push(note);
  return [...alignColumns(table), ...details.length > 0 ? ["", ...details] : []];
}
async function controllerNote(client, rows, lease = CONTROLLER_LEASE) {
  if (!rows.some((r) => r.status === "Pending")) return void 0;
  const presence = await checkController(client, lease);
  return presence.state === "none" ? noControllerLine(presence.why, "Pending APIs") : void 0;
}
async function status(opts) {
  return withClient(opts, async (client) => {
    const live = await readLive(client, opts.allNamespaces ? void 0 : opts.namespace);
    const wanted = new Set(opts.names ?? []);
    return live.filter((o) => wanted.size === 0 || wanted.has(o.metadata.name)).map(statusRow).sort(
      (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind)
    );
  });
}
function nothingToShow(namespace, state) {
  if (state === "missing") return `namespace ${namespace} does not exist`;
  if (state === "terminating") return `namespace ${namespace} is being deleted (Terminating)`;
  return `no APIs in namespace ${namespace}`;
}

export {
  statusRow,
  formatStatus,
  controllerNote,
  status,
  nothingToShow
};
