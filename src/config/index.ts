// cortex.yaml loading and validation: the public surface other modules use.

export { canonicalMount } from "./defaults.ts";
export { parseDuration } from "./duration.ts";
export {
  type ConfigError,
  countProblems,
  describeConfigError,
  formatConfigError,
  sortConfigErrors,
} from "./errors.ts";
export { loadConfigFile, parseConfig } from "./load.ts";
export { type ConfigPath, formatPath } from "./path.ts";
export { MAX_CONFIG_BYTES } from "./precheck.ts";
export type {
  ApiConfig,
  Artifact,
  AsyncApiConfig,
  Autoscaling,
  BatchApiConfig,
  Compute,
  Container,
  CortexConfig,
  Kind,
  LoadResult,
  Networking,
  PreStop,
  Probe,
  RealtimeApiConfig,
  RealtimeContainer,
  TaskApiConfig,
  TrafficSplit,
  TrafficSplitterConfig,
  UpdateStrategy,
} from "./types.ts";
export { KINDS } from "./types.ts";
