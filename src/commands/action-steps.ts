// The Action's cluster commands (deploy, plan, rollback): the same code as the CLI, with the
// job log as reporter, step outputs (revision, apis, endpoint, namespace, upload counts) and a job
// summary. Imported lazily by action.ts, so `validate` never loads the Kubernetes client.
import * as core from "@actions/core";
import type { CortexConfig } from "../config/index.ts";
import type { ActionInputs } from "../github/inputs.ts";
import { formatPlanMarkdown, formatPlanText, planFailed, summaryLine } from "../kube/plan.ts";
import { failureMessage, type Reporter, s3EndpointFromEnv } from "./common.ts";
import { type DeployedApi, deploy } from "./deploy.ts";
import { plan } from "./plan.ts";
import { rollback } from "./rollback.ts";

const reporter: Reporter = { info: (l) => core.info(l), warn: (l) => core.warning(l) };

/** `{namespace}`, `{name}`, `{endpoint}` (without its leading slash) in the template. */
export function endpointUrl(
  template: string,
  values: { namespace: string; name: string; endpoint: string },
): string {
  if (template === "") return values.endpoint;
  return template
    .replaceAll("{namespace}", values.namespace)
    .replaceAll("{name}", values.name)
    .replaceAll("{endpoint}", values.endpoint.replace(/^\//, ""));
}

function clusterOptions(inputs: ActionInputs) {
  return { namespace: inputs.namespace, kubeconfig: inputs.kubeconfig || undefined };
}

function setApiOutputs(
  inputs: ActionInputs,
  namespace: string,
  apis: readonly DeployedApi[],
): void {
  const url = (a: DeployedApi) => endpointUrl(inputs.endpointUrlTemplate, { namespace, ...a });
  core.setOutput("namespace", namespace);
  core.setOutput(
    "apis",
    JSON.stringify(
      apis.map((a) => ({
        name: a.name,
        kind: a.kind,
        status: a.state ?? (a.action === "unchanged" ? "up to date" : "applied"),
        endpoint: url(a),
        revision: a.revision ?? null,
      })),
    ),
  );
  const first = apis[0];
  core.setOutput("endpoint", first ? url(first) : "");
  const revision = apis.find((a) => a.kind === "RealtimeAPI" && a.revision !== undefined)?.revision;
  core.setOutput("revision", revision === undefined ? "" : String(revision));
}

async function summarize(
  title: string,
  apis: readonly DeployedApi[],
  namespace: string,
  extra: string[],
) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  core.summary.addHeading(title, 2);
  core.summary.addRaw(`Namespace \`${namespace}\`.`, true);
  core.summary.addTable([
    [
      { data: "API", header: true },
      { data: "kind", header: true },
      { data: "change", header: true },
      { data: "status", header: true },
      { data: "revision", header: true },
      { data: "endpoint", header: true },
    ],
    ...apis.map((a) => [
      a.name,
      a.kind,
      a.action === "unchanged" ? "up to date" : a.action,
      a.state ?? "-",
      a.revision === undefined ? "-" : String(a.revision),
      a.endpoint,
    ]),
  ]);
  for (const line of extra) core.summary.addRaw(line, true);
  await core.summary.write();
}

export async function deployStep(inputs: ActionInputs, config: CortexConfig): Promise<void> {
  const result = await deploy({
    ...clusterOptions(inputs),
    bucket: inputs.bucket || undefined,
    prefix: inputs.prefix,
    region: inputs.awsRegion || undefined,
    endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
    forcePathStyle: inputs.s3ForcePathStyle || undefined,
    uploadConcurrency: inputs.uploadConcurrency,
    wait: inputs.wait,
    timeoutSeconds: inputs.timeoutSeconds,
    prune: inputs.prune,
    forceConflicts: false,
    config,
    log: reporter,
  });
  setApiOutputs(inputs, result.namespace, result.apis);
  const up = result.upload;
  core.setOutput("uploaded-files", String(up?.uploadedFiles ?? 0));
  core.setOutput("uploaded-bytes", String(up?.uploadedBytes ?? 0));
  core.setOutput("skipped-files", String(up?.skippedFiles ?? 0));
  const extra = [
    ...(result.pruned.length > 0
      ? [`Pruned: ${result.pruned.map((p) => `\`${p}\``).join(", ")}.`]
      : []),
    ...(up
      ? [`Artifacts: ${up.uploadedFiles} files uploaded, ${up.skippedFiles} already in S3.`]
      : []),
    ...(result.failure ? [`**Failed:** ${result.failure}`] : []),
  ];
  await summarize("cortex-deploy: deploy", result.apis, result.namespace, extra);
  if (result.failure) core.setFailed(`deploy failed: ${result.failure}`);
}

export async function planStep(inputs: ActionInputs, config: CortexConfig): Promise<void> {
  const result = await plan({
    ...clusterOptions(inputs),
    bucket: inputs.bucket || undefined,
    prefix: inputs.prefix,
    region: inputs.awsRegion || undefined,
    endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
    forcePathStyle: inputs.s3ForcePathStyle || undefined,
    prune: inputs.prune,
    config,
  });
  for (const line of formatPlanText(result)) core.info(line);
  core.setOutput("namespace", inputs.namespace);
  if (process.env.GITHUB_STEP_SUMMARY) {
    core.summary.addRaw(formatPlanMarkdown(result), true);
    await core.summary.write();
  }
  if (planFailed(result)) core.setFailed(`the plan found problems: ${summaryLine(result)}`);
}

export async function rollbackStep(inputs: ActionInputs, config: CortexConfig): Promise<void> {
  const names = config.apis.filter((a) => a.kind === "RealtimeAPI").map((a) => a.name);
  const result = await rollback({
    ...clusterOptions(inputs),
    names,
    to: inputs.rollbackTo || "previous",
    wait: inputs.wait,
    timeoutSeconds: inputs.timeoutSeconds,
    forceConflicts: false,
    s3Endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
    region: inputs.awsRegion || undefined,
    log: reporter,
  });
  setApiOutputs(inputs, result.namespace, result.apis);
  const extra = [
    `Rolled back to: ${result.apis.map((a) => `${a.name} → revision ${a.target}`).join(", ")}.`,
    ...(result.failure ? [`**Failed:** ${result.failure}`] : []),
  ];
  await summarize("cortex-deploy: rollback", result.apis, result.namespace, extra);
  if (result.failure) core.setFailed(`rollback failed: ${result.failure}`);
}

/** Runs one of the cluster commands; every failure ends in setFailed with a sentence. */
export async function runClusterCommand(
  command: "deploy" | "plan" | "rollback",
  inputs: ActionInputs,
  config: CortexConfig,
): Promise<void> {
  try {
    if (command === "deploy") await deployStep(inputs, config);
    else if (command === "plan") await planStep(inputs, config);
    else await rollbackStep(inputs, config);
  } catch (err) {
    core.setFailed(failureMessage(err));
  }
}
