// The typed, fully defaulted config. Field names mirror cortex.yaml exactly (snake_case), so an
// API can be rendered into a custom resource unchanged. Defaults whose meaning is "none" are null.

import type { ConfigError } from "./errors.ts";

export type Kind = "RealtimeAPI" | "AsyncAPI" | "BatchAPI" | "TaskAPI" | "TrafficSplitter";

export const KINDS: readonly Kind[] = [
  "RealtimeAPI",
  "AsyncAPI",
  "BatchAPI",
  "TaskAPI",
  "TrafficSplitter",
];

export interface HttpGetHandler {
  /** [/] */
  path: string;
  port: number;
}

export interface TcpSocketHandler {
  port: number;
}

export interface ExecHandler {
  command: string[];
}

/** Exactly one of http_get, tcp_socket, exec is non-null. */
export interface Probe {
  http_get: HttpGetHandler | null;
  tcp_socket: TcpSocketHandler | null;
  /** Never set on AsyncAPI/BatchAPI readiness probes (the key is absent there). */
  exec?: ExecHandler | null;
  initial_delay_seconds: number;
  timeout_seconds: number;
  period_seconds: number;
  success_threshold: number;
  failure_threshold: number;
}

/** Exactly one of http_get, exec is non-null. */
export interface PreStop {
  http_get: HttpGetHandler | null;
  exec: ExecHandler | null;
}

/** Quantities stay as the user wrote them (numbers become strings): "200m", "1", "2.5Gi". */
export interface Compute {
  /** [200m]; null means no CPU request. */
  cpu: string | null;
  /** [null] no memory request. */
  mem: string | null;
  gpu: number;
  inf: number;
  /** [null] no /dev/shm volume. */
  shm: string | null;
}

interface ContainerBase {
  name: string;
  image: string;
  env: Record<string, string>;
  command: string[] | null;
  args: string[] | null;
  compute: Compute;
  liveness_probe: Probe | null;
}

export interface RealtimeContainer extends ContainerBase {
  readiness_probe: Probe | null;
  pre_stop: PreStop | null;
}
export type AsyncContainer = RealtimeContainer;
export interface BatchContainer extends ContainerBase {
  command: string[];
  readiness_probe: Probe | null;
}
export interface TaskContainer extends ContainerBase {
  command: string[];
}
export type Container = RealtimeContainer | BatchContainer | TaskContainer;

export interface Autoscaling {
  min_replicas: number;
  max_replicas: number;
  /** Defaults to min_replicas. */
  init_replicas: number;
  /** Defaults to pod.max_concurrency. */
  target_in_flight: number;
  /** Go durations, as written: window [60s], stabilization periods [5m] and [1m]. */
  window: string;
  downscale_stabilization_period: string;
  upscale_stabilization_period: string;
  max_downscale_factor: number;
  max_upscale_factor: number;
  downscale_tolerance: number;
  upscale_tolerance: number;
  /** Extension: [6s]; "0s" turns panic mode off. */
  panic_window: string;
  /** Extension: [2.0]. */
  panic_threshold: number;
}

export interface UpdateStrategy {
  /** An integer, or a percentage string "N%". [25%] */
  max_surge: number | string;
  max_unavailable: number | string;
  /** Extension: [10m]. */
  progress_deadline: string;
}

export interface Networking {
  /** Canonical: starts with "/", no trailing "/". Defaults to /<name>. */
  endpoint: string;
}

/** Extension: files to ship to the pod. */
export interface Artifact {
  /** A file, folder or glob relative to cortex.yaml's folder. */
  path: string;
  /** [/mnt/artifacts] */
  mount: string;
}

export interface RealtimePod {
  port: number;
  max_concurrency: number;
  max_queue_length: number;
  containers: RealtimeContainer[];
}
export interface AsyncPod {
  port: number;
  max_concurrency: number;
  containers: AsyncContainer[];
}
export interface BatchPod {
  port: number;
  containers: BatchContainer[];
}
export interface TaskPod {
  containers: TaskContainer[];
}

export interface RealtimeApiConfig {
  kind: "RealtimeAPI";
  name: string;
  pod: RealtimePod;
  node_groups: string[] | null;
  networking: Networking;
  autoscaling: Autoscaling;
  update_strategy: UpdateStrategy;
  artifacts: Artifact[];
}

export interface AsyncApiConfig {
  kind: "AsyncAPI";
  name: string;
  pod: AsyncPod;
  node_groups: string[] | null;
  networking: Networking;
  autoscaling: Autoscaling;
  update_strategy: UpdateStrategy;
  artifacts: Artifact[];
}

export interface BatchApiConfig {
  kind: "BatchAPI";
  name: string;
  pod: BatchPod;
  node_groups: string[] | null;
  networking: Networking;
  artifacts: Artifact[];
}

export interface TaskApiConfig {
  kind: "TaskAPI";
  name: string;
  pod: TaskPod;
  node_groups: string[] | null;
  networking: Networking;
  artifacts: Artifact[];
}

export interface TrafficSplit {
  name: string;
  weight: number;
  /** [false] */
  shadow: boolean;
}

export interface TrafficSplitterConfig {
  kind: "TrafficSplitter";
  name: string;
  apis: TrafficSplit[];
  networking: Networking;
}

export type ApiConfig =
  | RealtimeApiConfig
  | TrafficSplitterConfig
  | AsyncApiConfig
  | BatchApiConfig
  | TaskApiConfig;

export interface CortexConfig {
  /** Path as given. */
  file: string;
  /** Absolute folder of the file; artifacts are relative to it. */
  dir: string;
  /** In file order. */
  apis: ApiConfig[];
  /** Line and column of the node at `path`, e.g. [0,"artifacts",1,"path"]; nearest existing node. */
  locate(path: readonly (string | number)[]): { line: number; column: number };
  /** Whether the file writes the field at `path` (a default filled in does not count). */
  written(path: readonly (string | number)[]): boolean;
}

/**
 * The loaded config or its errors; either way the warnings, in file order (things Cortex accepts
 * that are most likely slips, such as a key written twice).
 */
export type LoadResult =
  | { ok: true; config: CortexConfig; warnings: ConfigError[] }
  | { ok: false; errors: ConfigError[]; warnings: ConfigError[] };
