// The sandbox's control plane is the real thing: the API server's version, server-side apply of a
// CRD and a custom resource (with field ownership and conflicts), the controller manager and the
// scheduler at work.
import { randomBytes } from "node:crypto";
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  type V1CustomResourceDefinition,
  type V1Deployment,
  VersionApi,
} from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";

const fieldManager = "sandbox-test";
const group = "sandbox.test";

interface Widget extends KubernetesObject {
  spec?: { size?: number; color?: string };
}

const crd: V1CustomResourceDefinition = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: `widgets.${group}` },
  spec: {
    group,
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                properties: {
                  size: { type: "integer", minimum: 1 },
                  color: { type: "string" },
                },
              },
            },
          },
        },
      },
    ],
  },
};

let kc: KubeConfig;
let objects: KubernetesObjectApi;

beforeAll(() => {
  const kubeconfig = process.env.KUBECONFIG;
  if (!kubeconfig) throw new Error("KUBECONFIG is not set: the sandbox global setup did not run");
  kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  objects = KubernetesObjectApi.makeApiClient(kc);
});

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe("sandbox control plane", () => {
  it("serves the environment to tests through process.env and inject()", () => {
    const provided = inject("sandbox");
    expect(provided.env.KUBECONFIG).toBe(process.env.KUBECONFIG);
    expect(provided.env.CORTEX_DEPLOY_BUCKET).toBe(process.env.CORTEX_DEPLOY_BUCKET);
    expect(process.env.SANDBOX_IMAGES).toMatch(/images\.yaml/);
  });

  it("answers /version with Kubernetes v1.35.4 through the kubeconfig", async () => {
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toBe("v1.35.4");
    expect(version.major).toBe("1");
    expect(version.minor).toBe("35");
  });

  it("applies a CRD and a custom resource with server-side apply and reads it back", async () => {
    await objects.patch(
      crd,
      undefined,
      undefined,
      fieldManager,
      true,
      PatchStrategy.ServerSideApply,
    );
    await waitUntil("the CRD to be Established", async () => {
      const got = await objects.read<V1CustomResourceDefinition>({
        apiVersion: crd.apiVersion,
        kind: crd.kind,
        metadata: { name: crd.metadata?.name ?? "" },
      });
      const established = got.status?.conditions?.find((c) => c.type === "Established");
      return established?.status === "True" ? true : undefined;
    });

    const name = `w-${randomBytes(4).toString("hex")}`;
    const widget: Widget = {
      apiVersion: `${group}/v1`,
      kind: "Widget",
      metadata: { name, namespace: "default", labels: { app: "sandbox-test" } },
      spec: { size: 3, color: "blue" },
    };
    const applied = await objects.patch(
      widget,
      undefined,
      undefined,
      fieldManager,
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(applied.metadata?.uid).toBeTruthy();

    const read = await objects.read<Widget>({
      apiVersion: widget.apiVersion ?? "",
      kind: "Widget",
      metadata: { name, namespace: "default" },
    });
    expect(read.spec).toEqual({ size: 3, color: "blue" });
    expect(read.metadata?.labels).toEqual({ app: "sandbox-test" });
    const managers = read.metadata?.managedFields?.map((f) => [f.manager, f.operation]);
    expect(managers).toContainEqual([fieldManager, "Apply"]);
  });

  it("enforces field ownership and the CRD schema, as only a real API server does", async () => {
    const name = `w-${randomBytes(4).toString("hex")}`;
    const widget: Widget = {
      apiVersion: `${group}/v1`,
      kind: "Widget",
      metadata: { name, namespace: "default" },
      spec: { size: 2 },
    };
    await objects.patch(
      widget,
      undefined,
      undefined,
      fieldManager,
      true,
      PatchStrategy.ServerSideApply,
    );

    // Another manager changing a field it does not own, without force: a 409 conflict.
    const rival = { ...widget, spec: { size: 5 } };
    const conflict = await objects
      .patch(rival, undefined, undefined, "someone-else", false, PatchStrategy.ServerSideApply)
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(conflict).toBeInstanceOf(ApiException);
    expect((conflict as ApiException<unknown>).code).toBe(409);

    // The OpenAPI schema in the CRD is enforced: size must be at least 1.
    const invalid = { ...widget, spec: { size: 0 } };
    const rejected = await objects
      .patch(invalid, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply)
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect((rejected as ApiException<unknown>).code).toBe(422);

    const read = await objects.read<Widget>({
      apiVersion: widget.apiVersion ?? "",
      kind: "Widget",
      metadata: { name, namespace: "default" },
    });
    expect(read.spec?.size).toBe(2);
  });

  it("runs the controller manager and the scheduler: a Deployment's pod is bound to a node", async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const name = `sched-${randomBytes(4).toString("hex")}`;
    // A Node of our own with no kubelet behind it, so this tests the scheduler alone: the pod is
    // bound to it but never runs.
    const capacity = { pods: "10", cpu: "1", memory: "1Gi" };
    await core.createNode({
      body: {
        apiVersion: "v1",
        kind: "Node",
        metadata: { name, labels: { "sandbox.test/node": name } },
        // Without capacity the scheduler would find no room for any pod.
        status: { capacity, allocatable: capacity },
      },
    });
    const deployment: V1Deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: "default" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            nodeSelector: { "sandbox.test/node": name },
            // The node never reports Ready; tolerate its not-ready taint.
            tolerations: [{ operator: "Exists" }],
            containers: [{ name: "echo", image: "sandbox.test/http-echo:v1" }],
          },
        },
      },
    };
    await apps.createNamespacedDeployment({ namespace: "default", body: deployment });
    try {
      const pod = await waitUntil("a scheduled pod", async () => {
        const pods = await core.listNamespacedPod({
          namespace: "default",
          labelSelector: `app=${name}`,
        });
        return pods.items.find((p) => p.spec?.nodeName);
      });
      expect(pod.spec?.nodeName).toBe(name);
      // The Deployment and ReplicaSet controllers made the pod, owned by a ReplicaSet.
      expect(pod.metadata?.ownerReferences?.[0]?.kind).toBe("ReplicaSet");
      expect(pod.metadata?.name?.startsWith(`${name}-`)).toBe(true);
      // The ServiceAccount admission plugin found the account the controller manager made.
      expect(pod.spec?.serviceAccountName).toBe("default");
    } finally {
      await apps.deleteNamespacedDeployment({ name, namespace: "default" });
      await core.deleteNode({ name });
    }
  });
});
