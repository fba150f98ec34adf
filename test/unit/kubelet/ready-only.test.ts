import { describe, expect, it } from "vitest";
import type { Pod } from "../../sandbox/kubelet/kube-types.ts";
import { readyStatus } from "../../sandbox/kubelet/ready-only.ts";

const pod: Pod = {
  metadata: { name: "p", namespace: "n", uid: "u" },
  spec: {
    initContainers: [
      { name: "setup", image: "a" },
      { name: "proxy", image: "b", restartPolicy: "Always" },
    ],
    containers: [{ name: "app", image: "c" }],
    readinessGates: [],
  },
};

describe("readyStatus", () => {
  const status = readyStatus(pod, "127.213.0.1", "10.213.1.1", "2026-01-01T00:00:00Z");

  it("reports the pod Running and Ready at its address", () => {
    expect(status.phase).toBe("Running");
    expect(status.podIP).toBe("127.213.0.1");
    expect(status.conditions?.filter((c) => c.status !== "True")).toEqual([]);
  });

  it("shows init containers completed, sidecars and containers running and ready", () => {
    expect(
      status.initContainerStatuses?.map((s) => [s.name, Object.keys(s.state)[0], s.ready]),
    ).toEqual([
      ["setup", "terminated", true],
      ["proxy", "running", true],
    ]);
    expect(status.containerStatuses?.[0]).toMatchObject({
      name: "app",
      ready: true,
      started: true,
      restartCount: 0,
    });
  });
});
