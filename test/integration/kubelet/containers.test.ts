// Container life on the process kubelet: crash loops and their back-off, images it cannot map,
// probes, init containers and restart policies, as the API reports them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../sandbox/kubelet/kube-client.ts";
import {
  adminClient,
  createNamespace,
  createPod,
  deleteNamespace,
  eventually,
  getPod,
  podEvents,
} from "./helpers.ts";

let client: KubeClient;
let ns: string;

beforeAll(async () => {
  client = await adminClient();
  ns = await createNamespace(client, "kubelet-containers");
});

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
});

const shell = (script: string) => ({
  image: "sandbox.test/crash:v1",
  command: ["/bin/sh", "-c", script],
});

describe("restarts", () => {
  it("puts a container that keeps exiting into CrashLoopBackOff, counting restarts", async () => {
    await createPod(client, ns, "crash", {
      containers: [{ name: "crash", image: "sandbox.test/crash:v1" }],
    });
    const status = await eventually("CrashLoopBackOff", async () => {
      const s = (await getPod(client, ns, "crash")).status?.containerStatuses?.[0];
      return s?.state.waiting?.reason === "CrashLoopBackOff" ? s : undefined;
    });
    expect(status.restartCount).toBeGreaterThan(0);
    expect(status.ready).toBe(false);
    expect(status.state.waiting?.message).toMatch(
      /^back-off \d+s restarting failed container=crash pod=crash_/,
    );
    expect(status.lastState.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    const pod = await getPod(client, ns, "crash");
    // restartPolicy Always: a restarting pod is Running, not Ready.
    expect(pod.status?.phase).toBe("Running");
    expect(pod.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("False");
  });

  it("restarts a container whose liveness probe fails", async () => {
    await createPod(client, ns, "unhealthy", {
      containers: [
        {
          name: "app",
          ...shell("echo started; exec sleep 3600"),
          livenessProbe: {
            exec: { command: ["/bin/sh", "-c", "test -e /nonexistent-health-file"] },
            periodSeconds: 1,
            failureThreshold: 2,
          },
        },
      ],
      terminationGracePeriodSeconds: 1,
    });
    const status = await eventually("a liveness restart", async () => {
      const s = (await getPod(client, ns, "unhealthy")).status?.containerStatuses?.[0];
      return s && s.restartCount >= 1 && s.lastState.terminated ? s : undefined;
    });
    // Killed by the kubelet (SIGTERM), not exited on its own.
    expect(status.lastState.terminated?.exitCode).toBe(143);
    const events = await eventually("the Unhealthy and Killing events", async () => {
      const all = await podEvents(client, ns, "unhealthy");
      return all.some((e) => e.reason === "Killing") ? all : undefined;
    });
    expect(events.find((e) => e.reason === "Killing")).toMatchObject({
      type: "Normal",
      message: "Container app failed liveness probe, will be restarted",
      involvedObject: { kind: "Pod", name: "unhealthy", fieldPath: "spec.containers{app}" },
      source: { component: "kubelet" },
    });
    expect(events.find((e) => e.reason === "Unhealthy")).toMatchObject({
      type: "Warning",
      message: expect.stringMatching(/^Liveness probe failed: /),
    });
  });

  it("holds liveness and readiness until the startup probe passes, and restarts when it never does", async () => {
    const startupMount = [{ name: "flags", mountPath: "/mnt/startup" }];
    await createPod(client, ns, "slow-start", {
      volumes: [{ name: "flags", emptyDir: {} }],
      containers: [
        {
          name: "app",
          ...shell("sleep 1; touch /mnt/startup/done; exec sleep 3600"),
          volumeMounts: startupMount,
          startupProbe: {
            exec: { command: ["test", "-e", "/mnt/startup/done"] },
            periodSeconds: 1,
            failureThreshold: 30,
          },
          readinessProbe: {
            exec: { command: ["test", "-e", "/mnt/startup/done"] },
            periodSeconds: 1,
          },
        },
      ],
    });
    await createPod(client, ns, "never-starts", {
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: "app",
          ...shell("exec sleep 3600"),
          startupProbe: { exec: { command: ["false"] }, periodSeconds: 1, failureThreshold: 2 },
        },
      ],
    });
    const slow = await eventually("slow-start started and ready", async () => {
      const s = (await getPod(client, ns, "slow-start")).status?.containerStatuses?.[0];
      return s?.started && s.ready ? s : undefined;
    });
    expect(slow.restartCount).toBe(0);
    const never = await eventually("never-starts restarted", async () => {
      const s = (await getPod(client, ns, "never-starts")).status?.containerStatuses?.[0];
      return s && s.restartCount >= 1 ? s : undefined;
    });
    expect(never.lastState.terminated?.exitCode).toBe(143);
  });

  it("runs a restartPolicy Never pod once and reports Succeeded or Failed", async () => {
    await createPod(client, ns, "ok-once", {
      restartPolicy: "Never",
      containers: [{ name: "a", ...shell("exit 0") }],
    });
    await createPod(client, ns, "fail-once", {
      restartPolicy: "Never",
      containers: [
        { name: "a", ...shell("exit 0") },
        { name: "b", ...shell("exit 7") },
      ],
    });
    const ok = await eventually("Succeeded", async () => {
      const p = await getPod(client, ns, "ok-once");
      return p.status?.phase === "Succeeded" ? p : undefined;
    });
    expect(ok.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({
      exitCode: 0,
      reason: "Completed",
    });
    expect(ok.status?.conditions?.find((c) => c.type === "Ready")).toMatchObject({
      status: "False",
      reason: "PodCompleted",
    });
    const failed = await eventually("Failed", async () => {
      const p = await getPod(client, ns, "fail-once");
      return p.status?.phase === "Failed" ? p : undefined;
    });
    const b = failed.status?.containerStatuses?.find((s) => s.name === "b");
    expect(b?.state.terminated?.exitCode).toBe(7);
    expect(b?.restartCount).toBe(0);
  });
});

describe("images", () => {
  it("reports an image missing from the map as ErrImagePull, naming the files consulted", async () => {
    await createPod(client, ns, "unmapped", {
      containers: [{ name: "app", image: "registry.invalid/not-mapped:v9" }],
    });
    const waiting = await eventually("an image pull error", async () => {
      const w = (await getPod(client, ns, "unmapped")).status?.containerStatuses?.[0]?.state
        .waiting;
      return w?.reason === "ErrImagePull" || w?.reason === "ImagePullBackOff" ? w : undefined;
    });
    expect(waiting.message).toContain('image "registry.invalid/not-mapped:v9"');
    for (const file of (process.env.SANDBOX_IMAGES ?? "").split(":").filter(Boolean)) {
      expect(waiting.message).toContain(file);
    }
    expect((await getPod(client, ns, "unmapped")).status?.phase).toBe("Pending");
  });
});

describe("init containers and probes", () => {
  it("runs init containers in order, each to completion, before the containers", async () => {
    const mount = [{ name: "work", mountPath: "/mnt/shared" }];
    await createPod(client, ns, "inits", {
      restartPolicy: "Never",
      initContainers: [
        { name: "first", ...shell("echo 1 >> /mnt/shared/order; sleep 0.3"), volumeMounts: mount },
        { name: "second", ...shell("echo 2 >> /mnt/shared/order"), volumeMounts: mount },
      ],
      containers: [
        {
          name: "main",
          ...shell("echo 3 >> /mnt/shared/order; cat /mnt/shared/order"),
          volumeMounts: mount,
        },
      ],
      volumes: [{ name: "work", emptyDir: {} }],
    });
    // All three share one emptyDir; the main container prints what the init containers wrote.
    const done = await eventually("Succeeded", async () => {
      const p = await getPod(client, ns, "inits");
      return p.status?.phase === "Succeeded" ? p : undefined;
    });
    expect(done.status?.initContainerStatuses?.map((s) => s.state.terminated?.reason)).toEqual([
      "Completed",
      "Completed",
    ]);
    expect(done.status?.conditions?.find((c) => c.type === "Initialized")?.status).toBe("True");
    const log = await client.getText(`/api/v1/namespaces/${ns}/pods/inits/log?container=main`);
    expect(log).toBe("1\n2\n3\n");
  });

  it("fails the pod when an init container fails under restartPolicy Never", async () => {
    await createPod(client, ns, "bad-init", {
      restartPolicy: "Never",
      initContainers: [{ name: "setup", ...shell("exit 3") }],
      containers: [{ name: "main", ...shell("echo should not run") }],
    });
    const pod = await eventually("Failed", async () => {
      const p = await getPod(client, ns, "bad-init");
      return p.status?.phase === "Failed" ? p : undefined;
    });
    expect(pod.status?.initContainerStatuses?.[0]?.state.terminated?.exitCode).toBe(3);
    expect(pod.status?.containerStatuses?.[0]?.state.running).toBeUndefined();
    expect(pod.status?.containerStatuses?.[0]?.state.terminated).toBeUndefined();
  });

  it("marks only containers whose readiness probe passes as ready", async () => {
    await createPod(client, ns, "half-ready", {
      containers: [
        {
          name: "web",
          image: "sandbox.test/http-echo:v1",
          readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
        },
        {
          name: "never",
          ...shell("exec sleep 3600"),
          readinessProbe: { httpGet: { path: "/", port: 9999 }, periodSeconds: 1 },
        },
      ],
    });
    const pod = await eventually("web ready", async () => {
      const p = await getPod(client, ns, "half-ready");
      const web = p.status?.containerStatuses?.find((s) => s.name === "web");
      return web?.ready ? p : undefined;
    });
    const never = pod.status?.containerStatuses?.find((s) => s.name === "never");
    expect(never?.ready).toBe(false);
    expect(never?.state.running).toBeDefined();
    expect(pod.status?.phase).toBe("Running");
    expect(pod.status?.conditions?.find((c) => c.type === "Ready")).toMatchObject({
      status: "False",
      reason: "ContainersNotReady",
      message: "containers with unready status: [never]",
    });
    // Every failed run is recorded, as one Event whose count grows.
    const unhealthy = await eventually("repeated Unhealthy events for never", async () => {
      const all = await podEvents(client, ns, "half-ready");
      const mine = all.filter(
        (e) => e.reason === "Unhealthy" && e.involvedObject.fieldPath === "spec.containers{never}",
      );
      return mine.some((e) => e.count >= 2) ? mine : undefined;
    });
    expect(unhealthy).toHaveLength(1);
    expect(unhealthy[0]).toMatchObject({
      type: "Warning",
      message: expect.stringMatching(/^Readiness probe failed: Get "http:\/\/[\d.]+:9999\/": /),
    });
  });
});
