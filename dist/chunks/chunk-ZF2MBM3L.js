import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  ArtifactConfigError,
  ArtifactReadError,
  S3EndpointError,
  S3UploadError
} from "./chunk-VQJSBGHP.js";
import {
  DeployError,
  describeKubeError,
  isKubeError
} from "./chunk-FZVE6M4T.js";
import {
  KubeClient
} from "./chunk-6XWRUFJL.js";

// src/commands/common.ts
var consoleReporter = {
  info: (line) => console.log(line),
  warn: (line) => console.error(line)
};
var silentReporter = { info: () => {
}, warn: () => {
} };
var InterruptedError = class extends Error {
  name = "InterruptedError";
};
async function withClient(opts, fn) {
  if (opts.client) return fn(opts.client);
  const client = await KubeClient.create({
    kubeconfig: opts.kubeconfig,
    kubeconfigSource: opts.kubeconfigSource,
    context: opts.context,
    ifNoKubeconfig: opts.ifNoKubeconfig
  }).catch((err) => {
    throw new DeployError(err.message);
  });
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}
function isExpectedFailure(err) {
  return err instanceof DeployError || err instanceof ArtifactConfigError || err instanceof ArtifactReadError || err instanceof S3UploadError || err instanceof S3EndpointError || err instanceof InterruptedError || isKubeError(err);
}
function failureMessage(err) {
  if (isKubeError(err)) return describeKubeError(err);
  if (isExpectedFailure(err)) return err.message;
  return `cortex-deploy failed unexpectedly (a bug; please report it): ${err.stack ?? String(err)}`;
}

export {
  consoleReporter,
  silentReporter,
  InterruptedError,
  withClient,
  isExpectedFailure,
  failureMessage
};
