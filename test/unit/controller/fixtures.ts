// Builders for the objects the controller's pure logic reads: specs, Deployments, pods.
import type {
  Condition,
  ContainerStatus,
  Deployment,
  Pod,
} from "../../../controller/src/controller/kube/types.ts";
import {
  CONTROLLER_ANNOTATIONS,
  TEMPLATE_HASH_LABEL,
} from "../../../controller/src/controller/names.ts";
import type { PodRenderOptions } from "../../../controller/src/controller/render/pod.ts";
import type { RevisionRecord } from "../../../controller/src/rollout/revisions.ts";

export const OPTIONS: PodRenderOptions = {
  image: "ghcr.io/cortex-deploy/controller:0.1.0",
  terminationGracePeriodSeconds: 60,
  nodeGroupLabel: "alpha.eksctl.io/nodegroup-name",
};

export const API = { name: "iris", namespace: "ml", uid: "uid-1" };

/** A cortex.yaml-shaped spec (snake_case), as the Action applies it. */
export function rawSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    pod: {
      port: 9000,
      max_concurrency: 4,
      max_queue_length: 50,
      containers: [
        {
          name: "model",
          image: "ghcr.io/acme/iris:1",
          env: { MODEL: "iris" },
          compute: { cpu: "500m", mem: "1Gi" },
        },
      ],
    },
    autoscaling: { min_replicas: 2, init_replicas: 3, max_replicas: 10 },
    update_strategy: { max_surge: "25%", max_unavailable: 0, progress_deadline: "5m" },
    ...overrides,
  };
}

export function record(
  overrides: Partial<RevisionRecord> & { specHash: string; revision: number },
): RevisionRecord {
  return {
    name: `iris-${overrides.specHash.slice(0, 10)}`,
    result: "Ready",
    message: "",
    reason: "",
    generation: 1,
    rolloutStartedAt: "2025-01-01T00:00:00.000Z",
    provenance: {},
    spec: rawSpec(),
    ...overrides,
  };
}

export interface DeploymentState {
  templateHash: string;
  replicas: number;
  updated?: number;
  available?: number;
  total?: number;
  generation?: number;
  observedGeneration?: number;
  conditions?: Condition[];
  maxSurge?: number | string;
  maxUnavailable?: number | string;
}

export function deployment(s: DeploymentState): Deployment {
  return {
    metadata: {
      name: "iris",
      namespace: "ml",
      generation: s.generation ?? 2,
      annotations: { [CONTROLLER_ANNOTATIONS.templateHash]: s.templateHash },
    },
    spec: {
      replicas: s.replicas,
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: { maxSurge: s.maxSurge ?? "25%", maxUnavailable: s.maxUnavailable ?? "25%" },
      },
    },
    status: {
      observedGeneration: s.observedGeneration ?? s.generation ?? 2,
      replicas: s.total ?? s.replicas,
      updatedReplicas: s.updated ?? s.replicas,
      readyReplicas: s.available ?? s.replicas,
      availableReplicas: s.available ?? s.replicas,
      conditions: s.conditions ?? [],
    },
  };
}

export function pod(
  name: string,
  templateHash: string,
  status: {
    containers?: ContainerStatus[];
    init?: ContainerStatus[];
    conditions?: Condition[];
  } = {},
  deleting = false,
): Pod {
  return {
    metadata: {
      name,
      namespace: "ml",
      labels: { [TEMPLATE_HASH_LABEL]: templateHash },
      ...(deleting ? { deletionTimestamp: "2025-01-01T00:00:00Z" } : {}),
    },
    status: {
      phase: "Running",
      containerStatuses: status.containers ?? [],
      initContainerStatuses: status.init ?? [],
      conditions: status.conditions ?? [],
    },
  };
}

export function crashLooping(
  name = "model",
  restarts = 2,
  message = "ValueError: bad model",
): ContainerStatus {
  return {
    name,
    restartCount: restarts,
    state: {
      waiting: { reason: "CrashLoopBackOff", message: "back-off 20s restarting failed container" },
    },
    lastState: { terminated: { exitCode: 1, reason: "Error", message } },
  };
}

export function running(name = "model"): ContainerStatus {
  return {
    name,
    restartCount: 0,
    ready: true,
    state: { running: { startedAt: "2025-01-01T00:00:00Z" } },
  };
}
