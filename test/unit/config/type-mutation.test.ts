// Every field of a valid file replaced by a value of another type: the schema refuses what it must,
// and no rule reaches into a value the schema refused (which used to stop validation with
// "internal error while validating"). Each outcome is valid or a list of located, per-field errors.

import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { formatConfigError, parseConfig } from "../../../src/config/index.ts";

const probe = (handler: Record<string, unknown>) => ({
  ...handler,
  initial_delay_seconds: 1,
  timeout_seconds: 2,
  period_seconds: 3,
  success_threshold: 1,
  failure_threshold: 4,
});

const container = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  image: "quay.io/org/api:1",
  env: { A: "1", B: "two" },
  command: ["python", "main.py"],
  args: ["--port", "8080"],
  compute: { cpu: "500m", mem: "1Gi", gpu: 1, inf: 0, shm: "64Mi" },
  liveness_probe: probe({ tcp_socket: { port: 8080 } }),
  ...extra,
});

const autoscaling = {
  min_replicas: 1,
  max_replicas: 10,
  init_replicas: 2,
  target_in_flight: 2,
  window: "60s",
  downscale_stabilization_period: "5m",
  upscale_stabilization_period: "1m",
  max_downscale_factor: 0.75,
  max_upscale_factor: 1.5,
  downscale_tolerance: 0.05,
  upscale_tolerance: 0.05,
  panic_window: "6s",
  panic_threshold: 2,
};
const updateStrategy = { max_surge: "25%", max_unavailable: 1, progress_deadline: "10m" };
const artifacts = [{ path: "model/", mount: "/mnt/model" }, { path: "data/*.csv" }];

/** One API of each kind, every field written (copied through JSON: no shared objects, no aliases). */
const BASE: unknown[] = JSON.parse(
  JSON.stringify([
    {
      name: "api",
      kind: "RealtimeAPI",
      pod: {
        port: 8080,
        max_concurrency: 2,
        max_queue_length: 10,
        containers: [
          container("api", {
            readiness_probe: probe({ http_get: { path: "/healthz", port: 8080 } }),
            pre_stop: { http_get: { path: "/stop", port: 8080 } },
          }),
          container("side", {
            readiness_probe: probe({ exec: { command: ["true"] } }),
            pre_stop: { exec: { command: ["sleep", "1"] } },
          }),
        ],
      },
      node_groups: ["cpu", "gpu"],
      networking: { endpoint: "/v1/api" },
      autoscaling,
      update_strategy: updateStrategy,
      artifacts,
    },
    {
      name: "queue",
      kind: "AsyncAPI",
      pod: {
        port: 8080,
        max_concurrency: 2,
        containers: [
          container("api", {
            readiness_probe: probe({ http_get: { port: 8080 } }),
            pre_stop: null,
          }),
        ],
      },
      node_groups: null,
      networking: { endpoint: "/queue" },
      autoscaling,
      update_strategy: updateStrategy,
      artifacts,
    },
    {
      name: "batch",
      kind: "BatchAPI",
      pod: { port: 8080, containers: [container("api", { readiness_probe: null })] },
      node_groups: ["cpu"],
      networking: { endpoint: "/batch" },
      artifacts,
    },
    {
      name: "task",
      kind: "TaskAPI",
      pod: { containers: [container("api", { compute: { cpu: 1, mem: 2147483648 } })] },
      node_groups: null,
      networking: { endpoint: "/task" },
      artifacts,
    },
    {
      name: "split",
      kind: "TrafficSplitter",
      apis: [
        { name: "api", weight: 90 },
        { name: "other", weight: 10, shadow: false },
        { name: "shadowed", weight: 0, shadow: true },
      ],
      networking: { endpoint: "/split" },
    },
  ]),
);

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = []): Path[] {
  const out: Path[] = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...path, i]));
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...path, k]));
  }
  return out;
}

function withValue(root: unknown, path: Path, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

const MUTATIONS: readonly [string, unknown][] = [
  ["null", null],
  ["a string", "text"],
  ["a number", 7],
  ["a boolean", true],
  ["an empty list", []],
  ["a list holding null", [null]],
  ["a list of strings", ["x"]],
  ["an empty mapping", {}],
  ["a mapping", { x: null }],
];

describe("every field given a value of another type", () => {
  it("starts from a valid file", () => {
    const result = parseConfig(stringify(BASE), "cortex.yaml");
    expect(result.ok ? [] : result.errors.map(formatConfigError)).toEqual([]);
  });

  // Each API alone in its file (a TrafficSplitter's targets may be deployed already): the rules
  // are per API, and a small file keeps the ~2,500 runs quick.
  const cases = BASE.flatMap((api) => pathsOf(api).map((path) => ({ api, path })));
  it.each(MUTATIONS)("%s: located errors, never an internal error", (_, value) => {
    expect(cases.length).toBeGreaterThan(250);
    for (const { api, path } of cases) {
      const result = parseConfig(stringify([withValue(api, path, value)]), "cortex.yaml");
      if (result.ok) continue;
      const where = `${(api as { kind: string }).kind} ${JSON.stringify(path)} = ${JSON.stringify(value)}`;
      const all = result.errors.map(formatConfigError).join("\n");
      for (const e of result.errors) {
        expect(e.message, where).not.toContain("internal error");
        // Located at a field, not at the file as a whole.
        expect(e.path, `${where}: ${all}`).toMatch(/^\[0\]/);
        expect(e.line, where).toBeGreaterThanOrEqual(1);
        expect(e.column, where).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("reports a containers field that is not a list of mappings as such", () => {
    const messages = (containers: unknown) => {
      const result = parseConfig(
        stringify(withValue(BASE, [0, "pod", "containers"], containers)),
        "cortex.yaml",
      );
      return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
    };
    expect(messages({ name: "c", image: "img" })).toEqual([
      "[0].pod.containers: must be a list, got a mapping",
    ]);
    expect(messages("img")).toEqual(['[0].pod.containers: must be a list, got the string "img"']);
    expect(messages([null])).toEqual(["[0].pod.containers[0]: must be a mapping, got null"]);
  });
});
