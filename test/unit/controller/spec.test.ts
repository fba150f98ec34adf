// Reading a RealtimeAPI spec from untyped JSON: defaults filled, problems named by field.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { readApiSpec, SpecError } from "../../../controller/src/controller/spec.ts";
import { parseConfig, parseDuration } from "../../../src/config/index.ts";
import { rawSpec } from "./fixtures.ts";

describe("readApiSpec", () => {
  it("fills cortex.yaml's defaults for a minimal spec", () => {
    const spec = readApiSpec("iris", { pod: { containers: [{ name: "m", image: "m:1" }] } });
    expect(spec).toMatchObject({
      port: 8080,
      maxConcurrency: 1,
      maxQueueLength: 100,
      maxSurge: "25%",
      maxUnavailable: "25%",
      progressDeadlineSeconds: 600,
      endpoint: "/iris",
    });
    expect(spec.containers[0]?.compute).toEqual({
      cpu: "200m",
      mem: undefined,
      gpu: 0,
      inf: 0,
      shm: undefined,
    });
  });

  it("keeps every quantity form cortex.yaml accepts, as written", () => {
    const compute = { cpu: "200e-4", mem: "+1.5Gi", shm: "1e3" };
    const spec = readApiSpec("iris", { pod: { containers: [{ name: "m", image: "m", compute }] } });
    expect(spec.containers[0]?.compute).toMatchObject(compute);
    for (const bad of ["-1", "1.2.3", "5X", "1e"]) {
      expect(() =>
        readApiSpec("iris", {
          pod: { containers: [{ name: "m", image: "m", compute: { mem: bad } }] },
        }),
      ).toThrow("spec.pod.containers[0].compute.mem: must be a quantity such as 500m, 1, 2Gi");
    }
  });

  it("parses Go durations for the progress deadline", () => {
    const spec = readApiSpec("iris", rawSpec({ update_strategy: { progress_deadline: "1m30s" } }));
    expect(spec.progressDeadlineSeconds).toBe(90);
  });

  it("reads every duration cortex.yaml accepts, and the CRD admits it too", () => {
    const crds = parseAllDocuments(
      readFileSync(new URL("../../../controller/deploy/crds.yaml", import.meta.url), "utf8"),
    ).map((d) => d.toJS());
    const pattern = new RegExp(
      crds[0].spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.update_strategy
        .properties.progress_deadline.pattern,
      "u",
    );
    for (const value of ["10m", "1m30s", "900000000us", ".5h", "+10m", "10.m", "1.5h", "2h45m"]) {
      const yaml = `- name: iris\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: x/iris:1\n  update_strategy:\n    progress_deadline: "${value}"\n`;
      expect(parseConfig(yaml, "cortex.yaml").ok, value).toBe(true);
      expect(pattern.test(value), value).toBe(true);
      const spec = readApiSpec("iris", rawSpec({ update_strategy: { progress_deadline: value } }));
      expect(spec.progressDeadlineSeconds, value).toBe(Math.ceil(parseDuration(value)));
    }
  });

  it("clamps a hand-written progress deadline into cortex.yaml's bounds (10s..24h)", () => {
    const deadline = (value: string) =>
      readApiSpec("iris", rawSpec({ update_strategy: { progress_deadline: value } }))
        .progressDeadlineSeconds;
    // 1ns was 1 s: every rollout rolled back. 1000000h overflowed the Deployment's int32.
    expect(deadline("1ns")).toBe(10);
    expect(deadline("9s")).toBe(10);
    expect(deadline("10s")).toBe(10);
    expect(deadline("24h")).toBe(86_400);
    expect(deadline("1000000h")).toBe(86_400);
    expect(deadline("2562047h")).toBe(86_400);
  });

  it("refuses a progress deadline of 0, which would fail every rollout at once", () => {
    for (const zero of ["0", "0s", "0m0s"]) {
      expect(() =>
        readApiSpec("iris", rawSpec({ update_strategy: { progress_deadline: zero } })),
      ).toThrow("spec.update_strategy.progress_deadline: must be longer than 0s");
    }
  });

  it("reads a probe's zero periods and thresholds as Kubernetes' defaults, as Cortex allows", () => {
    const probe = { http_get: { path: "/", port: 8080 } };
    const spec = readApiSpec("iris", {
      pod: {
        containers: [
          {
            name: "m",
            image: "m:1",
            readiness_probe: {
              ...probe,
              timeout_seconds: 0,
              period_seconds: 0,
              success_threshold: 0,
              failure_threshold: 0,
            },
            liveness_probe: { ...probe, initial_delay_seconds: 0, period_seconds: 7 },
          },
        ],
      },
    });
    expect(spec.containers[0]?.readinessProbe).toMatchObject({
      initialDelaySeconds: 0,
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(spec.containers[0]?.livenessProbe).toMatchObject({ periodSeconds: 7 });
  });

  it.each([
    [{ pod: { containers: [] } }, "spec.pod.containers: must list at least one container"],
    [
      { pod: { port: 8888, containers: [{ name: "m", image: "m" }] } },
      "spec.pod.port: 8888 is reserved",
    ],
    [
      { pod: { containers: [{ name: "proxy", image: "m" }] } },
      'spec.pod.containers[0].name: "proxy" is reserved',
    ],
    [
      {
        pod: { containers: [{ name: "downloader", image: "m" }] },
        artifacts: { bucket: "b", manifest: "f".repeat(64), mounts: ["/mnt/artifacts"] },
      },
      'spec.pod.containers[0].name: "downloader" is the name of the init container that fetches the artifacts',
    ],
    [
      { pod: { containers: [{ name: "m", image: "m", env: { CORTEX_X: "1" } }] } },
      "spec.pod.containers[0].env.CORTEX_X",
    ],
    [
      {
        pod: { containers: [{ name: "m", image: "m" }] },
        update_strategy: { max_surge: 0, max_unavailable: "0%" },
      },
      "cannot both be 0",
    ],
    [
      {
        pod: {
          containers: [
            {
              name: "m",
              image: "m",
              readiness_probe: { exec: { command: ["x"] }, tcp_socket: { port: 1 } },
            },
          ],
        },
      },
      "needs exactly one of",
    ],
  ])("rejects %j", (raw, message) => {
    expect(() => readApiSpec("iris", raw)).toThrow(SpecError);
    expect(() => readApiSpec("iris", raw)).toThrow(message);
  });
});
