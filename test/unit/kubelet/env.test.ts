import { describe, expect, it } from "vitest";
import {
  ConfigError,
  containerEnv,
  type EnvContext,
  envReferences,
  fieldValue,
} from "../../sandbox/kubelet/env.ts";
import type { Container, Pod } from "../../sandbox/kubelet/kube-types.ts";

const pod: Pod = {
  metadata: {
    name: "web-1",
    namespace: "shop",
    uid: "u-1",
    labels: { app: "web", tier: "front" },
    annotations: { note: "hi" },
  },
  spec: { nodeName: "sandbox-node", serviceAccountName: "runner", containers: [] },
};

const b64 = (s: string) => Buffer.from(s).toString("base64");

function ctx(patch: Partial<EnvContext> = {}): EnvContext {
  return {
    pod,
    podIp: "10.213.1.5",
    hostIp: "10.213.1.1",
    nodeName: "sandbox-node",
    apiServerHost: "10.213.1.1",
    apiServerPort: 6443,
    secrets: new Map([
      ["db", { metadata: { name: "db" }, data: { password: b64("pw"), user: b64("u") } }],
    ]),
    configMaps: new Map([
      ["cfg", { metadata: { name: "cfg" }, data: { MODE: "fast", LEVEL: "3" } }],
    ]),
    nodeCapacity: { cpu: "64", memory: "256Gi" },
    ...patch,
  };
}

const env = (container: Partial<Container>, c = ctx()) =>
  Object.fromEntries(containerEnv({ name: "app", ...container }, c));

describe("containerEnv", () => {
  it("always tells the pod where the API server is", () => {
    expect(env({})).toMatchObject({
      KUBERNETES_SERVICE_HOST: "10.213.1.1",
      KUBERNETES_SERVICE_PORT: "6443",
    });
  });

  it("applies envFrom first (with prefix), then env, which wins", () => {
    const result = env({
      envFrom: [{ configMapRef: { name: "cfg" } }, { secretRef: { name: "db" }, prefix: "DB_" }],
      env: [{ name: "MODE", value: "slow" }],
    });
    expect(result).toMatchObject({ MODE: "slow", LEVEL: "3", DB_password: "pw", DB_user: "u" });
  });

  it("expands $(VAR) in values from variables defined before them", () => {
    const result = env({
      env: [
        { name: "A", value: "x" },
        { name: "B", value: "$(A)-$(LATER)-$$(A)" },
        { name: "LATER", value: "y" },
        { name: "URL", value: "https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)" },
      ],
    });
    expect(result.B).toBe("x-$(LATER)-$(A)");
    expect(result.URL).toBe("https://10.213.1.1:6443");
  });

  it("resolves fieldRef, secretKeyRef, configMapKeyRef and resourceFieldRef", () => {
    const result = env({
      env: [
        { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        { name: "NS", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
        { name: "IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
        { name: "HOST", valueFrom: { fieldRef: { fieldPath: "status.hostIP" } } },
        { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
        { name: "TIER", valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
        { name: "PW", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
        { name: "LVL", valueFrom: { configMapKeyRef: { name: "cfg", key: "LEVEL" } } },
        { name: "CPU", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
        {
          name: "MEM",
          valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } },
        },
      ],
      resources: { limits: { memory: "512Mi" } },
    });
    expect(result).toMatchObject({
      POD: "web-1",
      NS: "shop",
      IP: "10.213.1.5",
      HOST: "10.213.1.1",
      NODE: "sandbox-node",
      TIER: "front",
      PW: "pw",
      LVL: "3",
      CPU: "64",
      MEM: "512",
    });
  });

  it("fails like Kubernetes when a required secret, config map or key is missing", () => {
    expect(() =>
      env({ env: [{ name: "X", valueFrom: { secretKeyRef: { name: "nope", key: "k" } } }] }),
    ).toThrow(new ConfigError('secret "nope" not found'));
    expect(() =>
      env({ env: [{ name: "X", valueFrom: { secretKeyRef: { name: "db", key: "k" } } }] }),
    ).toThrow("couldn't find key k in Secret shop/db");
    expect(() => env({ envFrom: [{ configMapRef: { name: "nope" } }] })).toThrow(
      'configmap "nope" not found',
    );
  });

  it("leaves a variable unset when its optional source is missing", () => {
    const result = env({
      env: [
        { name: "X", valueFrom: { secretKeyRef: { name: "nope", key: "k", optional: true } } },
        { name: "Y", valueFrom: { configMapKeyRef: { name: "cfg", key: "nope", optional: true } } },
      ],
      envFrom: [{ secretRef: { name: "nope", optional: true } }],
    });
    expect(result).not.toHaveProperty("X");
    expect(result).not.toHaveProperty("Y");
  });
});

describe("envReferences", () => {
  it("lists each secret and config map once", () => {
    expect(
      envReferences({
        name: "app",
        envFrom: [{ secretRef: { name: "a" } }, { configMapRef: { name: "c" } }],
        env: [
          { name: "X", valueFrom: { secretKeyRef: { name: "a", key: "k" } } },
          { name: "Y", valueFrom: { secretKeyRef: { name: "b", key: "k" } } },
          { name: "Z", valueFrom: { configMapKeyRef: { name: "c", key: "k" } } },
        ],
      }),
    ).toEqual({ secrets: ["a", "b"], configMaps: ["c"] });
  });
});

describe("fieldValue", () => {
  const c = { pod, podIp: "10.213.1.5", hostIp: "10.213.1.1", nodeName: "n" };
  it("formats all labels as the downward API does, and rejects unknown paths", () => {
    expect(fieldValue("metadata.labels", c)).toBe('app="web"\ntier="front"');
    expect(fieldValue("spec.serviceAccountName", c)).toBe("runner");
    expect(fieldValue("metadata.uid", c)).toBe("u-1");
    expect(fieldValue("spec.nope", c)).toBeUndefined();
  });
});
