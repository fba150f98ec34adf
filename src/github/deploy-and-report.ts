// Deploy into one namespace and describe the result, shared by the push deploy and the preview:
// upload + apply (the CLI's deploy, not waiting), then wait for the rollouts, then read each API's
// status for its revision and replicas. Each step is a timed phase and a log group.
import * as core from "@actions/core";
import { endpointUrl } from "../commands/action-steps.ts";
import { type Reporter, s3EndpointFromEnv } from "../commands/common.ts";
import {
  type DeployedApi,
  type DeployOptions,
  type DeployResult,
  deploy,
  joinFailures,
  waitAndExplain,
} from "../commands/deploy.ts";
import { type StatusRow, status } from "../commands/status.ts";
import type { ApiConfig, CortexConfig } from "../config/index.ts";
import type { KubeClient } from "../kube/client.ts";
import type { GitMetadata } from "../kube/git-meta.ts";
import { type ActionInputs, pathStyleWarning } from "./inputs.ts";
import type { PhaseClock } from "./phases.ts";
import type { ApiReport } from "./run-report.ts";

export const actionReporter: Reporter = {
  info: (l) => core.info(l),
  warn: (l) => core.warning(l),
};

const CHANGE: Record<DeployedApi["action"], string> = {
  create: "created",
  update: "configured",
  unchanged: "up to date",
};

/**
 * The revision this run deployed, or undefined: never another run's. The status read after the
 * run names the live revision, which is this run's only for an API it left as it was (and no one
 * changed since); an API it wrote has its revision from the wait, or none without one.
 */
export function reportedRevision(api: DeployedApi, row: StatusRow | undefined): number | undefined {
  if (api.revision !== undefined || api.superseded) return api.revision;
  return api.action === "unchanged" ? row?.revision : undefined;
}

/** One row of the report for an API: the config's replica bounds, the cluster's counts. */
export function apiReport(
  api: DeployedApi,
  row: StatusRow | undefined,
  config: ApiConfig | undefined,
  url: string,
  change = api.retried ? "retried" : CHANGE[api.action],
): ApiReport {
  const bounds =
    config?.kind === "RealtimeAPI"
      ? {
          min: config.autoscaling.min_replicas,
          max: config.autoscaling.max_replicas,
          init: config.autoscaling.init_replicas,
        }
      : undefined;
  const counts =
    row && (row.ready !== undefined || row.requested !== undefined)
      ? { ready: row.ready, desired: row.requested }
      : undefined;
  return {
    name: api.name,
    kind: api.kind,
    action: api.action,
    change,
    state: api.state,
    revision: reportedRevision(api, row),
    replicas: bounds || counts ? { ...bounds, ...counts } : undefined,
    endpoint: url,
  };
}

/** Reads the APIs' status after a deploy or rollback (best effort: a failure only costs rows). */
export async function describeApis(
  client: KubeClient,
  namespace: string,
  apis: readonly DeployedApi[],
  config: CortexConfig | undefined,
  template: string,
  change?: (api: DeployedApi) => string,
): Promise<ApiReport[]> {
  const rows = await status({ client, namespace, names: apis.map((a) => a.name) }).catch(
    () => [] as StatusRow[],
  );
  return apis.map((api) =>
    apiReport(
      api,
      rows.find((r) => r.name === api.name && r.kind === api.kind),
      config?.apis.find((c) => c.name === api.name),
      endpointUrl(template, { namespace, name: api.name, endpoint: api.endpoint }),
      change?.(api),
    ),
  );
}

export interface DeployAndReport {
  result: DeployResult | undefined;
  apis: ApiReport[];
  failure: string | undefined;
}

export async function deployAndReport(opts: {
  client: KubeClient;
  inputs: ActionInputs;
  config: CortexConfig;
  namespace: string;
  git?: GitMetadata | undefined;
  clock: PhaseClock;
  /** A cancelled job: uploads abort, nothing new is applied, the wait ends. */
  signal?: AbortSignal | undefined;
  /** See DeployOptions.prepareNamespace. */
  prepareNamespace?: ((client: KubeClient) => Promise<boolean>) | undefined;
  /** See DeployOptions.splitterMaxReplicas. */
  splitterMaxReplicas?: number | undefined;
  /** See DeployOptions.checkLive. */
  checkLive?: DeployOptions["checkLive"];
  /** See DeployOptions.onUploaded. */
  onUploaded?: DeployOptions["onUploaded"];
}): Promise<DeployAndReport> {
  const { client, inputs, config, namespace, clock } = opts;
  const endpoint = s3EndpointFromEnv(inputs.s3Endpoint, process.env);
  const pathStyle = pathStyleWarning(inputs.s3ForcePathStyle, endpoint);
  if (pathStyle) core.warning(pathStyle);
  const result = await clock.time(
    "upload + apply",
    () =>
      deploy({
        client,
        namespace,
        bucket: inputs.bucket || undefined,
        prefix: inputs.prefix,
        region: inputs.awsRegion || undefined,
        endpoint,
        forcePathStyle: inputs.s3ForcePathStyle,
        uploadConcurrency: inputs.uploadConcurrency,
        wait: false,
        timeoutSeconds: inputs.timeoutSeconds,
        prune: inputs.prune,
        forceConflicts: inputs.forceConflicts,
        configId: inputs.configId,
        config,
        git: opts.git,
        log: actionReporter,
        signal: opts.signal,
        prepareNamespace: opts.prepareNamespace,
        splitterMaxReplicas: opts.splitterMaxReplicas,
        checkLive: opts.checkLive,
        onUploaded: opts.onUploaded,
      }),
    true,
  );
  // Set when a prune failed after the apply went through: the rollouts are waited for all the same.
  let failure = result.failure;
  if (inputs.wait) {
    const waited = await clock.time(
      "wait for rollout",
      () =>
        waitAndExplain(
          client,
          {
            namespace,
            timeoutSeconds: inputs.timeoutSeconds,
            log: actionReporter,
            signal: opts.signal,
          },
          result.apis,
        ),
      true,
    );
    failure = joinFailures(waited, failure);
  }
  const apis = await describeApis(
    client,
    namespace,
    result.apis,
    config,
    inputs.endpointUrlTemplate,
  );
  return { result, apis, failure };
}
