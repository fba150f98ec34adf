import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  info,
  warning
} from "./chunk-F5P7TITF.js";
import {
  EMPTY_KUBECONFIG_INPUT,
  KUBECONFIG_INPUT
} from "./chunk-A5T5TBQU.js";
import {
  KubeConfig,
  defaultKubeconfig,
  withoutUserInfo
} from "./chunk-6XWRUFJL.js";

// src/github/which-cluster.ts
function chooseCluster(inputs) {
  const given = inputs.kubeconfig.trim() !== "";
  const fallback = given ? void 0 : defaultKubeconfig();
  if (!given && fallback === void 0) return void 0;
  const kc = new KubeConfig();
  try {
    if (given) kc.loadFromString(inputs.kubeconfig);
    else kc.loadFromDefault();
  } catch {
    return void 0;
  }
  const context = inputs.kubeContext ?? kc.getCurrentContext();
  if (!kc.getContextObject(context)) return void 0;
  kc.setCurrentContext(context);
  const cluster = kc.getCurrentCluster();
  if (!cluster) return void 0;
  return {
    server: withoutUserInfo(cluster.server),
    context,
    source: fallback?.source ?? KUBECONFIG_INPUT,
    fallback: fallback !== void 0
  };
}
function describeChoice(choice) {
  const cluster = `cluster ${choice.server} (context ${choice.context})`;
  if (!choice.fallback) return { warning: false, text: `${cluster}, from ${choice.source}` };
  return {
    warning: true,
    text: `${EMPTY_KUBECONFIG_INPUT}; using ${choice.source} of the runner: ${cluster}`
  };
}
function announceCluster(inputs) {
  const choice = chooseCluster(inputs);
  if (choice === void 0) return;
  const { warning: warning2, text } = describeChoice(choice);
  if (warning2) warning(text, { title: "cortex-deploy: the runner's own kubeconfig" });
  else info(text);
}

export {
  chooseCluster,
  describeChoice,
  announceCluster
};
