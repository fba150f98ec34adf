import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-4DAQPE6A.js";
import {
  formatPlanMarkdown,
  formatPlanText,
  planFailed,
  summaryLine
} from "./chunk-GACIPQ3F.js";
import {
  appendJobSummary,
  failBeforeChanges
} from "./chunk-ERZOKR56.js";
import {
  info,
  setFailed,
  setOutput,
  warning
} from "./chunk-F5P7TITF.js";
import {
  clusterOf
} from "./chunk-A5T5TBQU.js";
import {
  failureMessage
} from "./chunk-ZF2MBM3L.js";
import {
  s3EndpointFromEnv
} from "./chunk-7VA77F3F.js";

// src/commands/action-steps.ts
function endpointUrl(template, values) {
  if (template === "") return values.endpoint;
  return template.replaceAll("{namespace}", values.namespace).replaceAll("{name}", values.name).replaceAll("{endpoint}", values.endpoint.replace(/^\//, ""));
}
async function planStep(inputs, config) {
  const result = await plan({
    ...clusterOf(inputs, inputs.namespace),
    bucket: inputs.bucket || void 0,
    prefix: inputs.prefix,
    region: inputs.awsRegion || void 0,
    endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
    forcePathStyle: inputs.s3ForcePathStyle,
    prune: inputs.prune,
    configId: inputs.configId,
    config,
    warn: (line) => warning(line)
  });
  for (const line of formatPlanText(result)) info(line);
  setOutput("namespace", inputs.namespace);
  await appendJobSummary((s) => s.addRaw(formatPlanMarkdown(result), true));
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
