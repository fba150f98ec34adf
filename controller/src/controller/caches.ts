// The informers the controller reads from, what each keeps of its objects, and how an event on a
// derived object maps back to the RealtimeAPI or TrafficSplitter it belongs to.
import { createHash } from "node:crypto";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  LABELS,
  MANAGED_BY,
  type RealtimeApiStatus,
  type TrafficSplitterStatus,
} from "../../../src/kube/resource.ts";
import type { Logger } from "../lib/log.ts";
import { Informer } from "./kube/informer.ts";
import { RESOURCES, resourcePath } from "./kube/paths.ts";
import type {
  ControllerRevision,
  Deployment,
  KubeObject,
  ManagedFieldsEntry,
  Pod,
  Service,
} from "./kube/types.ts";
import { SPLITTER_LABEL } from "./names.ts";

export interface RealtimeApiObject extends KubeObject {
  spec?: unknown;
  status?: RealtimeApiStatus;
}

export interface TrafficSplitterObject extends KubeObject {
  spec?: unknown;
  status?: TrafficSplitterStatus;
}

export interface Caches {
  apis: Informer<RealtimeApiObject>;
  splitters: Informer<TrafficSplitterObject>;
  deployments: Informer<Deployment>;
  pods: Informer<Pod>;
  revisions: Informer<ControllerRevision>;
  services: Informer<Service>;
}

/** `namespace/<value of label>` of a derived object: the key of what it was derived from. */
function keyFromLabel(obj: KubeObject, label: string): string | undefined {
  const owner = obj.metadata.labels?.[label];
  return owner === undefined || obj.metadata.namespace === undefined
    ? undefined
    : `${obj.metadata.namespace}/${owner}`;
}

/** `namespace/api` of an object derived from a RealtimeAPI. */
export const apiKeyOf = (obj: KubeObject): string | undefined => keyFromLabel(obj, LABELS.api);

/** `namespace/splitter` of an object derived from a TrafficSplitter. */
export const splitterKeyOf = (obj: KubeObject): string | undefined =>
  keyFromLabel(obj, SPLITTER_LABEL);

function withoutManagedFields<T extends KubeObject>(obj: T): T {
  if (obj.metadata.managedFields === undefined) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

// What the slim copies leave out (the pod template, the Service's spec) is still fingerprinted, so
// a change someone else makes there (`kubectl edit`) is noticed on its event and repaired at once,
// not at the next resync. A WeakMap keeps the fingerprint beside the object without a fake field.
const fingerprints = new WeakMap<KubeObject, string>();

function fingerprint(obj: KubeObject, value: unknown): void {
  if (value === undefined) return;
  const digest = createHash("sha1").update(JSON.stringify(value)).digest("base64");
  fingerprints.set(obj, digest);
}

/**
 * Whether the part of a derived object that the controller writes but the cache leaves out (a
 * Deployment's spec apart from replicas, a Service's spec) differs between two cached copies.
 */
export function desiredPartChanged(old: KubeObject | undefined, obj: KubeObject): boolean {
  return old !== undefined && fingerprints.get(old) !== fingerprints.get(obj);
}

/**
 * What the controller reads of a Deployment: metadata (with only who owns spec.replicas, which
 * render/replicas.ts reads), replicas, strategy and status. The pod template, the bulk of the
 * object, is left out: the applied-hash annotation says whether it is current.
 */
export function slimDeployment(d: Deployment): Deployment {
  const owners: ManagedFieldsEntry[] = [];
  for (const e of d.metadata.managedFields ?? []) {
    const spec = e.fieldsV1?.["f:spec"];
    if (typeof spec === "object" && spec !== null && "f:replicas" in spec) {
      owners.push({
        ...(e.manager === undefined ? {} : { manager: e.manager }),
        ...(e.operation === undefined ? {} : { operation: e.operation }),
        fieldsV1: { "f:spec": { "f:replicas": {} } },
      });
    }
  }
  const out: Deployment = { ...d, metadata: { ...d.metadata, managedFields: owners } };
  if (d.spec !== undefined) {
    const { template: _template, ...spec } = d.spec;
    out.spec = spec;
    // Replicas are the autoscaler's to change; anything else in the spec is ours.
    fingerprint(out, { ...d.spec, replicas: undefined });
  }
  return out;
}

/** The conditions the controller reads of a pod (scheduling and readiness). */
const POD_CONDITIONS = new Set(["PodScheduled", "Ready"]);

/**
 * What the controller reads of a pod: name, labels, deletion, IP, phase, the scheduling and
 * readiness conditions, and container statuses. Spec, annotations, owner references and managed
 * fields stay out: with 1,000 APIs, pods are the largest cache.
 */
export function slimPod(p: Pod): Pod {
  const m = p.metadata;
  const metadata: Pod["metadata"] = { name: m.name };
  if (m.namespace !== undefined) metadata.namespace = m.namespace;
  if (m.resourceVersion !== undefined) metadata.resourceVersion = m.resourceVersion;
  if (m.labels !== undefined) metadata.labels = m.labels;
  if (m.deletionTimestamp !== undefined) metadata.deletionTimestamp = m.deletionTimestamp;
  const out: Pod = { metadata };
  const st = p.status;
  if (st !== undefined) {
    const status: NonNullable<Pod["status"]> = {};
    if (st.phase !== undefined) status.phase = st.phase;
    if (st.podIP !== undefined) status.podIP = st.podIP;
    const conditions = st.conditions?.filter((c) => POD_CONDITIONS.has(c.type));
    if (conditions !== undefined) status.conditions = conditions;
    if (st.containerStatuses !== undefined) status.containerStatuses = st.containerStatuses;
    if (st.initContainerStatuses !== undefined)
      status.initContainerStatuses = st.initContainerStatuses;
    out.status = status;
  }
  return out;
}

/** What the controller reads of a Service: whether it exists and what it last applied. */
export function slimService(s: Service): Service {
  const { managedFields: _m, ...metadata } = s.metadata;
  const out: Service = { metadata };
  fingerprint(out, s.spec);
  return out;
}

export function createCaches(client: KubeClient, log: Logger, namespace?: string): Caches {
  const managed = `${LABELS.managedBy}=${MANAGED_BY}`;
  const index = (o: KubeObject) => apiKeyOf(o);
  return {
    apis: new Informer<RealtimeApiObject>({
      client,
      log,
      path: resourcePath(RESOURCES.realtimeApis, namespace),
      transform: withoutManagedFields,
    }),
    splitters: new Informer<TrafficSplitterObject>({
      client,
      log,
      path: resourcePath(RESOURCES.trafficSplitters, namespace),
      transform: withoutManagedFields,
    }),
    deployments: new Informer<Deployment>({
      client,
      log,
      path: resourcePath(RESOURCES.deployments, namespace),
      labelSelector: managed,
      transform: slimDeployment,
    }),
    pods: new Informer<Pod>({
      client,
      log,
      path: resourcePath(RESOURCES.pods, namespace),
      labelSelector: LABELS.api,
      transform: slimPod,
      indexBy: index,
    }),
    revisions: new Informer<ControllerRevision>({
      client,
      log,
      path: resourcePath(RESOURCES.controllerRevisions, namespace),
      labelSelector: managed,
      transform: withoutManagedFields,
      indexBy: index,
    }),
    services: new Informer<Service>({
      client,
      log,
      path: resourcePath(RESOURCES.services, namespace),
      labelSelector: managed,
      transform: slimService,
    }),
  };
}

export function startCaches(c: Caches): void {
  for (const i of Object.values(c)) (i as Informer<KubeObject>).start();
}

export async function stopCaches(c: Caches): Promise<void> {
  await Promise.all(Object.values(c).map((i) => (i as Informer<KubeObject>).stop()));
}

export function cachesSynced(c: Caches): boolean {
  return Object.values(c).every((i) => (i as Informer<KubeObject>).hasSynced());
}

/**
 * The cache that has heard nothing from the API server for longer than `maxSilenceMs` (its watch
 * is dead or cannot reconnect), with how long; undefined when every cache hears it.
 */
export function silentCache(
  c: Caches,
  maxSilenceMs: number,
): { name: string; silentMs: number } | undefined {
  for (const [name, informer] of Object.entries(c)) {
    const silentMs = (informer as Informer<KubeObject>).silentForMs();
    if (silentMs > maxSilenceMs) return { name, silentMs };
  }
  return undefined;
}
