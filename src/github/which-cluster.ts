// Which cluster a flow reaches, said in the job log before it starts: its server, context and
// where the kubeconfig came from. With the kubeconfig input empty (a secret not set, or not given
// to this event: Dependabot, forks), the runner's own kubeconfig is used, which on a self-hosted
// runner can be any cluster, so that is a warning. Read from the kubeconfig without contacting
// the cluster; a kubeconfig that cannot be read is left to the flow, whose error says why.
import * as core from "@actions/core";
import { KubeConfig } from "@kubernetes/client-node";
import { withoutUserInfo } from "../kube/client.ts";
import { defaultKubeconfig } from "../kube/default-kubeconfig.ts";
import { type ActionInputs, EMPTY_KUBECONFIG_INPUT, KUBECONFIG_INPUT } from "./inputs.ts";

export interface ClusterChoice {
  /** The API server's URL, without a user name or password. */
  server: string;
  context: string;
  /** "the kubeconfig input", "KUBECONFIG (/path)", "~/.kube/config"... */
  source: string;
  /** The runner's kubeconfig, used because the input is empty. */
  fallback: boolean;
}

/** The cluster the flows will reach, or undefined when the kubeconfig cannot say. */
export function chooseCluster(inputs: ActionInputs): ClusterChoice | undefined {
  const given = inputs.kubeconfig.trim() !== "";
  const fallback = given ? undefined : defaultKubeconfig();
  if (!given && fallback === undefined) return undefined;
  const kc = new KubeConfig();
  try {
    if (given) kc.loadFromString(inputs.kubeconfig);
    else kc.loadFromDefault();
  } catch {
    return undefined;
  }
  const context = inputs.kubeContext ?? kc.getCurrentContext();
  if (!kc.getContextObject(context)) return undefined;
  kc.setCurrentContext(context);
  const cluster = kc.getCurrentCluster();
  if (!cluster) return undefined;
  return {
    server: withoutUserInfo(cluster.server),
    context,
    source: fallback?.source ?? KUBECONFIG_INPUT,
    fallback: fallback !== undefined,
  };
}

/** The log line for a choice, and whether it is a warning. */
export function describeChoice(choice: ClusterChoice): { warning: boolean; text: string } {
  const cluster = `cluster ${choice.server} (context ${choice.context})`;
  if (!choice.fallback) return { warning: false, text: `${cluster}, from ${choice.source}` };
  return {
    warning: true,
    text: `${EMPTY_KUBECONFIG_INPUT}; using ${choice.source} of the runner: ${cluster}`,
  };
}

/** Logs which cluster the flow reaches (a warning when it is the runner's, not the input's). */
export function announceCluster(inputs: ActionInputs): void {
  const choice = chooseCluster(inputs);
  if (choice === undefined) return;
  const { warning, text } = describeChoice(choice);
  if (warning) core.warning(text, { title: "cortex-deploy: the runner's own kubeconfig" });
  else core.info(text);
}
