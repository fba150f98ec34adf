import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rollback
} from "./chunk-DZ7BWAOI.js";
import {
  plan
} from "./chunk-2JVETPUD.js";
import {
  deploy
} from "./chunk-3QZ6LMWE.js";
import {
  info,
  setFailed,
  setOutput,
  summary,
  warning
} from "./chunk-47UFAGLJ.js";
import {
  failureMessage,
  s3EndpointFromEnv
} from "./chunk-FC2API5Z.js";
import {
  formatPlanMarkdown,
  formatPlanText,
  planFailed,
  summaryLine
} from "./chunk-I7XY53IH.js";

// src/commands/action-steps.ts
var reporter = { info: (l) => info(l), warn: (l) => warning(l) };
function endpointUrl(template, values) {
  if (template === "") return values.endpoint;
  return template.replaceAll("{namespace}", values.namespace).replaceAll("{name}", values.name).replaceAll("{endpoint}", values.endpoint.replace(/^\//, ""));
}
function clusterOptions(inputs) {
  return { namespace: inputs.namespace, kubeconfig: inputs.kubeconfig || void 0 };
}
function setApiOutputs(inputs, namespace, apis) {
  const url = (a) => endpointUrl(inputs.endpointUrlTemplate, { namespace, ...a });
  setOutput("namespace", namespace);
  setOutput(
    "apis",
    JSON.stringify(
      apis.map((a) => ({
        name: a.name,
        kind: a.kind,
        status: a.state ?? (a.action === "unchanged" ? "up to date" : "applied"),
        endpoint: url(a),
        revision: a.revision ?? null
      }))
    )
  );
  const first = apis[0];
  setOutput("endpoint", first ? url(first) : "");
  const revision = apis.find((a) => a.kind === "RealtimeAPI" && a.revision !== void 0)?.revision;
  setOutput("revision", revision === void 0 ? "" : String(revision));
}
async function summarize(title, apis, namespace, extra) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  summary.addHeading(title, 2);
  summary.addRaw(`Namespace \`${namespace}\`.`, true);
  summary.addTable([
    [
      { data: "API", header: true },
      { data: "kind", header: true },
      { data: "change", header: true },
      { data: "status", header: true },
      { data: "revision", header: true },
      { data: "endpoint", header: true }
    ],
    ...apis.map((a) => [
      a.name,
      a.kind,
      a.action === "unchanged" ? "up to date" : a.action,
      a.state ?? "-",
      a.revision === void 0 ? "-" : String(a.revision),
      a.endpoint
    ])
  ]);
  for (const line of extra) summary.addRaw(line, true);
  await summary.write();
}
async function deployStep(inputs, config) {
  const result = await deploy({
    ...clusterOptions(inputs),
    bucket: inputs.bucket || void 0,
    prefix: inputs.prefix,
    region: inputs.awsRegion || void 0,
    endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
    forcePathStyle: inputs.s3ForcePathStyle || void 0,
    uploadConcurrency: inputs.uploadConcurrency,
    wait: inputs.wait,
    timeoutSeconds: inputs.timeoutSeconds,
    prune: inputs.prune,
    forceConflicts: false,
    config,
    log: reporter
  });
  setApiOutputs(inputs, result.namespace, result.apis);
  const up = result.upload;
  setOutput("uploaded-files", String(up?.uploadedFiles ?? 0));
  setOutput("uploaded-bytes", String(up?.uploadedBytes ?? 0));
  setOutput("skipped-files", String(up?.skippedFiles ?? 0));
  const extra = [
    ...result.pruned.length > 0 ? [`Pruned: ${result.pruned.map((p) => `\`${p}\``).join(", ")}.`] : [],
    ...up ? [`Artifacts: ${up.uploadedFiles} files uploaded, ${up.skippedFiles} already in S3.`] : [],
    ...result.failure ? [`**Failed:** ${result.failure}`] : []
  ];
  await summarize("cortex-deploy: deploy", result.apis, result.namespace, extra);
  if (result.failure) setFailed(`deploy failed: ${result.failure}`);
}
async function planStep(inputs, config) {
  const result = await plan({
    ...clusterOptions(inputs),
    bucket: inputs.bucket || void 0,
    prefix: inputs.prefix,
    region: inputs.awsRegion || void 0,
    endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
    forcePathStyle: inputs.s3ForcePathStyle || void 0,
    prune: inputs.prune,
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
async function rollbackStep(inputs, config) {
  const names = config.apis.filter((a) => a.kind === "RealtimeAPI").map((a) => a.name);
  const result = await rollback({
    ...clusterOptions(inputs),
    names,
    to: inputs.rollbackTo || "previous",
    wait: inputs.wait,
    timeoutSeconds: inputs.timeoutSeconds,
    forceConflicts: false,
    s3Endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
    region: inputs.awsRegion || void 0,
    log: reporter
  });
  setApiOutputs(inputs, result.namespace, result.apis);
  const extra = [
    `Rolled back to: ${result.apis.map((a) => `${a.name} \u2192 revision ${a.target}`).join(", ")}.`,
    ...result.failure ? [`**Failed:** ${result.failure}`] : []
  ];
  await summarize("cortex-deploy: rollback", result.apis, result.namespace, extra);
  if (result.failure) setFailed(`rollback failed: ${result.failure}`);
}
async function runClusterCommand(command, inputs, config) {
  try {
    if (command === "deploy") await deployStep(inputs, config);
    else if (command === "plan") await planStep(inputs, config);
    else await rollbackStep(inputs, config);
  } catch (err) {
    setFailed(failureMessage(err));
  }
}

export {
  endpointUrl,
  deployStep,
  planStep,
  rollbackStep,
  runClusterCommand
};
