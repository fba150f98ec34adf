import { describe, expect, it } from "vitest";
import { configPathOf, formatConfigPath, specFieldSegments } from "../../../src/kube/field-path.ts";
import { apiContainers, hasStarted, LinePrefixer } from "../../../src/kube/logs.ts";
import {
  failingContainers,
  formatConditions,
  formatEvents,
  formatUnreadyPods,
  stalledContainers,
} from "../../../src/kube/pod-diagnostics.ts";
import type { Condition, ConditionType } from "../../../src/kube/resource.ts";

describe("failingContainers", () => {
  it("counts a running container's restarts in words that agree with the number", () => {
    const restarted = (restartCount: number) =>
      failingContainers([
        {
          metadata: { name: "iris-1" },
          status: {
            containerStatuses: [
              {
                name: "api",
                restartCount,
                state: { running: {} },
                lastState: { terminated: { exitCode: 137, reason: "OOMKilled" } },
              },
            ],
          },
        },
      ])[0]?.reason;
    expect(restarted(1)).toBe("restarted 1 time, last exit code 137");
    expect(restarted(3)).toBe("restarted 3 times, last exit code 137");
  });

  it("finds crash loops, image pull errors and failed init containers, init first", () => {
    const pods = [
      {
        metadata: { name: "iris-1" },
        status: {
          initContainerStatuses: [
            { name: "downloader", state: { terminated: { exitCode: 2, reason: "Error" } } },
          ],
          containerStatuses: [
            {
              name: "api",
              restartCount: 4,
              state: { waiting: { reason: "CrashLoopBackOff" } },
              lastState: { terminated: { exitCode: 1, reason: "Error" } },
            },
            { name: "proxy", ready: true, state: { running: {} } },
          ],
        },
      },
      {
        metadata: { name: "iris-2" },
        status: {
          containerStatuses: [{ name: "api", state: { waiting: { reason: "ImagePullBackOff" } } }],
        },
      },
    ];
    expect(failingContainers(pods)).toEqual([
      {
        pod: "iris-1",
        container: "downloader",
        reason: "exited with code 2 (Error)",
        previous: false,
      },
      {
        pod: "iris-1",
        container: "api",
        reason: "CrashLoopBackOff (last exit code 1, Error)",
        previous: true,
      },
      { pod: "iris-2", container: "api", reason: "ImagePullBackOff", previous: false },
    ]);
    expect(
      failingContainers([
        {
          metadata: { name: "ok" },
          status: { containerStatuses: [{ name: "api", state: { running: {} } }] },
        },
      ]),
    ).toEqual([]);
  });
});

describe("formatEvents and formatConditions", () => {
  it("keeps the latest events, oldest first, with age, kind/name and repeat count", () => {
    const now = Date.parse("2026-01-01T01:00:00Z");
    const events = [
      {
        type: "Warning",
        reason: "BackOff",
        message: "Back-off restarting",
        count: 5,
        involvedObject: { kind: "Pod", name: "iris-1" },
        lastTimestamp: "2026-01-01T00:58:00Z",
      },
      {
        type: "Normal",
        reason: "Scheduled",
        message: "assigned",
        involvedObject: { kind: "Pod", name: "iris-1" },
        lastTimestamp: "2026-01-01T00:50:00Z",
      },
      {
        type: "Normal",
        reason: "Old",
        message: "dropped",
        involvedObject: { kind: "Pod", name: "iris-0" },
        lastTimestamp: "2026-01-01T00:10:00Z",
      },
    ];
    const lines = formatEvents(events, 2, now);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^10m ago\s+Normal\s+Scheduled\s+pod\/iris-1: assigned$/);
    expect(lines[1]).toMatch(
      /^2m ago\s+Warning\s+BackOff\s+pod\/iris-1: Back-off restarting \(x5\)$/,
    );
  });

  it("prints conditions as Type=Status (Reason): message", () => {
    expect(
      formatConditions([
        {
          type: "Ready",
          status: "False",
          reason: "RolledBack",
          message: "revision 3 crashed",
          lastTransitionTime: "",
        },
      ]),
    ).toEqual(["Ready=False (RolledBack): revision 3 crashed"]);
  });

  it("prints a message that several conditions share once", () => {
    const c = (type: ConditionType, reason: string, message: string): Condition => ({
      type,
      status: "True",
      reason,
      message,
      lastTransitionTime: "",
    });
    expect(
      formatConditions([
        c("Ready", "RolledBack", "revision 3 cannot pull its image"),
        c("Progressing", "RolledBack", "running revision 2"),
        c("Degraded", "ImagePullBackOff", "revision 3 cannot pull its image"),
      ]),
    ).toEqual([
      "Ready=True (RolledBack): revision 3 cannot pull its image",
      "Progressing=True (RolledBack): running revision 2",
      "Degraded=True (ImagePullBackOff): as Ready",
    ]);
  });
});

describe("logs helpers", () => {
  it("prefixes whole lines and holds back a partial one until it completes", () => {
    const p = new LinePrefixer("iris-1 ");
    expect(p.push("a\nb")).toEqual(["iris-1 a"]);
    expect(p.push("c\r\nd\n")).toEqual(["iris-1 bc", "iris-1 d"]);
    expect(p.push("tail")).toEqual([]);
    expect(p.flush()).toEqual(["iris-1 tail"]);
    expect(p.flush()).toEqual([]);
  });

  it("reads the API's own containers, and only started ones", () => {
    const pod = {
      metadata: { name: "p" },
      spec: { containers: [{ name: "api" }, { name: "proxy" }] },
      status: {
        containerStatuses: [{ name: "api", state: { waiting: { reason: "ContainerCreating" } } }],
      },
    };
    expect(apiContainers(pod)).toEqual(["api"]);
    expect(hasStarted(pod, "api")).toBe(false);
    pod.status.containerStatuses = [{ name: "api", state: { running: {} } } as never];
    expect(hasStarted(pod, "api")).toBe(true);
  });

  it("reads a user container named downloader (an API without artifacts may have one)", () => {
    const pod = {
      metadata: { name: "p" },
      spec: { containers: [{ name: "downloader" }, { name: "proxy" }] },
    };
    expect(apiContainers(pod)).toEqual(["downloader"]);
  });
});

describe("field paths back to cortex.yaml", () => {
  it("maps spec fields of the API at an index to config paths", () => {
    expect(specFieldSegments("spec.pod.containers[0].readiness_probe")).toEqual([
      "pod",
      "containers",
      0,
      "readiness_probe",
    ]);
    expect(configPathOf(".spec.autoscaling.min_replicas", 2)).toEqual([
      2,
      "autoscaling",
      "min_replicas",
    ]);
    expect(configPathOf('spec.pod.containers[name="api"].image', 0)).toEqual([
      0,
      "pod",
      "containers",
    ]);
    expect(configPathOf("metadata.name", 0)).toBeUndefined();
    expect(formatConfigPath([2, "pod", "containers", 0, "name"])).toBe(
      "[2].pod.containers[0].name",
    );
  });
});

describe("stalledContainers", () => {
  it("finds running init containers, then running containers that fail readiness", () => {
    const pods = [
      {
        metadata: { name: "iris-1" },
        status: {
          containerStatuses: [
            { name: "api", ready: false, state: { running: {} } },
            { name: "proxy", ready: true, state: { running: {} } },
            { name: "sidecar", ready: false, state: { waiting: { reason: "ContainerCreating" } } },
          ],
        },
      },
      {
        metadata: { name: "iris-2" },
        status: {
          initContainerStatuses: [
            { name: "downloader", ready: false, state: { running: {} } },
            { name: "log-shipper", ready: true, state: { running: {} } },
          ],
          containerStatuses: [{ name: "api", state: { waiting: { reason: "PodInitializing" } } }],
        },
      },
    ];
    expect(stalledContainers(pods)).toEqual([
      {
        pod: "iris-2",
        container: "downloader",
        reason: "init container still running",
        previous: false,
      },
      { pod: "iris-1", container: "api", reason: "running, not ready", previous: false },
    ]);
  });
});

describe("formatUnreadyPods", () => {
  const now = Date.parse("2026-11-26T12:00:00Z");
  it("describes each pod that is not Ready by its containers' states", () => {
    const pods = [
      {
        metadata: { name: "iris-ready", creationTimestamp: "2026-11-26T11:50:00Z" },
        status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] },
      },
      {
        metadata: { name: "iris-stuck", creationTimestamp: "2026-11-26T11:58:00Z" },
        status: {
          phase: "Pending",
          conditions: [{ type: "Ready", status: "False" }],
          initContainerStatuses: [
            {
              name: "downloader",
              ready: false,
              state: { running: { startedAt: "2026-11-26T11:58:05Z" } },
            },
          ],
          containerStatuses: [
            { name: "api", ready: false, state: { waiting: { reason: "PodInitializing" } } },
            {
              name: "proxy",
              ready: false,
              state: { terminated: { exitCode: 1, reason: "Error" } },
            },
          ],
        },
      },
      { metadata: { name: "iris-new" } },
    ];
    expect(formatUnreadyPods(pods, now)).toEqual([
      "iris-stuck: Pending, created 2m ago; init downloader running for 2m, not ready; " +
        "api waiting (PodInitializing); proxy exited with code 1 (Error)",
      "iris-new: Pending; no container status yet",
    ]);
  });
});
