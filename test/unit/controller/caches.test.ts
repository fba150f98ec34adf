// What the caches keep of each object, and how derived objects map back to their API.
import { describe, expect, it } from "vitest";
import {
  apiKeyOf,
  type Caches,
  desiredPartChanged,
  silentCache,
  slimDeployment,
  slimPod,
  slimService,
} from "../../../controller/src/controller/caches.ts";
import type { Deployment, Pod } from "../../../controller/src/controller/kube/types.ts";
import { replicasHandedOver } from "../../../controller/src/controller/render/replicas.ts";

describe("slimDeployment", () => {
  const d: Deployment = {
    metadata: {
      name: "iris",
      namespace: "ml",
      managedFields: [
        {
          manager: "cortex-deploy-controller",
          operation: "Apply",
          fieldsV1: { "f:spec": { "f:template": {} } },
        },
        {
          manager: "cortex-deploy-autoscaler",
          operation: "Update",
          subresource: "scale",
          fieldsV1: { "f:spec": { "f:replicas": {} } },
        },
      ],
    },
    spec: {
      replicas: 4,
      template: { metadata: { labels: {} }, spec: { containers: [{ name: "m", image: "m" }] } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    },
    status: { availableReplicas: 4 },
  };

  it("drops the pod template and keeps who owns spec.replicas", () => {
    const slim = slimDeployment(d);
    expect(slim.spec).toEqual({ replicas: 4, strategy: d.spec?.strategy });
    expect(slim.metadata.managedFields).toEqual([
      {
        manager: "cortex-deploy-autoscaler",
        operation: "Update",
        fieldsV1: { "f:spec": { "f:replicas": {} } },
      },
    ]);
    expect(replicasHandedOver(slim)).toBe(replicasHandedOver(d));
    expect(slim.status).toEqual(d.status);
  });

  it("tells a changed template or strategy from a replica or status change", () => {
    const slim = slimDeployment(d);
    const spec = d.spec as NonNullable<Deployment["spec"]>;
    const scaled = slimDeployment({ ...d, spec: { ...spec, replicas: 9 }, status: {} });
    expect(desiredPartChanged(slim, scaled)).toBe(false);
    expect(desiredPartChanged(slim, slimDeployment(structuredClone(d)))).toBe(false);
    const edited = structuredClone(d);
    const container = edited.spec?.template?.spec.containers[0];
    if (container === undefined) throw new Error("the fixture has a container");
    container.image = "other";
    expect(desiredPartChanged(slim, slimDeployment(edited))).toBe(true);
    const strategy = slimDeployment({ ...d, spec: { ...spec, strategy: { type: "Recreate" } } });
    expect(desiredPartChanged(slim, strategy)).toBe(true);
    // A first sighting has nothing to compare with.
    expect(desiredPartChanged(undefined, slim)).toBe(false);
  });
});

describe("slimPod", () => {
  it("keeps what the rollout checks read, not the spec, annotations or other conditions", () => {
    const scheduled = { type: "PodScheduled", status: "True" as const };
    const ready = { type: "Ready", status: "False" as const, reason: "ContainersNotReady" };
    const crash = {
      name: "m",
      restartCount: 2,
      state: { waiting: { reason: "CrashLoopBackOff" } },
    };
    const pod: Pod = {
      metadata: {
        name: "p",
        namespace: "ml",
        resourceVersion: "7",
        labels: { "cortexdeploy.dev/api": "iris" },
        annotations: { big: "x".repeat(100) },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u" }],
        managedFields: [{ manager: "kubelet" }],
      },
      spec: { nodeName: "n1" },
      status: {
        phase: "Running",
        podIP: "10.0.0.1",
        conditions: [scheduled, { type: "Initialized", status: "True" }, ready],
        containerStatuses: [crash],
      },
    };
    expect(slimPod(pod)).toEqual({
      metadata: {
        name: "p",
        namespace: "ml",
        resourceVersion: "7",
        labels: { "cortexdeploy.dev/api": "iris" },
      },
      status: {
        phase: "Running",
        podIP: "10.0.0.1",
        conditions: [scheduled, ready],
        containerStatuses: [crash],
      },
    });
  });
});

describe("slimService", () => {
  it("keeps the metadata only", () => {
    const slim = slimService({
      metadata: {
        name: "iris",
        annotations: { "cortexdeploy.dev/applied-hash": "h" },
        managedFields: [{ manager: "x" }],
      },
      spec: { type: "ClusterIP" },
    });
    expect(slim).toEqual({
      metadata: { name: "iris", annotations: { "cortexdeploy.dev/applied-hash": "h" } },
    });
  });
});

describe("apiKeyOf", () => {
  it("is namespace/api from the api label", () => {
    expect(
      apiKeyOf({
        metadata: { name: "x", namespace: "ml", labels: { "cortexdeploy.dev/api": "iris" } },
      }),
    ).toBe("ml/iris");
    expect(apiKeyOf({ metadata: { name: "x", namespace: "ml" } })).toBeUndefined();
  });
});

describe("silentCache", () => {
  it("names the first cache the API server has not answered for longer than the limit", () => {
    const silent = (ms: number) => ({ silentForMs: () => ms });
    const caches = {
      apis: silent(1_000),
      splitters: silent(0),
      deployments: silent(200_000),
      pods: silent(5_000),
      revisions: silent(0),
      services: silent(0),
    } as unknown as Caches;
    expect(silentCache(caches, 120_000)).toEqual({ name: "deployments", silentMs: 200_000 });
    expect(silentCache(caches, 300_000)).toBeUndefined();
  });
});
