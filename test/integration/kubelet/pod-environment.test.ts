// What a container sees on the process kubelet: its own network namespace and hostname, the
// environment Kubernetes would give it, and its volumes mounted where the pod spec says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../sandbox/kubelet/kube-client.ts";
import {
  adminClient,
  createNamespace,
  createPod,
  deleteNamespace,
  eventually,
  getPod,
} from "./helpers.ts";

let client: KubeClient;
let ns: string;
let output: Record<string, string> = {};

const script = [
  'echo "hostname=$(hostname)"',
  "echo \"ip=$(ip -4 -o addr show eth0 2>/dev/null | awk '{print $4}')\"",
  'echo "pod=$POD_NAME ns=$POD_NAMESPACE podip=$POD_IP"',
  'echo "secret=$PASSWORD mode=$CFG_mode greeting=$GREETING"',
  'echo "api=$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"',
  'echo "artifact=$(cat /mnt/artifacts/model.txt)"',
  'echo "config=$(cat /etc/app/mode)"',
  'echo "token=$(test -s /var/run/secrets/kubernetes.io/serviceaccount/token && echo present)"',
  'echo "sa-ns=$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)"',
  'echo "readonly=$(touch /etc/app/x 2>/dev/null && echo writable || echo readonly)"',
].join("; ");

beforeAll(async () => {
  client = await adminClient();
  ns = await createNamespace(client, "kubelet-env");
  await client.post(`/api/v1/namespaces/${ns}/secrets`, {
    metadata: { name: "db" },
    stringData: { password: "s3cret" },
  });
  await client.post(`/api/v1/namespaces/${ns}/configmaps`, {
    metadata: { name: "app" },
    data: { mode: "fast" },
  });
  await createPod(client, ns, "inspect", {
    restartPolicy: "Never",
    volumes: [
      { name: "artifacts", emptyDir: {} },
      { name: "config", configMap: { name: "app" } },
    ],
    initContainers: [
      {
        name: "download",
        image: "sandbox.test/crash:v1",
        command: ["/bin/sh", "-c", "echo weights-v1 > /mnt/artifacts/model.txt"],
        volumeMounts: [{ name: "artifacts", mountPath: "/mnt/artifacts" }],
      },
    ],
    containers: [
      {
        name: "app",
        image: "sandbox.test/crash:v1",
        command: ["/bin/sh", "-c"],
        args: [script],
        env: [
          { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
          { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
          { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
          { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
          { name: "GREETING", value: "hello $(POD_NAME)" },
        ],
        envFrom: [{ configMapRef: { name: "app" }, prefix: "CFG_" }],
        volumeMounts: [
          { name: "artifacts", mountPath: "/mnt/artifacts", readOnly: true },
          { name: "config", mountPath: "/etc/app", readOnly: true },
        ],
      },
    ],
  });
  await eventually("the pod to finish", async () => {
    const phase = (await getPod(client, ns, "inspect")).status?.phase;
    return phase === "Succeeded" || phase === "Failed";
  });
  const log = await client.getText(`/api/v1/namespaces/${ns}/pods/inspect/log?container=app`);
  output = Object.fromEntries(
    log
      .trim()
      .split("\n")
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
});

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
});

describe("inside a pod", () => {
  it("has the pod's name as hostname and the pod IP on its own eth0", async () => {
    const pod = await getPod(client, ns, "inspect");
    expect(pod.status?.phase).toBe("Succeeded");
    expect(output.hostname).toBe("inspect");
    if (process.env.SANDBOX_NETWORK !== "loopback") {
      expect(output.ip).toBe(`${pod.status?.podIP}/24`);
    }
  });

  it("gets downward-API, secret, config map and expanded values, and the API server's address", async () => {
    const pod = await getPod(client, ns, "inspect");
    expect(output.pod).toBe(`inspect ns=${ns} podip=${pod.status?.podIP}`);
    expect(output.secret).toBe("s3cret mode=fast greeting=hello inspect");
    expect(output.api).toMatch(/^[\d.]+:\d+$/);
    expect(output.api?.startsWith(`${pod.status?.hostIP}:`)).toBe(true);
  });

  it("sees volumes at their mountPath: an init container's files, a config map, the token", () => {
    expect(output.artifact).toBe("weights-v1");
    expect(output.config).toBe("fast");
    expect(output.token).toBe("present");
    expect(output["sa-ns"]).toBe(ns);
    expect(output.readonly).toBe("readonly");
  });
});
