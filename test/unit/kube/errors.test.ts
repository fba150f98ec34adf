import { describe, expect, it } from "vitest";
import { KubeApiError, KubeConnectionError } from "../../../src/kube/client.ts";
import {
  describeKubeError,
  fieldConflicts,
  invalidFields,
  parseDenial,
} from "../../../src/kube/errors.ts";

const path = "/apis/cortexdeploy.dev/v1alpha1/namespaces/ml/realtimeapis/iris";

// Bodies as kube-apiserver 1.35 sends them.
const conflict = {
  kind: "Status",
  message:
    'Apply failed with 2 conflicts: conflicts with "kubectl-edit" using cortexdeploy.dev/v1alpha1:\n- .spec.autoscaling.init_replicas\n- .spec.autoscaling.min_replicas',
  reason: "Conflict",
  details: {
    causes: [
      {
        reason: "FieldManagerConflict",
        message: 'conflict with "kubectl-edit" using cortexdeploy.dev/v1alpha1',
        field: ".spec.autoscaling.init_replicas",
      },
      {
        reason: "FieldManagerConflict",
        message: 'conflict with "helm" using cortexdeploy.dev/v1alpha1',
        field: ".spec.autoscaling.min_replicas",
      },
    ],
  },
  code: 409,
};

const invalid = {
  kind: "Status",
  message: 'RealtimeAPI.cortexdeploy.dev "iris" is invalid: [...]',
  reason: "Invalid",
  details: {
    causes: [
      {
        reason: "FieldValueInvalid",
        message: "Invalid value: \"sixty\": spec.autoscaling.window in body should match '^x$'",
        field: "spec.autoscaling.window",
      },
      {
        reason: "FieldValueInvalid",
        message: "Invalid value: 8888: ports 8888 and 15000 are reserved for the proxy sidecar",
        field: "spec.pod.port",
      },
    ],
  },
  code: 422,
};

const forbidden = {
  kind: "Status",
  message:
    'realtimeapis.cortexdeploy.dev "iris" is forbidden: User "system:serviceaccount:ci:deployer" cannot patch resource "realtimeapis" in API group "cortexdeploy.dev" in the namespace "ml"',
  reason: "Forbidden",
  code: 403,
};

describe("reading the server's refusals", () => {
  it("names each conflicting field and its manager", () => {
    expect(fieldConflicts(conflict)).toEqual([
      { field: ".spec.autoscaling.init_replicas", manager: "kubectl-edit" },
      { field: ".spec.autoscaling.min_replicas", manager: "helm" },
    ]);
    const text = describeKubeError(
      new KubeApiError("PATCH", path, 409, conflict),
      "realtimeapi/iris",
    );
    expect(text).toContain(
      "realtimeapi/iris: another field manager changed fields that cortex-deploy sets:",
    );
    expect(text).toContain('  .spec.autoscaling.min_replicas (owned by field manager "helm")');
    expect(text).toContain("--force-conflicts");
  });

  it("lists invalid fields without repeating their names, located in cortex.yaml when known", () => {
    expect(invalidFields(invalid)[0]).toEqual({
      field: "spec.autoscaling.window",
      message: "Invalid value: \"sixty\": should match '^x$'",
    });
    const text = describeKubeError(
      new KubeApiError("PATCH", path, 422, invalid),
      "realtimeapi/iris",
      (f) => (f === "spec.pod.port" ? "cortex.yaml:4:11" : undefined),
    );
    expect(text).toContain("realtimeapi/iris: the API server rejected the object:");
    expect(text).toContain(
      "  cortex.yaml:4:11: spec.pod.port: Invalid value: 8888: ports 8888 and 15000 are reserved",
    );
  });

  it("says which verb on which resource RBAC denied, and to whom", () => {
    expect(parseDenial(forbidden.message)).toEqual({
      user: "system:serviceaccount:ci:deployer",
      verb: "patch",
      resource: "realtimeapis.cortexdeploy.dev",
      namespace: "ml",
    });
    expect(describeKubeError(new KubeApiError("PATCH", path, 403, forbidden))).toBe(
      'permission denied: system:serviceaccount:ci:deployer may not patch realtimeapis.cortexdeploy.dev in namespace ml. Grant the verb "patch" on "realtimeapis.cortexdeploy.dev" to it with a Role or ClusterRole.',
    );
    const clusterWide = parseDenial(
      'User "u" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
    expect(clusterWide).toEqual({
      user: "u",
      verb: "list",
      resource: "namespaces",
      namespace: undefined,
    });
  });

  it("says a namespace being deleted is not a missing permission", () => {
    // As kube-apiserver 1.35 sends it for a create or apply in a Terminating namespace.
    const terminating = {
      kind: "Status",
      message:
        'realtimeapis.cortexdeploy.dev "iris" is forbidden: unable to create new content in namespace ml because it is being terminated',
      reason: "Forbidden",
      details: { name: "iris", group: "cortexdeploy.dev", kind: "realtimeapis" },
      code: 403,
    };
    const text = describeKubeError(new KubeApiError("PATCH", path, 403, terminating), "iris");
    expect(text).toBe(
      "iris: namespace ml is being deleted (Terminating), and nothing can be created in it until it is gone; wait for that (kubectl get namespace ml), then deploy again",
    );
  });

  it("recognises missing CRDs, outdated CRDs and unreachable servers", () => {
    const missing = new KubeApiError("GET", path, 404, { message: "404 page not found" });
    expect(describeKubeError(missing)).toContain("custom resource definitions are not installed");
    const outdated = new KubeApiError("PATCH", path, 500, {
      kind: "Status",
      message:
        "failed to create typed patch object (ml/iris; cortexdeploy.dev/v1alpha1, Kind=RealtimeAPI): .spec.bogus: field not declared in schema",
      code: 500,
    });
    expect(describeKubeError(outdated)).toContain("do not know the field .spec.bogus");
    const down = new KubeConnectionError(
      "https://127.0.0.1:1",
      Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
    );
    expect(describeKubeError(down)).toBe(
      "cannot reach the Kubernetes API server at https://127.0.0.1:1: ECONNREFUSED. Check KUBECONFIG (or the kubeconfig input) and that the cluster is up.",
    );
  });

  it("names where the server's address came from, and tells a distrusted certificate from a down cluster", () => {
    const cause = (code: string) => Object.assign(new Error("connect"), { code });
    const down = new KubeConnectionError(
      "https://127.0.0.1:1",
      cause("ECONNREFUSED"),
      "--kubeconfig /tmp/k",
    );
    expect(describeKubeError(down)).toBe(
      "cannot reach the Kubernetes API server at https://127.0.0.1:1: ECONNREFUSED. Check --kubeconfig /tmp/k and that the cluster is up.",
    );
    const distrusted = new KubeConnectionError(
      "https://10.0.0.1:6443",
      cause("UNABLE_TO_VERIFY_LEAF_SIGNATURE"),
      "the kubeconfig input",
    );
    expect(describeKubeError(distrusted)).toBe(
      "cannot reach the Kubernetes API server at https://10.0.0.1:6443: UNABLE_TO_VERIFY_LEAF_SIGNATURE. The server's certificate is not the one the kubeconfig input trusts: check its certificate-authority-data and server address.",
    );
  });
});
