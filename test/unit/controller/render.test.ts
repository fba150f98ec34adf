// Rendering a RealtimeAPI into its Deployment, Service and ControllerRevision.
import { describe, expect, it } from "vitest";
import { defaultAutoscalerConfig } from "../../../controller/src/autoscaler/config.ts";
import type { Container, Deployment } from "../../../controller/src/controller/kube/types.ts";
import { TEMPLATE_HASH_LABEL } from "../../../controller/src/controller/names.ts";
import {
  appliedHashOf,
  withAppliedHash,
} from "../../../controller/src/controller/render/applied-hash.ts";
import { renderDeployment } from "../../../controller/src/controller/render/deployment.ts";
import { renderPodTemplate } from "../../../controller/src/controller/render/pod.ts";
import {
  replicasAfterRollback,
  replicasForApply,
  replicasHandedOver,
  replicasToScale,
} from "../../../controller/src/controller/render/replicas.ts";
import { renderRevision } from "../../../controller/src/controller/render/revision.ts";
import { renderService } from "../../../controller/src/controller/render/service.ts";
import { readApiSpec } from "../../../controller/src/controller/spec.ts";
import { API, OPTIONS, rawSpec } from "./fixtures.ts";

function render(raw: Record<string, unknown> = rawSpec(), replicas?: number) {
  const spec = readApiSpec(API.name, raw);
  return renderDeployment(
    { api: API, spec, specHash: "a".repeat(64), revision: 3, replicas },
    OPTIONS,
  );
}

function containerNamed(d: Deployment, name: string): Container {
  const c = [
    ...(d.spec?.template?.spec.containers ?? []),
    ...(d.spec?.template?.spec.initContainers ?? []),
  ].find((x) => x.name === name);
  if (c === undefined) throw new Error(`no container ${name}`);
  return c;
}

const artifacts = {
  bucket: "models",
  prefix: "team/iris",
  manifest: "f".repeat(64),
  mounts: ["/mnt/artifacts", "/mnt/tokenizer"],
  endpoint: "http://127.0.0.1:7070",
  region: "eu-west-1",
};

describe("renderDeployment", () => {
  it("runs the user's container with CORTEX_PORT first, its env, and requests from compute", () => {
    const model = containerNamed(render().deployment, "model");
    expect(model.image).toBe("ghcr.io/acme/iris:1");
    expect(model.env).toEqual([
      { name: "CORTEX_PORT", value: "9000" },
      { name: "MODEL", value: "iris" },
    ]);
    expect(model.resources).toEqual({ requests: { cpu: "500m", memory: "1Gi" } });
    expect(model.terminationMessagePolicy).toBe("FallbackToLogsOnError");
  });

  it("adds the proxy sidecar configured from the pod settings, ready on :15000/healthz", () => {
    const proxy = containerNamed(render().deployment, "proxy");
    expect(proxy.image).toBe(OPTIONS.image);
    expect(proxy.args).toEqual(["proxy"]);
    expect(Object.fromEntries((proxy.env ?? []).map((e) => [e.name, e.value]))).toEqual({
      CORTEX_PROXY_PORT: "8888",
      CORTEX_ADMIN_PORT: "15000",
      CORTEX_TARGET_PORT: "9000",
      CORTEX_MAX_CONCURRENCY: "4",
      CORTEX_MAX_QUEUE_LENGTH: "50",
    });
    expect(proxy.readinessProbe?.httpGet).toEqual({ path: "/healthz", port: 15000 });
    expect(proxy.ports?.map((p) => [p.name, p.containerPort])).toEqual([
      ["http", 8888],
      ["admin", 15000],
    ]);
    expect(proxy.securityContext?.readOnlyRootFilesystem).toBe(true);
  });

  it("runs a user container named downloader when the API has no artifacts", () => {
    const pod = rawSpec().pod as Record<string, unknown>;
    const containers = [{ name: "downloader", image: "ghcr.io/acme/fetch:1" }];
    const template = render(rawSpec({ pod: { ...pod, containers } })).deployment.spec?.template;
    expect(template?.spec.initContainers).toBeUndefined();
    expect(template?.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ["downloader", "ghcr.io/acme/fetch:1"],
      ["proxy", OPTIONS.image],
    ]);
  });

  it("passes force_path_style to the downloader only when the spec sets it", () => {
    const env = (a: object) =>
      containerNamed(render(rawSpec({ artifacts: a })).deployment, "downloader").env ?? [];
    expect(env({ ...artifacts, force_path_style: false })).toContainEqual({
      name: "CORTEX_S3_FORCE_PATH_STYLE",
      value: "false",
    });
    expect(env(artifacts).map((e) => e.name)).not.toContain("CORTEX_S3_FORCE_PATH_STYLE");
  });

  it("gives the downloader the deploy's endpoint as its flag, and no flag without one", () => {
    const downloader = (a: object) =>
      containerNamed(render(rawSpec({ artifacts: a })).deployment, "downloader");
    // As a flag it wins over AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL from the Secret (envFrom).
    expect(downloader(artifacts).args).toEqual([
      "downloader",
      "--s3-endpoint",
      "http://127.0.0.1:7070",
    ]);
    const { endpoint: _, ...aws } = artifacts;
    expect(downloader(aws).args).toEqual(["downloader"]);
    expect((downloader(aws).env ?? []).map((e) => e.name)).not.toContain("AWS_ENDPOINT_URL");
  });

  it("has no init container when the API has no artifacts", () => {
    expect(render().deployment.spec?.template?.spec.initContainers).toBeUndefined();
    expect(render().deployment.spec?.template?.spec.volumes).toBeUndefined();
  });

  it("downloads artifacts in an init container into one emptyDir per mount, mounted read-only", () => {
    const { deployment } = render(rawSpec({ artifacts }));
    const pod = deployment.spec?.template?.spec;
    expect(pod?.volumes).toEqual([
      { name: "artifacts-0", emptyDir: {} },
      { name: "artifacts-1", emptyDir: {} },
    ]);
    const downloader = containerNamed(deployment, "downloader");
    expect(downloader.args).toEqual(["downloader", "--s3-endpoint", "http://127.0.0.1:7070"]);
    expect(Object.fromEntries((downloader.env ?? []).map((e) => [e.name, e.value]))).toEqual({
      CORTEX_BUCKET: "models",
      CORTEX_PREFIX: "team/iris",
      CORTEX_MANIFEST: "f".repeat(64),
      CORTEX_TERMINATION_LOG: "/dev/termination-log",
      AWS_REGION: "eu-west-1",
    });
    // Its failure's one sentence, written where Kubernetes reads the container's message.
    expect(downloader.terminationMessagePath).toBe("/dev/termination-log");
    expect(downloader.terminationMessagePolicy).toBe("FallbackToLogsOnError");
    expect(downloader.envFrom).toEqual([
      { secretRef: { name: "cortex-deploy-artifacts", optional: true } },
    ]);
    expect(downloader.volumeMounts).toEqual([
      { name: "artifacts-0", mountPath: "/mnt/artifacts" },
      { name: "artifacts-1", mountPath: "/mnt/tokenizer" },
    ]);
    expect(containerNamed(deployment, "model").volumeMounts).toEqual([
      { name: "artifacts-0", mountPath: "/mnt/artifacts", readOnly: true },
      { name: "artifacts-1", mountPath: "/mnt/tokenizer", readOnly: true },
    ]);
  });

  it("maps gpu and inf to extended resource limits, tolerates their taints, and sizes /dev/shm", () => {
    const raw = rawSpec();
    const pod = raw.pod as { containers: Record<string, unknown>[] };
    pod.containers = [
      { name: "model", image: "m:1", compute: { cpu: 2, mem: "8Gi", gpu: 1, shm: "1Gi" } },
      { name: "tok", image: "t:1", compute: { inf: 2, shm: "512Mi" } },
    ];
    const { deployment } = render(raw);
    const spec = deployment.spec?.template?.spec;
    expect(containerNamed(deployment, "model").resources).toEqual({
      requests: { cpu: "2", memory: "8Gi" },
      limits: { "nvidia.com/gpu": "1" },
    });
    expect(containerNamed(deployment, "tok").resources).toEqual({
      requests: { cpu: "200m" },
      limits: { "aws.amazon.com/neuron": "2" },
    });
    expect(spec?.volumes).toEqual([
      { name: "dshm", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } },
    ]);
    expect(containerNamed(deployment, "model").volumeMounts).toEqual([
      { name: "dshm", mountPath: "/dev/shm", readOnly: false },
    ]);
    expect(spec?.tolerations?.map((t) => t.key)).toEqual([
      "nvidia.com/gpu",
      "aws.amazon.com/neuron",
    ]);
  });

  it.each([
    [["1Gi", "2P", "1E"], "1E"],
    [["999", "1e3"], "1e3"],
    [["999P", "1000000000000000001"], "1000000000000000001"],
    [["2047", "2.047e3", "2Ki"], "2Ki"],
    [["4.9", "4999999999n", "5000000u"], "5000000u"],
    [["1048575", "+1Mi"], "+1Mi"],
    // Equal values: the first keeps its place.
    [["4.1G", "4100M"], "4.1G"],
    [["1536Mi", "1.5Gi", "1610612735"], "1536Mi"],
  ])("sizes /dev/shm for the largest of %j", (shms, largest) => {
    const spec = readApiSpec(
      API.name,
      rawSpec({
        pod: {
          containers: shms.map((_, i) => ({ name: `c${i}`, image: "m:1" })),
        },
      }),
    );
    spec.containers.forEach((c, i) => {
      c.compute.shm = shms[i];
    });
    const { template } = renderPodTemplate(API.name, spec, OPTIONS);
    expect(template.spec.volumes).toEqual([
      { name: "dshm", emptyDir: { medium: "Memory", sizeLimit: largest } },
    ]);
  });

  it("renders probes and pre_stop with cortex.yaml's defaults filled in", () => {
    const raw = rawSpec();
    const pod = raw.pod as { containers: Record<string, unknown>[] };
    pod.containers = [
      {
        name: "model",
        image: "m:1",
        readiness_probe: { http_get: { port: 9000, path: "/ready" }, period_seconds: 3 },
        liveness_probe: { tcp_socket: { port: 9000 } },
        pre_stop: { exec: { command: ["sleep", "5"] } },
      },
    ];
    const model = containerNamed(render(raw).deployment, "model");
    expect(model.readinessProbe).toEqual({
      httpGet: { path: "/ready", port: 9000 },
      initialDelaySeconds: 0,
      timeoutSeconds: 1,
      periodSeconds: 3,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(model.livenessProbe?.tcpSocket).toEqual({ port: 9000 });
    expect(model.lifecycle).toEqual({ preStop: { exec: { command: ["sleep", "5"] } } });
  });

  it("uses RollingUpdate with the update strategy, the progress deadline and the grace period", () => {
    const { deployment } = render();
    expect(deployment.spec?.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 },
    });
    expect(deployment.spec?.progressDeadlineSeconds).toBe(300);
    expect(deployment.spec?.template?.spec.terminationGracePeriodSeconds).toBe(60);
  });

  it("keeps progressDeadlineSeconds an int32, whatever the spec holds", () => {
    const spec = { ...readApiSpec(API.name, rawSpec()), progressDeadlineSeconds: 1e12 };
    const { deployment } = renderDeployment(
      { api: API, spec, specHash: "a".repeat(64), revision: 3, replicas: undefined },
      OPTIONS,
    );
    expect(deployment.spec?.progressDeadlineSeconds).toBe(2 ** 31 - 1);
    expect(
      render(rawSpec({ update_strategy: { progress_deadline: "1000000h" } })).deployment.spec
        ?.progressDeadlineSeconds,
    ).toBe(86_400);
  });

  it("requires node groups through node affinity on the configured label", () => {
    const { deployment } = render(rawSpec({ node_groups: ["gpu-a", "gpu-b"] }));
    const term =
      deployment.spec?.template?.spec.affinity?.nodeAffinity
        ?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0];
    expect(term?.matchExpressions).toEqual([
      { key: "alpha.eksctl.io/nodegroup-name", operator: "In", values: ["gpu-a", "gpu-b"] },
    ]);
  });

  it("owns the Deployment through the RealtimeAPI and labels pods with the template hash", () => {
    const { deployment, templateHash } = render();
    expect(deployment.metadata.ownerReferences).toEqual([
      {
        apiVersion: "cortexdeploy.dev/v1alpha1",
        kind: "RealtimeAPI",
        name: "iris",
        uid: "uid-1",
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(deployment.spec?.selector?.matchLabels).toEqual({ "cortexdeploy.dev/api": "iris" });
    expect(deployment.spec?.template?.metadata.labels[TEMPLATE_HASH_LABEL]).toBe(templateHash);
    expect(deployment.spec?.template?.metadata.labels["cortexdeploy.dev/api"]).toBe("iris");
  });

  it("changes the template hash with the pod, not with autoscaling settings", () => {
    const base = render().templateHash;
    expect(render(rawSpec({ autoscaling: { max_replicas: 50 } })).templateHash).toBe(base);
    const raw = rawSpec();
    (raw.pod as { max_concurrency: number }).max_concurrency = 8;
    expect(render(raw).templateHash).not.toBe(base);
  });

  it("gives a retried spec new pods: spec.retry is a pod-template annotation", () => {
    const base = render();
    const retried = render(rawSpec({ retry: 2 }));
    expect(retried.templateHash).not.toBe(base.templateHash);
    expect(retried.deployment.spec?.template?.metadata.annotations).toEqual({
      "cortexdeploy.dev/retry": "2",
    });
    expect(base.deployment.spec?.template?.metadata).not.toHaveProperty("annotations");
    expect(() => render(rawSpec({ retry: 0 }))).toThrow(/spec\.retry/);
  });

  it("sets replicas only when asked to", () => {
    expect(render(rawSpec(), 3).deployment.spec?.replicas).toBe(3);
    expect(render().deployment.spec).not.toHaveProperty("replicas");
  });
});

describe("replicas ownership", () => {
  const withManagers = (
    managers: { manager: string; operation: "Apply" | "Update"; replicas: boolean }[],
  ) =>
    ({
      metadata: {
        name: "iris",
        managedFields: managers.map((m) => ({
          manager: m.manager,
          operation: m.operation,
          fieldsV1: {
            "f:spec": m.replicas ? { "f:replicas": {}, "f:template": {} } : { "f:template": {} },
          },
        })),
      },
      spec: { replicas: 7 },
    }) satisfies Deployment;

  const bounds = (minReplicas: number, maxReplicas: number, initReplicas = minReplicas) =>
    defaultAutoscalerConfig(1, { minReplicas, maxReplicas, initReplicas });

  it("seeds init_replicas on create, and hands it over", () => {
    expect(replicasForApply(undefined, bounds(1, 10, 3))).toBe(3);
    expect(replicasToScale(undefined, bounds(1, 10, 3))).toBe(3);
  });

  it("keeps the current count while only the controller's apply owns the field", () => {
    const d = withManagers([
      { manager: "cortex-deploy-controller", operation: "Apply", replicas: true },
    ]);
    expect(replicasHandedOver(d)).toBe(false);
    expect(replicasForApply(d, bounds(1, 10, 3))).toBe(7);
    expect(replicasToScale(d, bounds(1, 10, 3))).toBe(7);
    // Not yet handed over, and outside the bounds: both writes carry the bounded count.
    expect(replicasForApply(d, bounds(8, 10))).toBe(8);
    expect(replicasToScale(d, bounds(1, 5))).toBe(5);
  });

  it("leaves replicas out once another manager (the autoscaler, kubectl scale) owns it", () => {
    const d = withManagers([
      { manager: "cortex-deploy-controller", operation: "Apply", replicas: false },
      { manager: "cortex-deploy-autoscaler", operation: "Update", replicas: true },
    ]);
    expect(replicasHandedOver(d)).toBe(true);
    expect(replicasForApply(d, bounds(1, 10, 3))).toBeUndefined();
    // Within the bounds the autoscaler's count is left alone.
    expect(replicasToScale(d, bounds(1, 10, 3))).toBeUndefined();
  });

  it("brings a handed-over count into new bounds at once: a raised minimum, a lowered maximum", () => {
    const d = withManagers([
      { manager: "cortex-deploy-controller", operation: "Apply", replicas: false },
      { manager: "cortex-deploy-autoscaler", operation: "Update", replicas: true },
    ]);
    expect(replicasForApply(d, bounds(9, 20))).toBeUndefined();
    expect(replicasToScale(d, bounds(9, 20))).toBe(9);
    expect(replicasToScale(d, bounds(1, 4))).toBe(4);
    // min_replicas 0 keeps one replica, as the autoscaler does.
    expect(replicasToScale({ ...d, spec: { replicas: 0 } }, bounds(0, 4))).toBe(1);
  });

  it("takes back, on a rollback, the replicas a failed higher minimum added that never came up", () => {
    const at = (replicas: number, availableReplicas: number) =>
      ({
        metadata: { name: "iris" },
        spec: { replicas },
        status: { availableReplicas },
      }) satisfies Deployment;
    // min 1 -> 3; two came up, the third stayed Pending: the two serving stay.
    expect(replicasAfterRollback(at(3, 2), bounds(3, 5), bounds(1, 5))).toBe(2);
    // A crashing template at min 3: only the old pod was available.
    expect(replicasAfterRollback(at(3, 1), bounds(3, 5), bounds(1, 5))).toBe(1);
    // Never below the returned revision's own minimum.
    expect(replicasAfterRollback(at(3, 0), bounds(3, 5), bounds(2, 5))).toBe(2);
    // A count the autoscaler chose (not the failed minimum) is kept, as after any rollback.
    expect(replicasAfterRollback(at(6, 2), bounds(3, 10), bounds(1, 10))).toBeUndefined();
    // The failed spec did not raise the minimum: nothing it added.
    expect(replicasAfterRollback(at(3, 1), bounds(3, 5), bounds(3, 5))).toBeUndefined();
    // All came up: nothing to take back.
    expect(replicasAfterRollback(at(3, 3), bounds(3, 5), bounds(1, 5))).toBeUndefined();
    expect(replicasAfterRollback(undefined, bounds(3, 5), bounds(1, 5))).toBeUndefined();
  });

  it("hashes the creating apply and the later ones alike, so the handover causes no rewrite", () => {
    const hash = (d: Deployment, handedOver: boolean) =>
      appliedHashOf(withAppliedHash(d, handedOver));
    const created = hash(render(rawSpec(), 3).deployment, true);
    expect(hash(render().deployment, true)).toBe(created);
    // A splitter's replicas stay the controller's: a change of them is a change.
    expect(hash(render(rawSpec(), 3).deployment, false)).not.toBe(
      hash(render(rawSpec(), 4).deployment, false),
    );
    // Anything else still counts.
    expect(
      hash(
        render(rawSpec({ update_strategy: { max_surge: 2, max_unavailable: 0 } })).deployment,
        true,
      ),
    ).not.toBe(created);
  });
});

describe("renderService", () => {
  it("exposes port 80 named http to the proxies' 8888 across all revisions", () => {
    const s = renderService(API);
    expect(s.spec?.ports).toEqual([{ name: "http", port: 80, targetPort: 8888, protocol: "TCP" }]);
    expect(s.spec?.selector).toEqual({ "cortexdeploy.dev/api": "iris" });
    expect(s.metadata.ownerReferences?.[0]?.uid).toBe("uid-1");
  });
});

describe("renderRevision", () => {
  it("names it <api>-<10 hex>, labels and annotates it, and keeps spec and provenance in data", () => {
    const hash = "0123456789abcdef".repeat(4);
    const spec = rawSpec();
    const cr = renderRevision(API, spec, hash, {
      revision: 4,
      result: "Progressing",
      message: "",
      reason: "",
      generation: 7,
      rolloutStartedAt: "2025-01-01T00:00:00.000Z",
      provenance: { commit: "abc123", actor: "octocat" },
    });
    expect(cr.metadata.name).toBe("iris-0123456789");
    expect(cr.revision).toBe(4);
    expect(cr.metadata.labels).toEqual({
      "cortexdeploy.dev/api": "iris",
      "app.kubernetes.io/managed-by": "cortex-deploy",
      "cortexdeploy.dev/revision": "4",
    });
    expect(cr.metadata.annotations).toMatchObject({
      "cortexdeploy.dev/spec-hash": hash,
      "cortexdeploy.dev/result": "Progressing",
      "cortexdeploy.dev/result-message": "",
      "cortexdeploy.dev/commit": "abc123",
    });
    expect(cr.data).toEqual({ spec, annotations: { commit: "abc123", actor: "octocat" } });
    expect(cr.metadata.ownerReferences?.[0]?.kind).toBe("RealtimeAPI");
  });
});
