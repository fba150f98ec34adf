// The Action's `plan` (deploy, preview and rollback run through src/github's flows): the same code
// as the CLI, the plan in the job log and the job summary. Imported lazily by action.ts, so
// `validate` never loads the Kubernetes client. endpointUrl is shared with those flows.
import * as core from "@actions/core";
import type { CortexConfig } from "../config/index.ts";
import { type ActionInputs, clusterOf } from "../github/inputs.ts";
import { failBeforeChanges } from "../github/report.ts";
import { appendJobSummary } from "../github/summary.ts";
import { formatPlanMarkdown, formatPlanText, planFailed, summaryLine } from "../kube/plan.ts";
import { failureMessage, s3EndpointFromEnv } from "./common.ts";
import { plan } from "./plan.ts";

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

export async function planStep(inputs: ActionInputs, config: CortexConfig): Promise<void> {
  const result = await plan({
    ...clusterOf(inputs, inputs.namespace),
    bucket: inputs.bucket || undefined,
    prefix: inputs.prefix,
    region: inputs.awsRegion || undefined,
    endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
    forcePathStyle: inputs.s3ForcePathStyle,
    prune: inputs.prune,
    configId: inputs.configId,
    config,
    warn: (line) => core.warning(line),
  });
  for (const line of formatPlanText(result)) core.info(line);
  core.setOutput("namespace", inputs.namespace);
  await appendJobSummary((s) => s.addRaw(formatPlanMarkdown(result), true));
  if (planFailed(result)) core.setFailed(`the plan found problems: ${summaryLine(result)}`);
}

/** Runs `plan`; every failure ends in setFailed with a sentence. */
export async function runPlanCommand(inputs: ActionInputs, config: CortexConfig): Promise<void> {
  try {
    await planStep(inputs, config);
  } catch (err) {
    // A plan writes nothing, whatever stopped it.
    await failBeforeChanges(failureMessage(err));
  }
}
