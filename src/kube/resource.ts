// The custom resources cortex-deploy applies and the controller reconciles: their group, names,
// labels, annotations, spec and status, defined once for the CLI, the Action and the controller.
import type { RealtimeApiConfig, TrafficSplitterConfig } from "../config/index.ts";

export const GROUP = "cortexdeploy.dev";
export const VERSION = "v1alpha1";
export const API_VERSION = `${GROUP}/${VERSION}`;
export const FIELD_MANAGER = "cortex-deploy";
export const CONTROLLER_FIELD_MANAGER = "cortex-deploy-controller";

export const PLURAL = { RealtimeAPI: "realtimeapis", TrafficSplitter: "trafficsplitters" } as const;
export type ResourceKind = keyof typeof PLURAL;

export const LABELS = {
  managedBy: "app.kubernetes.io/managed-by",
  name: "app.kubernetes.io/name",
  instance: "app.kubernetes.io/instance",
  component: "app.kubernetes.io/component",
  /** Identifies the cortex.yaml that created a resource, so prune touches only its own. */
  config: "cortexdeploy.dev/config",
  /** The API a derived object (Deployment, Service, pod, ControllerRevision) belongs to. */
  api: "cortexdeploy.dev/api",
  /**
   * On a TrafficSplitter's Deployment, Service and pods: the splitter they belong to. Not the API
   * label, so nothing that looks for an API's objects finds them.
   */
  splitter: "cortexdeploy.dev/traffic-splitter",
  /** On ControllerRevisions: the revision number, for `history`. */
  revision: "cortexdeploy.dev/revision",
  /**
   * On a TrafficSplitter: the most pods its Deployment runs (previews cap it with
   * `preview-replicas`); the controller runs the lesser of this and its --splitter-replicas.
   */
  maxReplicas: "cortexdeploy.dev/max-replicas",
} as const;

export const MANAGED_BY = "cortex-deploy";

/**
 * The Secret the pods' downloader reads S3 credentials from, in the API's namespace (optional:
 * IRSA or node roles work too). Previews copy it from their base namespace.
 */
export const ARTIFACTS_SECRET = "cortex-deploy-artifacts";

export const ANNOTATIONS = {
  commit: "cortexdeploy.dev/commit",
  ref: "cortexdeploy.dev/ref",
  runUrl: "cortexdeploy.dev/run-url",
  actor: "cortexdeploy.dev/actor",
  /** SHA-256 of the rendered spec; equal hashes mean no write is needed. */
  specHash: "cortexdeploy.dev/spec-hash",
  /** On ControllerRevisions: Ready, Failed or RolledBack, and why. */
  result: "cortexdeploy.dev/result",
  resultMessage: "cortexdeploy.dev/result-message",
  /** On ControllerRevisions: when the latest rollout of this spec started. */
  rolloutStartedAt: "cortexdeploy.dev/rollout-started-at",
  /** The cortex.yaml a resource came from, relative to its repository (for people; the config
   * label holds its hash). */
  configPath: "cortexdeploy.dev/config-path",
  /**
   * Set by `rollback` on the RealtimeAPIs it writes, and copied by the controller onto the
   * revision it then rolls out: the number of the revision whose spec was re-applied, who rolled
   * back and from which run. The commit, ref, actor and run-url annotations stay that revision's
   * (its code is what runs), so without these a rollback looks like the original deploy. A deploy
   * does not send them, which removes them (the same field manager applies both).
   */
  rollbackOf: "cortexdeploy.dev/rollback-of",
  rolledBackBy: "cortexdeploy.dev/rolled-back-by",
  rollbackRunUrl: "cortexdeploy.dev/rollback-run-url",
} as const;

/** Where the pod's downloader finds the API's artifacts (S3 layout in DESIGN.md). */
export interface ArtifactsRef {
  bucket: string;
  prefix: string;
  /** SHA-256 hex of the manifest: `<prefix>/manifests/sha256/<manifest>.json`. */
  manifest: string;
  /** Folders the pod mounts, so the controller can create the volumes before download. */
  mounts: string[];
  region?: string;
  endpoint?: string;
  force_path_style?: boolean;
}

/** The RealtimeAPI spec: the defaulted cortex.yaml entry (its field names unchanged) minus
 * kind and name, with `artifacts` replaced by a reference to the uploaded manifest. */
export type RealtimeApiSpec = Omit<RealtimeApiConfig, "kind" | "name" | "artifacts"> & {
  artifacts?: ArtifactsRef;
  /** Set by a deploy that retries a Failed or RolledBack spec (see specIdentity). */
  retry?: number;
};

/**
 * A spec without `retry`. A deploy that finds the current spec Failed or RolledBack sets
 * `spec.retry` to the next number, so the same spec rolls out again as a new generation (with
 * fresh pods). It is not part of cortex.yaml nor of the spec's identity: the deploy's spec hash
 * and the controller's revision records leave it out, so a retried spec stays the same revision.
 */
export function specIdentity(spec: unknown): unknown {
  if (spec === null || typeof spec !== "object" || !("retry" in spec)) return spec;
  const { retry: _retry, ...rest } = spec as Record<string, unknown>;
  return rest;
}

export type TrafficSplitterSpec = Omit<TrafficSplitterConfig, "kind" | "name">;

export type ConditionType = "Ready" | "Progressing" | "Degraded" | "RolledBack";
export type ConditionStatus = "True" | "False" | "Unknown";

export interface Condition {
  type: ConditionType;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface RealtimeApiStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  /** Pods of the API, all revisions. */
  replicas?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  /** What the autoscaler asks for. */
  desiredReplicas?: number;
  /** ControllerRevision number of the spec being rolled out or running. */
  currentRevision?: number;
  /** ControllerRevision number of the last spec that became Ready. */
  lastReadyRevision?: number;
  endpoint?: string;
  /** One word for printer columns: Ready, NotReady, Progressing, Failed, RolledBack. */
  phase?: string;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  generation?: number;
  resourceVersion?: string;
  uid?: string;
  creationTimestamp?: string;
}

export interface RealtimeApiResource {
  apiVersion: typeof API_VERSION;
  kind: "RealtimeAPI";
  metadata: ObjectMeta;
  spec: RealtimeApiSpec;
  status?: RealtimeApiStatus;
}

export interface TrafficSplitterStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  endpoint?: string;
  /** One word for printer columns: Ready, Progressing, Pending, Failed. */
  phase?: string;
}

export interface TrafficSplitterResource {
  apiVersion: typeof API_VERSION;
  kind: "TrafficSplitter";
  metadata: ObjectMeta;
  spec: TrafficSplitterSpec;
  status?: TrafficSplitterStatus;
}

export type ApiResource = RealtimeApiResource | TrafficSplitterResource;
