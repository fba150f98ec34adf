// The `controller` command's flags (environment fallbacks for the in-cluster Deployment).
import type { FlagSpec } from "../lib/flags.ts";

export const DEFAULT_IMAGE = "ghcr.io/cortex-deploy/controller:0.1.0";

export const controllerFlags = {
  kubeconfig: {
    type: "string",
    env: "KUBECONFIG",
    help: "kubeconfig file; in-cluster service account when unset",
  },
  namespace: {
    type: "string",
    env: "CORTEX_WATCH_NAMESPACE",
    help: "watch only this namespace (all namespaces when unset)",
  },
  image: {
    type: "string",
    env: "CORTEX_CONTROLLER_IMAGE",
    default: DEFAULT_IMAGE,
    help: "image of the proxy sidecar and the downloader init container (this controller's own)",
  },
  metricsPort: {
    type: "int",
    env: "CORTEX_METRICS_PORT",
    default: 9090,
    min: 0,
    max: 65535,
    help: "port of /metrics, /healthz and /readyz (0 picks a free port)",
  },
  metricsHost: { type: "string", default: "0.0.0.0", help: "address the metrics port listens on" },
  workers: { type: "int", default: 8, min: 1, max: 64, help: "reconciles running at once" },
  revisionHistoryLimit: {
    type: "int",
    default: 10,
    min: 1,
    max: 1000,
    help: "ControllerRevisions kept per API (the last Ready one is always kept)",
  },
  autoscaleInterval: { type: "duration", default: 2000, help: "autoscaling decision tick" },
  scrapeInterval: { type: "duration", default: 1000, help: "how often proxies are scraped" },
  scrapeTimeout: { type: "duration", default: 800, help: "timeout of one proxy scrape" },
  metricsUnavailableAfter: {
    type: "duration",
    default: 60_000,
    help: "an API whose proxies cannot be read this long is reported Degraded (MetricsUnavailable)",
  },
  leaderElect: {
    type: "boolean",
    default: true,
    help: "campaign for a Lease; act only while holding it",
  },
  leaderElectionNamespace: {
    type: "string",
    env: "POD_NAMESPACE",
    default: "default",
    help: "namespace of the leader Lease",
  },
  leaderElectionName: {
    type: "string",
    default: "cortex-deploy-controller",
    help: "name of the leader Lease",
  },
  identity: {
    type: "string",
    env: "POD_NAME",
    help: "this replica's identity in the Lease (default host-pid)",
  },
  leaseDuration: {
    type: "duration",
    default: 12_000,
    help: "how long a Lease holds without renewal",
  },
  renewDeadline: {
    type: "duration",
    default: 8_000,
    help: "a leader that cannot renew this long stops acting",
  },
  retryPeriod: { type: "duration", default: 2_000, help: "interval of Lease reads and renewals" },
  crashRestarts: {
    type: "int",
    default: 3,
    min: 1,
    help: "restarts after which a new pod's container counts as crash-looping (CrashLoopBackOff counts at once)",
  },
  unschedulableTimeout: {
    type: "duration",
    default: 180_000,
    help: "how long a new pod may stay unschedulable (a cluster autoscaler may add a node) before the rollout fails",
  },
  terminationGracePeriod: {
    type: "duration",
    default: 60_000,
    help: "pods' terminationGracePeriodSeconds (the proxy drains within it)",
  },
  splitterReplicas: {
    type: "int",
    default: 2,
    min: 1,
    max: 100,
    help: "pods of each TrafficSplitter's Deployment (they route its requests, so more than one)",
  },
  nodeGroupLabel: {
    type: "string",
    default: "alpha.eksctl.io/nodegroup-name",
    help: "node label that names a node group (cortex.yaml's node_groups)",
  },
  resyncPeriod: {
    type: "duration",
    default: 600_000,
    help: "interval at which every API is reconciled and its objects re-applied (drift repair)",
  },
  retryBase: {
    type: "duration",
    default: 200,
    help: "first retry delay of a failed reconcile (doubles per failure)",
  },
  retryMax: {
    type: "duration",
    default: 300_000,
    help: "longest retry delay of a failed reconcile",
  },
} as const satisfies Record<string, FlagSpec>;
