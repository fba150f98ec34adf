import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-SKVXBQ6F.js";
import {
  formatPlanMarkdown,
  formatPlanText,
  planFailed,
  summaryLine
} from "./chunk-7QMSLUAI.js";
import {
  failBeforeChanges,
  info,
  setFailed,
  setOutput,
  summary
} from "./chunk-TCY6KHPL.js";
import {
  clusterOf
} from "./chunk-SPUFAMKL.js";
import {
  failureMessage
} from "./chunk-FYIADKJZ.js";
import {
  s3EndpointFromEnv
} from "./chunk-GMWZZHGP.js";

// src/commands/action-steps.ts
function endpointUrl(template, values) {
  if (template === "") return values.endpoint;
  return template.replaceAll("{namespace}", values.namespace).replaceAll("{name}", values.name).replaceAll("{endpoint}", values.endpoint.replace(/^\//, ""));
}
function clusterOptions(inputs) {
  return {
    ...clusterOf(inputs, inputs.namespace),
    kubeconfigSource: "the kubeconfig input"
  };
}
async function planStep(inputs, config) {
  const result = await plan({
    ...clusterOptions(inputs),
    bucket: inputs.bucket || void 0,
    prefix: inputs.prefix,
    region: inputs.awsRegion || void 0,
    endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
    forcePathStyle: inputs.s3ForcePathStyle,
    prune: inputs.prune,
    configId: inputs.configId,
    config
  });
  for (const line of formatPlanText(result)) info(line);
  setOutput("namespace", inputs.namespace);
  if (process.env.GITHUB_STEP_SUMMARY) {
    summary.addRaw(formatPlanMarkdown(result), true);
    await summary.write();
  }
  if (planFailed(result)) setFailed(`the plan found problems: ${summaryLine(result)}`);
}
async function runPlanCommand(inputs, config) {
  try {
    await planStep(inputs, config);
  } catch (err) {
    await failBeforeChanges(failureMessage(err));
  }
}

export {
  endpointUrl,
  planStep,
  runPlanCommand
};
