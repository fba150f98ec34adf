// The typed config has every default filled in, including those that depend on other fields.

import { describe, expect, it } from "vitest";
import { type ApiConfig, type CortexConfig, parseConfig } from "../../../src/config/index.ts";

function load(yaml: string): CortexConfig {
  const result = parseConfig(yaml, "examples/iris/cortex.yaml");
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.config;
}

function only(yaml: string): ApiConfig {
  const [api] = load(yaml).apis;
  if (api === undefined) throw new Error("no API");
  return api;
}

const MINIMAL = `- name: iris
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: ghcr.io/acme/iris:1
`;

describe("defaults", () => {
  it("fills in every default of a minimal RealtimeAPI", () => {
    expect(only(MINIMAL)).toEqual({
      name: "iris",
      kind: "RealtimeAPI",
      pod: {
        port: 8080,
        max_concurrency: 1,
        max_queue_length: 100,
        containers: [
          {
            name: "api",
            image: "ghcr.io/acme/iris:1",
            env: {},
            command: null,
            args: null,
            compute: { cpu: "200m", mem: null, gpu: 0, inf: 0, shm: null },
            readiness_probe: null,
            liveness_probe: null,
            pre_stop: null,
          },
        ],
      },
      node_groups: null,
      networking: { endpoint: "/iris" },
      autoscaling: {
        min_replicas: 1,
        max_replicas: 100,
        init_replicas: 1,
        target_in_flight: 1,
        window: "60s",
        downscale_stabilization_period: "5m",
        upscale_stabilization_period: "1m",
        max_downscale_factor: 0.75,
        max_upscale_factor: 1.5,
        downscale_tolerance: 0.05,
        upscale_tolerance: 0.05,
        panic_window: "6s",
        panic_threshold: 2,
      },
      update_strategy: { max_surge: "25%", max_unavailable: "25%", progress_deadline: "10m" },
      artifacts: [],
    });
  });

  it("derives init_replicas from min_replicas and target_in_flight from max_concurrency", () => {
    const api = only(
      MINIMAL.replace("  pod:\n", "  pod:\n    max_concurrency: 8\n") +
        "  autoscaling:\n    min_replicas: 3\n",
    );
    if (api.kind !== "RealtimeAPI") throw new Error(api.kind);
    expect(api.autoscaling.init_replicas).toBe(3);
    expect(api.autoscaling.target_in_flight).toBe(8);
  });

  it("keeps values the user wrote over derived defaults", () => {
    const api = only(
      `${MINIMAL}  autoscaling:\n    min_replicas: 1\n    init_replicas: 4\n    target_in_flight: 2.5\n`,
    );
    if (api.kind !== "RealtimeAPI") throw new Error(api.kind);
    expect(api.autoscaling.init_replicas).toBe(4);
    expect(api.autoscaling.target_in_flight).toBe(2.5);
  });

  it("fills probe defaults and the http_get path", () => {
    const api = only(`${MINIMAL}        readiness_probe:\n          http_get: {port: 8080}\n`);
    if (api.kind !== "RealtimeAPI") throw new Error(api.kind);
    expect(api.pod.containers[0]?.readiness_probe).toEqual({
      http_get: { path: "/", port: 8080 },
      tcp_socket: null,
      exec: null,
      initial_delay_seconds: 0,
      timeout_seconds: 1,
      period_seconds: 10,
      success_threshold: 1,
      failure_threshold: 3,
    });
  });

  it("normalises quantities, surge values, endpoints and a null port", () => {
    const api = only(
      MINIMAL.replace("  pod:\n", "  pod:\n    port: null\n") +
        "        compute: {cpu: 1, mem: 2.5Gi, shm: 1073741824}\n" +
        '  update_strategy: {max_surge: "3", max_unavailable: 0}\n' +
        "  networking: {endpoint: v1/iris/}\n" +
        "  artifacts:\n    - path: model\n",
    );
    if (api.kind !== "RealtimeAPI") throw new Error(api.kind);
    expect(api.pod.port).toBe(8080);
    expect(api.pod.containers[0]?.compute).toEqual({
      cpu: "1",
      mem: "2.5Gi",
      gpu: 0,
      inf: 0,
      shm: "1073741824",
    });
    expect(api.update_strategy).toEqual({
      max_surge: 3,
      max_unavailable: 0,
      progress_deadline: "10m",
    });
    expect(api.networking.endpoint).toBe("/v1/iris");
    expect(api.artifacts).toEqual([{ path: "model", mount: "/mnt/artifacts" }]);
  });

  it("accepts a container named downloader when the API has no artifacts", () => {
    for (const artifacts of ["", "  artifacts: []\n"]) {
      const api = only(MINIMAL.replace("- name: api", "- name: downloader") + artifacts);
      if (api.kind !== "RealtimeAPI") throw new Error(api.kind);
      expect(api.pod.containers[0]?.name).toBe("downloader");
    }
  });

  it("takes surge values written as strings up to the int32 limit", () => {
    const api = only(
      `${MINIMAL}  update_strategy: {max_surge: "2147483647", max_unavailable: "007"}\n`,
    );
    if (api.kind !== "RealtimeAPI") throw new Error(api.kind);
    expect(api.update_strategy.max_surge).toBe(2147483647);
    expect(api.update_strategy.max_unavailable).toBe(7);
  });

  it.each([
    `quay.io/org/api@sha256:${"0123456789abcdef".repeat(4)}`,
    `quay.io/org/api:1@sha512:${"0123456789ABCDEF".repeat(8)}`,
    `localhost:5000/api@blake3:${"f".repeat(32)}`,
    `org/api@multihash+base58.v1:${"a".repeat(40)}`,
  ])("accepts the image digest in %s, of any algorithm, as Cortex does", (image) => {
    const api = only(MINIMAL.replace("ghcr.io/acme/iris:1", image));
    expect(api.kind === "RealtimeAPI" && api.pod.containers[0]?.image).toBe(image);
  });

  it("takes an explicit null port for a TaskAPI, as none", () => {
    const api = only(`- name: trainer
  kind: TaskAPI
  pod:
    port: null
    containers:
      - {name: trainer, image: "quay.io/org/t:1", command: [python, main.py]}
`);
    if (api.kind !== "TaskAPI") throw new Error(api.kind);
    expect(Object.keys(api.pod)).toEqual(["containers"]);
  });

  it("gives the other kinds their own field sets", () => {
    const config = load(`- name: trainer
  kind: TaskAPI
  pod:
    containers:
      - {name: trainer, image: "quay.io/org/t:1", command: [python, main.py]}
- name: batch
  kind: BatchAPI
  pod:
    containers:
      - {name: api, image: "quay.io/org/b:1", command: [run]}
- name: queue
  kind: AsyncAPI
  pod:
    max_concurrency: 4
    containers:
      - {name: api, image: "quay.io/org/a:1"}
- name: split
  kind: TrafficSplitter
  apis:
    - {name: live, weight: 100}
    - {name: candidate, weight: 10, shadow: true}
`);
    const [task, batch, queue, split] = config.apis;
    expect(task?.kind === "TaskAPI" && task.pod).toEqual({
      containers: [
        {
          name: "trainer",
          image: "quay.io/org/t:1",
          command: ["python", "main.py"],
          args: null,
          env: {},
          compute: { cpu: "200m", mem: null, gpu: 0, inf: 0, shm: null },
          liveness_probe: null,
        },
      ],
    });
    expect(batch?.kind === "BatchAPI" && batch.pod.port).toBe(8080);
    expect(batch && "autoscaling" in batch).toBe(false);
    expect(queue?.kind === "AsyncAPI" && queue.autoscaling.target_in_flight).toBe(4);
    expect(queue?.kind === "AsyncAPI" && "max_queue_length" in queue.pod).toBe(false);
    // Targets not in the file are allowed: they may already be deployed.
    expect(split).toEqual({
      name: "split",
      kind: "TrafficSplitter",
      apis: [
        { name: "live", weight: 100, shadow: false },
        { name: "candidate", weight: 10, shadow: true },
      ],
      networking: { endpoint: "/split" },
    });
  });

  it("reads YAML as Cortex does: 1.1 booleans and merge keys, keys as written", () => {
    const config = load(`- &base
  name: a
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: quay.io/org/api:1
        env: {N: "1", on: "2"}
- <<: *base
  name: b
- name: split
  kind: TrafficSplitter
  apis:
    - {name: a, weight: 100}
    - {name: b, weight: 0, shadow: yes}
`);
    const [a, b, split] = config.apis;
    expect(a?.kind === "RealtimeAPI" && a.pod.containers[0]?.env).toEqual({ N: "1", on: "2" });
    expect(b?.name).toBe("b");
    expect(b?.networking.endpoint).toBe("/b");
    expect(split?.kind === "TrafficSplitter" && split.apis[1]?.shadow).toBe(true);
  });

  it("locates fields, falling back to the nearest existing node", () => {
    const config = load(
      `${MINIMAL}  artifacts:\n    - path: model\n    - path: data\n      mount: /mnt/data\n`,
    );
    expect(config.locate([0, "pod", "containers", 0, "image"])).toEqual({ line: 6, column: 16 });
    expect(config.locate([0, "artifacts", 1, "path"])).toEqual({ line: 9, column: 13 });
    // mount of artifacts[0] is a default: the nearest written node is that artifact's mapping.
    expect(config.locate([0, "artifacts", 0, "mount"])).toEqual({ line: 8, column: 7 });
    expect(config.locate([0, "autoscaling", "window"])).toEqual({ line: 1, column: 3 });
    expect(config.locate([])).toEqual({ line: 1, column: 1 });
  });

  it("records the file as given and its absolute folder", () => {
    const config = load(MINIMAL);
    expect(config.file).toBe("examples/iris/cortex.yaml");
    expect(config.dir).toBe(`${process.cwd()}/examples/iris`);
  });
});
