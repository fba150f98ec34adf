// The Deployment of an API: its pod template, the RollingUpdate strategy from update_strategy, and
// annotations that say which revision it runs. `replicas` is set only while the controller still
// owns the field (see render/replicas.ts); after that the autoscaler owns it.
import type { Deployment } from "../kube/types.ts";
import { apiLabels, CONTROLLER_ANNOTATIONS, podSelector } from "../names.ts";
import type { ApiSpec } from "../spec.ts";
import { type ApiRef, ownerReference } from "./owner.ts";
import { type PodRenderOptions, renderPodTemplate } from "./pod.ts";

export interface DeploymentInput {
  api: ApiRef;
  /** The spec to run: the RealtimeAPI's own, or the last Ready revision's after a rollback. */
  spec: ApiSpec;
  specHash: string;
  revision: number;
  /** Omitted once the autoscaler owns spec.replicas. */
  replicas?: number;
}

/** Old ReplicaSets kept for quick rollbacks; ControllerRevisions keep the full history. */
const REPLICA_SET_HISTORY = 3;

export function renderDeployment(
  input: DeploymentInput,
  options: PodRenderOptions,
): { deployment: Deployment; templateHash: string } {
  const { template, templateHash } = renderPodTemplate(input.api.name, input.spec, options);
  const deployment: Deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: input.api.name,
      namespace: input.api.namespace,
      labels: apiLabels(input.api.name),
      annotations: {
        [CONTROLLER_ANNOTATIONS.templateHash]: templateHash,
        "cortexdeploy.dev/spec-hash": input.specHash,
        [CONTROLLER_ANNOTATIONS.revision]: String(input.revision),
      },
      ownerReferences: [ownerReference(input.api)],
    },
    spec: {
      ...(input.replicas === undefined ? {} : { replicas: input.replicas }),
      selector: { matchLabels: podSelector(input.api.name) },
      template,
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: { maxSurge: input.spec.maxSurge, maxUnavailable: input.spec.maxUnavailable },
      },
      // The Deployment controller's own deadline measures time without progress; ours (in
      // rollout/assess.ts) measures time to Ready. Both are set so `kubectl rollout status` agrees.
      // An int32 for the API server; readApiSpec has clamped it to cortex.yaml's bounds already.
      progressDeadlineSeconds: Math.min(
        2 ** 31 - 1,
        Math.max(1, input.spec.progressDeadlineSeconds),
      ),
      revisionHistoryLimit: REPLICA_SET_HISTORY,
    },
  };
  return { deployment, templateHash };
}
