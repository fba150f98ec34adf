// What the caches keep of each object, and how derived objects map back to their API.
import { describe, expect, it } from "vitest";
import { apiKeyOf, slimDeployment, slimPod } from "../../../controller/src/controller/caches.ts";
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
});

describe("slimPod", () => {
  it("keeps metadata and status, not the spec", () => {
    const pod: Pod = {
      metadata: {
        name: "p",
        namespace: "ml",
        labels: { "cortexdeploy.dev/api": "iris" },
        managedFields: [{ manager: "kubelet" }],
      },
      spec: { nodeName: "n1" },
      status: { podIP: "10.0.0.1" },
    };
    expect(slimPod(pod)).toEqual({
      metadata: { name: "p", namespace: "ml", labels: { "cortexdeploy.dev/api": "iris" } },
      status: { podIP: "10.0.0.1" },
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
