import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/kube/resource.ts
var GROUP = "cortexdeploy.dev";
var VERSION = "v1alpha1";
var API_VERSION = `${GROUP}/${VERSION}`;
var FIELD_MANAGER = "cortex-deploy";
var CONTROLLER_FIELD_MANAGER = "cortex-deploy-controller";
var PLURAL = { RealtimeAPI: "realtimeapis", TrafficSplitter: "trafficsplitters" };
var LABELS = {
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
  maxReplicas: "cortexdeploy.dev/max-replicas"
};
var MANAGED_BY = "cortex-deploy";
var ARTIFACTS_SECRET = "cortex-deploy-artifacts";
var ANNOTATIONS = {
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
  rollbackRunUrl: "cortexdeploy.dev/rollback-run-url"
};
function specIdentity(spec) {
  if (spec === null || typeof spec !== "object" || !("retry" in spec)) return spec;
  const { retry: _retry, ...rest } = spec;
  return rest;
}

export {
  GROUP,
  VERSION,
  API_VERSION,
  FIELD_MANAGER,
  CONTROLLER_FIELD_MANAGER,
  PLURAL,
  LABELS,
  MANAGED_BY,
  ARTIFACTS_SECRET,
  ANNOTATIONS,
  specIdentity
};
