// One invalid cortex.yaml per rule and per kind of broken input: each must give exactly one error,
// at the exact path and line (and column where it is meaningful), with a readable message.

import { describe, expect, it } from "vitest";
import { type ConfigError, formatConfigError, parseConfig } from "../../../src/config/index.ts";

// A valid RealtimeAPI; cases edit it in place (keeping line numbers) or append from line 13.
// Columns: keys of the API at 3, of pod at 5, of the container at 9, of compute at 11.
const BASE = `- name: api
  kind: RealtimeAPI
  pod:
    port: 8080
    max_concurrency: 2
    max_queue_length: 10
    containers:
      - name: api
        image: quay.io/org/api:1
        compute:
          cpu: 500m
          mem: 1Gi
`;
const rt = (extra = "") => BASE + extra;
const edit = (from: string, to: string, extra = "") => {
  if (!BASE.includes(from)) throw new Error(`BASE has no ${from}`);
  return BASE.replace(from, to) + extra;
};

const TASK = `- name: trainer
  kind: TaskAPI
  pod:
    containers:
      - name: trainer
        image: quay.io/org/trainer:1
        command: [python, main.py]
`;
const BATCH = `- name: batch
  kind: BatchAPI
  pod:
    containers:
      - name: api
        image: quay.io/org/batch:1
        command: [uvicorn, main:app]
`;
const ASYNC = `- name: queue
  kind: AsyncAPI
  pod:
    containers:
      - name: api
        image: quay.io/org/async:1
`;
const splitter = (apis: string, extra = "") => `${rt()}- name: split
  kind: TrafficSplitter
  apis:
${apis}${extra}`;
// In splitter(): the TrafficSplitter's name is on line 13, `apis:` on 15, its items from 16.

const tooBig = `# ${"x".repeat(1024 * 1024)}\n`;
const notUtf8 = new Uint8Array([...new TextEncoder().encode("- name: api\n  kind: R"), 0xc3, 0x28]);
const bomb = [
  "- name: api",
  "  a: &a [x, x, x, x, x, x, x, x, x, x]",
  "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "",
].join("\n");

interface Case {
  name: string;
  yaml: string | Uint8Array;
  path: string;
  line: number;
  column?: number;
  message: string;
}

const cases: Case[] = [
  // Broken input.
  {
    name: "YAML syntax: unclosed quote",
    yaml: "- name: 'api\n  kind: RealtimeAPI\n",
    path: "",
    line: 3,
    message: "invalid YAML: missing closing 'quote",
  },
  {
    name: "YAML syntax: unclosed flow list",
    yaml: `${rt()}  node_groups: [a, b\n`,
    path: "",
    line: 14,
    message: "invalid YAML",
  },
  {
    name: "keys that are one boolean in YAML 1.1",
    yaml: edit("          mem: 1Gi\n", "          mem: 1Gi\n        env: {N: a, n: b}\n"),
    path: "[0].pod.containers[0].env.n",
    line: 13,
    column: 21,
    message: "keys `N` (line 13) and `n` are the same key in YAML 1.1",
  },
  {
    name: "tab as indentation",
    yaml: "- name: api\n\tkind: RealtimeAPI\n",
    path: "",
    line: 2,
    column: 1,
    message: "tab used as indentation",
  },
  {
    name: "tab after spaces in indentation",
    yaml: edit("    port: 8080", "  \t  port: 8080"),
    path: "",
    line: 4,
    column: 3,
    message: "tab used as indentation",
  },
  { name: "alias bomb", yaml: bomb, path: "", line: 5, message: "alias bomb" },
  {
    name: "too many aliases",
    yaml: `- name: &n api\n  kind: RealtimeAPI\n  x: [${Array(1001).fill("*n").join(", ")}]\n`,
    path: "",
    line: 3,
    column: 7 + 4 * 1000,
    message: "more than 1000 aliases",
  },
  {
    name: "unknown alias",
    yaml: edit("image: quay.io/org/api:1", "image: *img"),
    path: "",
    line: 9,
    column: 16,
    message: "unknown alias `*img`",
  },
  {
    name: "file over 1 MiB",
    yaml: tooBig,
    path: "",
    line: 1,
    column: 1,
    message: "the limit is 1 MiB",
  },
  {
    name: "non-UTF-8 bytes",
    yaml: notUtf8,
    path: "",
    line: 2,
    column: 10,
    message: "not valid UTF-8 (byte 0xc3)",
  },
  { name: "empty file", yaml: "", path: "", line: 1, column: 1, message: "file is empty" },
  {
    name: "only whitespace",
    yaml: "\n  \n",
    path: "",
    line: 1,
    column: 1,
    message: "file is empty",
  },
  {
    name: "only comments",
    yaml: "# nothing yet\n",
    path: "",
    line: 1,
    column: 1,
    message: "file is empty",
  },
  {
    name: "top-level mapping",
    yaml: "# one API\nname: api\nkind: RealtimeAPI\n",
    path: "",
    line: 2,
    column: 1,
    message: "expected a list of APIs at the top level, found a mapping",
  },
  {
    name: "top-level scalar",
    yaml: "hello\n",
    path: "",
    line: 1,
    column: 1,
    message: "found a single value",
  },
  {
    name: "empty list",
    yaml: "[]\n",
    path: "",
    line: 1,
    column: 1,
    message: "the file lists no APIs",
  },
  {
    name: "the first of several YAML documents is empty",
    yaml: `---\n# the APIs\n---\n${rt()}`,
    path: "",
    line: 3,
    column: 1,
    message: "the first YAML document is empty, and Cortex reads only the first",
  },
  {
    name: "list item is not a mapping",
    yaml: "- just-a-name\n",
    path: "[0]",
    line: 1,
    column: 3,
    message: 'must be a mapping, got the string "just-a-name"',
  },

  // Identity.
  {
    name: "missing name",
    yaml: edit("- name: api\n  kind: RealtimeAPI", "- kind: RealtimeAPI"),
    path: "[0].name",
    line: 1,
    column: 3,
    message: "required field is missing",
  },
  {
    name: "missing kind",
    yaml: edit("  kind: RealtimeAPI\n", ""),
    path: "[0].kind",
    line: 1,
    column: 3,
    message: "required field is missing",
  },
  {
    name: "unknown kind with suggestion",
    yaml: edit("kind: RealtimeAPI", "kind: RealtimeApi"),
    path: "[0].kind",
    line: 2,
    column: 9,
    message: "did you mean `RealtimeAPI`?",
  },
  {
    name: "name not DNS-1035",
    yaml: edit("- name: api", "- name: My_API"),
    path: "[0].name",
    line: 1,
    column: 9,
    message: "must be a DNS-1035 label",
  },
  {
    name: "name over 42 characters",
    yaml: edit("- name: api", `- name: a${"b".repeat(42)}`),
    path: "[0].name",
    line: 1,
    column: 9,
    message: "at most 42 characters long, got 43",
  },
  {
    name: "duplicate API name",
    yaml: rt(
      BASE.replace("kind: RealtimeAPI", "kind: RealtimeAPI\n  networking:\n    endpoint: /other"),
    ),
    path: "[1].name",
    line: 13,
    column: 9,
    message: "API name `api` is already used by [0]",
  },

  // Unknown fields.
  {
    name: "unknown field with suggestion",
    yaml: rt("  autoscaling:\n    max_replica: 3\n"),
    path: "[0].autoscaling.max_replica",
    line: 14,
    column: 5,
    message: "unknown field `max_replica`; did you mean `max_replicas`?",
  },
  {
    name: "unknown top-level field with suggestion",
    yaml: rt("  autoscalling:\n    max_replicas: 3\n"),
    path: "[0].autoscalling",
    line: 13,
    column: 3,
    message: "did you mean `autoscaling`?",
  },
  {
    name: "unknown field without a close name",
    yaml: rt("  colour: red\n"),
    path: "[0].colour",
    line: 13,
    column: 3,
    message: "unknown field `colour`; known fields here: name, kind, pod",
  },
  {
    name: "predictor of an older Cortex format",
    yaml: rt("  predictor:\n    type: python\n"),
    path: "[0].predictor",
    line: 13,
    column: 3,
    message:
      "unknown field `predictor`; it is from Cortex's format before v0.42 (cortex-deploy reads v0.42's), replaced by the containers listed under `pod.containers`",
  },
  {
    name: "API-level compute of an older Cortex format",
    yaml: rt("  compute:\n    cpu: 1\n"),
    path: "[0].compute",
    line: 13,
    column: 3,
    message: "replaced by each container's own `compute` (`pod.containers[].compute`)",
  },
  {
    name: "target_replica_concurrency of an older Cortex format",
    yaml: rt("  autoscaling:\n    target_replica_concurrency: 2\n"),
    path: "[0].autoscaling.target_replica_concurrency",
    line: 14,
    column: 5,
    message: "replaced by `autoscaling.target_in_flight`",
  },
  {
    name: "compute inside a container is not taken for the older API-level field",
    yaml: edit("          mem: 1Gi", "          mem: 1Gi\n          predictor: x"),
    path: "[0].pod.containers[0].compute.predictor",
    line: 13,
    column: 11,
    message: "unknown field `predictor`; known fields here: cpu, mem, gpu, inf, shm",
  },
  {
    name: "unknown container field",
    yaml: rt("        imagePullPolicy: Always\n"),
    path: "[0].pod.containers[0].imagePullPolicy",
    line: 13,
    column: 9,
    message: "unknown field `imagePullPolicy`",
  },

  // Pod.
  {
    name: "missing pod",
    yaml: "- name: api\n  kind: RealtimeAPI\n",
    path: "[0].pod",
    line: 1,
    column: 3,
    message: "required field is missing",
  },
  {
    name: "missing containers",
    yaml: "- name: api\n  kind: RealtimeAPI\n  pod:\n    port: 8080\n",
    path: "[0].pod.containers",
    line: 4,
    column: 5,
    message: "required field is missing",
  },
  {
    name: "empty containers",
    yaml: "- name: api\n  kind: RealtimeAPI\n  pod:\n    containers: []\n",
    path: "[0].pod.containers",
    line: 4,
    column: 17,
    message: "must list at least one container",
  },
  {
    name: "port 0",
    yaml: edit("port: 8080", "port: 0"),
    path: "[0].pod.port",
    line: 4,
    column: 11,
    message: "must be at least 1, got 0",
  },
  {
    name: "port above 65535",
    yaml: edit("port: 8080", "port: 70000"),
    path: "[0].pod.port",
    line: 4,
    column: 11,
    message: "must be at most 65535, got 70000",
  },
  {
    name: "port not an integer",
    yaml: edit("port: 8080", "port: http"),
    path: "[0].pod.port",
    line: 4,
    column: 11,
    message: 'must be an integer or null, got the string "http"',
  },
  {
    name: "reserved port 8888",
    yaml: edit("port: 8080", "port: 8888"),
    path: "[0].pod.port",
    line: 4,
    column: 11,
    message: "port 8888 is reserved",
  },
  {
    name: "reserved port 15000",
    yaml: edit("port: 8080", "port: 15000"),
    path: "[0].pod.port",
    line: 4,
    column: 11,
    message: "port 15000 is reserved",
  },
  {
    name: "max_concurrency 0",
    yaml: edit("max_concurrency: 2", "max_concurrency: 0"),
    path: "[0].pod.max_concurrency",
    line: 5,
    column: 22,
    message: "must be at least 1, got 0",
  },
  {
    name: "max_concurrency above 30000",
    yaml: edit("max_concurrency: 2", "max_concurrency: 30001"),
    path: "[0].pod.max_concurrency",
    line: 5,
    column: 22,
    message: "must be at most 30000",
  },
  {
    name: "max_queue_length 0",
    yaml: edit("max_queue_length: 10", "max_queue_length: 0"),
    path: "[0].pod.max_queue_length",
    line: 6,
    column: 23,
    message: "must be at least 1, got 0",
  },
  {
    name: "max_queue_length above 30000",
    yaml: edit("max_queue_length: 10", "max_queue_length: 30001"),
    path: "[0].pod.max_queue_length",
    line: 6,
    column: 23,
    message: "must be at most 30000",
  },

  // Containers.
  {
    name: "missing image",
    yaml: edit("        image: quay.io/org/api:1\n", ""),
    path: "[0].pod.containers[0].image",
    line: 8,
    column: 9,
    message: "required field is missing",
  },
  {
    name: "bad image reference",
    yaml: edit("image: quay.io/org/api:1", "image: Quay.io/Org/API"),
    path: "[0].pod.containers[0].image",
    line: 9,
    column: 16,
    message: "must be a container image reference",
  },
  {
    name: "image digest shorter than 32 hex digits",
    yaml: edit("image: quay.io/org/api:1", `image: quay.io/org/api@sha256:${"a".repeat(31)}`),
    path: "[0].pod.containers[0].image",
    line: 9,
    column: 16,
    message: "must be a container image reference",
  },
  {
    name: "container name not DNS-1035",
    yaml: edit("      - name: api", "      - name: 1api"),
    path: "[0].pod.containers[0].name",
    line: 8,
    column: 15,
    message: "must be a DNS-1035 label",
  },
  {
    name: "container name over 63 characters",
    yaml: edit("      - name: api", `      - name: a${"b".repeat(63)}`),
    path: "[0].pod.containers[0].name",
    line: 8,
    column: 15,
    message: "at most 63 characters",
  },
  {
    name: "container named proxy",
    yaml: edit("      - name: api", "      - name: proxy"),
    path: "[0].pod.containers[0].name",
    line: 8,
    column: 15,
    message: "container name `proxy` is reserved",
  },
  {
    name: "container named dequeuer",
    yaml: edit("      - name: api", "      - name: dequeuer"),
    path: "[0].pod.containers[0].name",
    line: 8,
    column: 15,
    message: "container name `dequeuer` is reserved",
  },
  {
    name: "container named downloader in an API with artifacts (our init container)",
    yaml: edit(
      "      - name: api",
      "      - name: downloader",
      "  artifacts:\n    - path: model\n",
    ),
    path: "[0].pod.containers[0].name",
    line: 8,
    column: 15,
    message:
      "container name `downloader` is taken by the init container that fetches this API's artifacts",
  },
  {
    name: "duplicate container names",
    yaml: rt("      - name: api\n        image: quay.io/org/sidecar:1\n"),
    path: "[0].pod.containers[1].name",
    line: 13,
    column: 15,
    message: "container name `api` is already used by containers[0]",
  },
  {
    name: "env value not a string",
    yaml: rt("        env:\n          WORKERS: 4\n"),
    path: "[0].pod.containers[0].env.WORKERS",
    line: 14,
    column: 20,
    message: "must be a string; quote numbers and booleans",
  },
  {
    name: "env name invalid",
    yaml: rt('        env:\n          "1X": "a"\n'),
    path: '[0].pod.containers[0].env["1X"]',
    line: 14,
    column: 11,
    message: "must be a valid environment variable name",
  },
  {
    name: "env name starts with CORTEX_",
    yaml: rt('        env:\n          CORTEX_PORT: "1"\n'),
    path: "[0].pod.containers[0].env.CORTEX_PORT",
    line: 14,
    column: 11,
    message: "starting with CORTEX_ or KUBEXIT_ are reserved",
  },
  {
    name: "env name starts with KUBEXIT_",
    yaml: rt('        env:\n          KUBEXIT_NAME: "x"\n'),
    path: "[0].pod.containers[0].env.KUBEXIT_NAME",
    line: 14,
    column: 11,
    message: "starting with CORTEX_ or KUBEXIT_ are reserved",
  },
  {
    name: "command not a list",
    yaml: rt("        command: python main.py\n"),
    path: "[0].pod.containers[0].command",
    line: 13,
    column: 18,
    message: "must be a list or null",
  },
  {
    name: "args item not a string",
    yaml: rt("        args: [--workers, 4]\n"),
    path: "[0].pod.containers[0].args[1]",
    line: 13,
    column: 27,
    message: "must be a string; quote numbers",
  },

  // Compute.
  {
    name: "cpu below 20m",
    yaml: edit("cpu: 500m", "cpu: 10m"),
    path: "[0].pod.containers[0].compute.cpu",
    line: 11,
    column: 16,
    message: 'must be at least 20m, got "10m"',
  },
  {
    name: "cpu not a quantity",
    yaml: edit("cpu: 500m", "cpu: lots"),
    path: "[0].pod.containers[0].compute.cpu",
    line: 11,
    column: 16,
    message: "must be a Kubernetes quantity",
  },
  {
    name: "mem below 20Mi",
    yaml: edit("mem: 1Gi", "mem: 10Mi"),
    path: "[0].pod.containers[0].compute.mem",
    line: 12,
    column: 16,
    message: 'must be at least 20Mi, got "10Mi"',
  },
  {
    name: "shm above mem",
    yaml: rt("          shm: 2Gi\n"),
    path: "[0].pod.containers[0].compute.shm",
    line: 13,
    column: 16,
    message: "must not exceed mem (1Gi)",
  },
  {
    name: "gpu negative",
    yaml: rt("          gpu: -1\n"),
    path: "[0].pod.containers[0].compute.gpu",
    line: 13,
    column: 16,
    message: "must be at least 0, got -1",
  },
  {
    name: "gpu not an integer",
    yaml: rt("          gpu: 1.5\n"),
    path: "[0].pod.containers[0].compute.gpu",
    line: 13,
    column: 16,
    message: "must be an integer, got 1.5",
  },
  {
    name: "gpu and inf together",
    yaml: rt(
      "          gpu: 1\n      - name: rtd\n        image: quay.io/org/rtd:1\n        compute:\n          inf: 1\n",
    ),
    path: "[0].pod.containers[1].compute.inf",
    line: 17,
    column: 16,
    message: "cannot request both gpu and inf",
  },

  // Probes.
  {
    name: "probe without a handler",
    yaml: rt("        readiness_probe:\n          period_seconds: 5\n"),
    path: "[0].pod.containers[0].readiness_probe",
    line: 13,
    column: 9,
    message: "must set exactly one of http_get, tcp_socket, exec; found none",
  },
  {
    name: "probe with two handlers",
    yaml: rt(
      "        liveness_probe:\n          tcp_socket: {port: 8080}\n          exec: {command: [ls]}\n",
    ),
    path: "[0].pod.containers[0].liveness_probe",
    line: 13,
    column: 9,
    message: "found tcp_socket and exec",
  },
  {
    name: "http_get without port",
    yaml: rt("        readiness_probe:\n          http_get: {path: /healthz}\n"),
    path: "[0].pod.containers[0].readiness_probe.http_get.port",
    line: 14,
    column: 21,
    message: "required field is missing",
  },
  {
    name: "probe on a reserved port",
    yaml: rt("        readiness_probe:\n          http_get: {port: 15000}\n"),
    path: "[0].pod.containers[0].readiness_probe.http_get.port",
    line: 14,
    column: 28,
    message: "port 15000 is reserved",
  },
  {
    name: "probe timeout negative",
    yaml: rt(
      "        readiness_probe:\n          tcp_socket: {port: 8080}\n          timeout_seconds: -1\n",
    ),
    path: "[0].pod.containers[0].readiness_probe.timeout_seconds",
    line: 15,
    column: 28,
    message: "must be at least 0, got -1",
  },
  {
    name: "liveness success_threshold above 1",
    yaml: rt(
      "        liveness_probe:\n          tcp_socket: {port: 8080}\n          success_threshold: 2\n",
    ),
    path: "[0].pod.containers[0].liveness_probe.success_threshold",
    line: 15,
    column: 30,
    message: "must be 1 for a liveness probe",
  },
  {
    name: "pre_stop without a handler",
    yaml: rt("        pre_stop: {}\n"),
    path: "[0].pod.containers[0].pre_stop",
    line: 13,
    column: 9,
    message: "must set exactly one of http_get, exec; found none",
  },
  {
    name: "readiness exec with an empty command",
    yaml: rt("        readiness_probe:\n          exec: {command: []}\n"),
    path: "[0].pod.containers[0].readiness_probe.exec.command",
    line: 14,
    column: 27,
    message: "must not be empty; list the command to run, such as [cat, /tmp/ready]",
  },
  {
    name: "pre_stop exec with an empty command",
    yaml: rt("        pre_stop: {exec: {command: []}}\n"),
    path: "[0].pod.containers[0].pre_stop.exec.command",
    line: 13,
    column: 36,
    message: "must not be empty; list the command to run, such as [cat, /tmp/ready]",
  },

  // Autoscaling.
  {
    name: "min_replicas negative",
    yaml: rt("  autoscaling:\n    min_replicas: -1\n"),
    path: "[0].autoscaling.min_replicas",
    line: 14,
    column: 19,
    message: "must be at least 0, got -1",
  },
  {
    name: "max_replicas 0",
    yaml: rt("  autoscaling:\n    max_replicas: 0\n"),
    path: "[0].autoscaling.max_replicas",
    line: 14,
    column: 19,
    message: "must be at least 1, got 0",
  },
  {
    name: "min_replicas above max_replicas",
    yaml: rt("  autoscaling:\n    min_replicas: 5\n    max_replicas: 3\n"),
    path: "[0].autoscaling.min_replicas",
    line: 14,
    column: 19,
    message: "min_replicas (5) must not exceed max_replicas (3)",
  },
  {
    name: "default min_replicas above max_replicas",
    yaml: rt("  autoscaling:\n    max_replicas: 0\n".replace("0", "1")).replace(
      "max_replicas: 1",
      "max_replicas: 1\n    init_replicas: 1\n    min_replicas: 2",
    ),
    path: "[0].autoscaling.min_replicas",
    line: 16,
    column: 19,
    message: "must not exceed max_replicas (1)",
  },
  {
    name: "init_replicas below min_replicas",
    yaml: rt("  autoscaling:\n    min_replicas: 2\n    init_replicas: 1\n"),
    path: "[0].autoscaling.init_replicas",
    line: 15,
    column: 20,
    message: "init_replicas (1) must be between min_replicas (2) and max_replicas (100)",
  },
  {
    name: "init_replicas above max_replicas",
    yaml: rt("  autoscaling:\n    max_replicas: 4\n    init_replicas: 5\n"),
    path: "[0].autoscaling.init_replicas",
    line: 15,
    column: 20,
    message: "must be between min_replicas (1) and max_replicas (4)",
  },
  {
    name: "target_in_flight 0",
    yaml: rt("  autoscaling:\n    target_in_flight: 0\n"),
    path: "[0].autoscaling.target_in_flight",
    line: 14,
    column: 23,
    message: "must be greater than 0, got 0",
  },
  {
    name: "target_in_flight above max_concurrency + max_queue_length",
    yaml: rt("  autoscaling:\n    target_in_flight: 12.5\n"),
    path: "[0].autoscaling.target_in_flight",
    line: 14,
    column: 23,
    message: "(2 + 10 = 12)",
  },
  {
    name: "window below 10s",
    yaml: rt("  autoscaling:\n    window: 5s\n"),
    path: "[0].autoscaling.window",
    line: 14,
    column: 13,
    message: 'must be at least 10s, got "5s"',
  },
  {
    name: "window not a multiple of 10s",
    yaml: rt("  autoscaling:\n    window: 1m5s\n"),
    path: "[0].autoscaling.window",
    line: 14,
    column: 13,
    message: 'must be a multiple of 10s, got "1m5s"',
  },
  {
    name: "window not a Go duration",
    yaml: rt("  autoscaling:\n    window: 1 minute\n"),
    path: "[0].autoscaling.window",
    line: 14,
    column: 13,
    message: 'invalid duration "1 minute"',
  },
  {
    name: "window a number",
    yaml: rt("  autoscaling:\n    window: 60\n"),
    path: "[0].autoscaling.window",
    line: 14,
    column: 13,
    message: 'must be a duration string such as "60s"',
  },
  {
    name: "downscale_stabilization_period negative",
    yaml: rt("  autoscaling:\n    downscale_stabilization_period: -1m\n"),
    path: "[0].autoscaling.downscale_stabilization_period",
    line: 14,
    column: 37,
    message: "must not be negative",
  },
  {
    name: "upscale_stabilization_period without unit",
    yaml: rt("  autoscaling:\n    upscale_stabilization_period: 30\n"),
    path: "[0].autoscaling.upscale_stabilization_period",
    line: 14,
    column: 35,
    message: "must be a duration string",
  },
  {
    name: "max_downscale_factor 1",
    yaml: rt("  autoscaling:\n    max_downscale_factor: 1\n"),
    path: "[0].autoscaling.max_downscale_factor",
    line: 14,
    column: 27,
    message: "must be less than 1, got 1",
  },
  {
    name: "max_upscale_factor 1",
    yaml: rt("  autoscaling:\n    max_upscale_factor: 1\n"),
    path: "[0].autoscaling.max_upscale_factor",
    line: 14,
    column: 25,
    message: "must be greater than 1, got 1",
  },
  {
    name: "downscale_tolerance 1",
    yaml: rt("  autoscaling:\n    downscale_tolerance: 1\n"),
    path: "[0].autoscaling.downscale_tolerance",
    line: 14,
    column: 26,
    message: "must be less than 1, got 1",
  },
  {
    name: "upscale_tolerance negative",
    yaml: rt("  autoscaling:\n    upscale_tolerance: -0.1\n"),
    path: "[0].autoscaling.upscale_tolerance",
    line: 14,
    column: 24,
    message: "must be at least 0, got -0.1",
  },
  {
    name: "panic_window longer than window (extension)",
    yaml: rt("  autoscaling:\n    panic_window: 90s\n"),
    path: "[0].autoscaling.panic_window",
    line: 14,
    column: 19,
    message: "must not be longer than window (60s)",
  },
  {
    name: "panic_window shorter than the controller's sampling (extension)",
    yaml: rt("  autoscaling:\n    panic_window: 1500ms\n"),
    path: "[0].autoscaling.panic_window",
    line: 14,
    column: 19,
    message:
      'must be at least 2s (the controller samples every second), or 0s to turn panic mode off; got "1500ms"',
  },
  {
    name: "panic_threshold 1 (extension)",
    yaml: rt("  autoscaling:\n    panic_threshold: 1\n"),
    path: "[0].autoscaling.panic_threshold",
    line: 14,
    column: 22,
    message: "must be greater than 1, got 1",
  },

  // Update strategy.
  {
    name: "max_surge not an integer or percentage",
    yaml: rt("  update_strategy:\n    max_surge: lots\n"),
    path: "[0].update_strategy.max_surge",
    line: 14,
    column: 16,
    message: "must be an integer >= 0 or a percentage",
  },
  {
    name: "max_unavailable above 100%",
    yaml: rt("  update_strategy:\n    max_unavailable: 150%\n"),
    path: "[0].update_strategy.max_unavailable",
    line: 14,
    column: 22,
    message: "from 0% to 100%",
  },
  {
    name: "max_surge negative",
    yaml: rt("  update_strategy:\n    max_surge: -1\n"),
    path: "[0].update_strategy.max_surge",
    line: 14,
    column: 16,
    message: "must be at least 0, got -1",
  },
  {
    name: "max_surge above int32 as a string",
    yaml: rt('  update_strategy:\n    max_surge: "3000000000"\n'),
    path: "[0].update_strategy.max_surge",
    line: 14,
    column: 16,
    message: 'must be at most 2147483647, got the string "3000000000"',
  },
  {
    name: "max_unavailable above int32 as a string with leading zeros",
    yaml: rt("  update_strategy:\n    max_unavailable: '02147483648'\n"),
    path: "[0].update_strategy.max_unavailable",
    line: 14,
    column: 22,
    message: 'must be at most 2147483647, got the string "02147483648"',
  },
  {
    name: "max_surge and max_unavailable both zero",
    yaml: rt('  update_strategy:\n    max_surge: 0\n    max_unavailable: "0%"\n'),
    path: "[0].update_strategy",
    line: 13,
    column: 3,
    message: "cannot both be 0",
  },
  {
    name: "progress_deadline 0s (extension)",
    yaml: rt("  update_strategy:\n    progress_deadline: 0s\n"),
    path: "[0].update_strategy.progress_deadline",
    line: 14,
    column: 24,
    message: "must be at least 10s",
  },
  {
    name: "progress_deadline 1ns, which rounded to 1s (extension)",
    yaml: rt("  update_strategy:\n    progress_deadline: 1ns\n"),
    path: "[0].update_strategy.progress_deadline",
    line: 14,
    column: 24,
    message:
      'must be at least 10s (a shorter one rolls back rollouts whose pods are still starting), got "1ns"',
  },
  {
    name: "progress_deadline beyond a day (extension)",
    yaml: rt("  update_strategy:\n    progress_deadline: 24h0m1s\n"),
    path: "[0].update_strategy.progress_deadline",
    line: 14,
    column: 24,
    message: 'must be at most 24h (a rollout not Ready by then will not be), got "24h0m1s"',
  },
  {
    name: "progress_deadline beyond int32 seconds (extension)",
    yaml: rt("  update_strategy:\n    progress_deadline: 1000000h\n"),
    path: "[0].update_strategy.progress_deadline",
    line: 14,
    column: 24,
    message: "must be at most 24h",
  },

  // Networking and node groups.
  {
    name: "endpoint with a space",
    yaml: rt("  networking:\n    endpoint: /a b\n"),
    path: "[0].networking.endpoint",
    line: 14,
    column: 15,
    message: "may contain only letters, digits",
  },
  {
    name: "endpoint with //",
    yaml: rt("  networking:\n    endpoint: /v1//predict\n"),
    path: "[0].networking.endpoint",
    line: 14,
    column: 15,
    message: 'must not contain "//"',
  },
  {
    name: "endpoint /",
    yaml: rt("  networking:\n    endpoint: /\n"),
    path: "[0].networking.endpoint",
    line: 14,
    column: 15,
    message: 'cannot be the root path "/"',
  },
  {
    name: "endpoint over 1000 characters",
    yaml: rt(`  networking:\n    endpoint: /${"a".repeat(1000)}\n`),
    path: "[0].networking.endpoint",
    line: 14,
    column: 15,
    message: "at most 1000 characters long, got 1001",
  },
  {
    name: "endpoint used twice",
    yaml: rt(
      BASE.replace("- name: api", "- name: other").replace(
        "kind: RealtimeAPI",
        "kind: RealtimeAPI\n  networking:\n    endpoint: api/",
      ),
    ),
    path: "[1].networking.endpoint",
    line: 16,
    column: 15,
    message: "endpoint /api is already used by API `api`",
  },
  {
    name: "node_groups empty",
    yaml: rt("  node_groups: []\n"),
    path: "[0].node_groups",
    line: 13,
    column: 16,
    message: "must list at least one node group, or be null",
  },
  {
    name: "node group name invalid",
    yaml: rt("  node_groups: [gpu pool]\n"),
    path: "[0].node_groups[0]",
    line: 13,
    column: 17,
    message: "may contain only letters, digits, '_' and '-'",
  },

  // Artifacts (extension).
  {
    name: "artifact without path",
    yaml: rt("  artifacts:\n    - mount: /mnt/model\n"),
    path: "[0].artifacts[0].path",
    line: 14,
    column: 7,
    message: "required field is missing",
  },
  {
    name: "artifact path absolute",
    yaml: rt("  artifacts:\n    - path: /etc/passwd\n"),
    path: "[0].artifacts[0].path",
    line: 14,
    column: 13,
    message: "must be relative to the folder of cortex.yaml",
  },
  {
    name: "artifact path escapes with ..",
    yaml: rt("  artifacts:\n    - path: model/../../secrets\n"),
    path: "[0].artifacts[0].path",
    line: 14,
    column: 13,
    message: "must stay inside the repository",
  },
  {
    name: "artifact mount relative",
    yaml: rt("  artifacts:\n    - path: model\n      mount: mnt/model\n"),
    path: "[0].artifacts[0].mount",
    line: 15,
    column: 14,
    message: "must be an absolute path in the pod",
  },
  {
    name: "artifact mount at /",
    yaml: rt("  artifacts:\n    - path: model\n      mount: /\n"),
    path: "[0].artifacts[0].mount",
    line: 15,
    column: 14,
    message:
      'cannot be "/": a volume there would hide the image\'s whole file system; mount the artifacts elsewhere, such as /mnt/artifacts',
  },
  {
    name: "artifact mount on a system folder of the image",
    yaml: rt("  artifacts:\n    - path: model\n      mount: /usr/lib/\n"),
    path: "[0].artifacts[0].mount",
    line: 15,
    column: 14,
    message:
      'cannot be "/usr/lib/": a volume there would hide the image\'s own /usr/lib; mount the artifacts elsewhere, such as /mnt/artifacts',
  },
  {
    name: "artifact mount over the ServiceAccount token",
    yaml: rt("  artifacts:\n    - path: model\n      mount: /var/run/secrets/kubernetes.io\n"),
    path: "[0].artifacts[0].mount",
    line: 15,
    column: 14,
    message: "would hide the pod's ServiceAccount token and secrets",
  },
  {
    name: "artifact mount where compute.shm puts shared memory",
    yaml: edit(
      "          mem: 1Gi\n",
      "          mem: 1Gi\n          shm: 64Mi\n",
      "  artifacts:\n    - path: model\n      mount: /dev/shm/\n",
    ),
    path: "[0].artifacts[0].mount",
    line: 16,
    column: 14,
    message:
      "/dev/shm/ is where compute.shm puts the pod's shared memory; mount the artifacts elsewhere",
  },
  {
    name: "artifact mount under /proc",
    yaml: rt("  artifacts:\n    - path: model\n      mount: /proc/model\n"),
    path: "[0].artifacts[0].mount",
    line: 15,
    column: 14,
    message: "would hide what the container runtime provides there",
  },

  // Other kinds.
  {
    name: "AsyncAPI max_concurrency above 100",
    yaml: ASYNC.replace("  pod:\n", "  pod:\n    max_concurrency: 101\n"),
    path: "[0].pod.max_concurrency",
    line: 4,
    column: 22,
    message: "must be at most 100, got 101",
  },
  {
    name: "AsyncAPI max_queue_length",
    yaml: ASYNC.replace("  pod:\n", "  pod:\n    max_queue_length: 5\n"),
    path: "[0].pod.max_queue_length",
    line: 4,
    column: 5,
    message: "field `max_queue_length` is not supported for AsyncAPI",
  },
  {
    name: "AsyncAPI readiness exec",
    yaml: `${ASYNC}        readiness_probe:\n          exec: {command: [ls]}\n`,
    path: "[0].pod.containers[0].readiness_probe.exec",
    line: 8,
    column: 11,
    message: "field `exec` is not supported for AsyncAPI",
  },
  {
    name: "BatchAPI without command",
    yaml: BATCH.replace("        command: [uvicorn, main:app]\n", ""),
    path: "[0].pod.containers[0].command",
    line: 5,
    column: 9,
    message: "required field is missing",
  },
  {
    name: "BatchAPI autoscaling",
    yaml: `${BATCH}  autoscaling:\n    min_replicas: 1\n`,
    path: "[0].autoscaling",
    line: 8,
    column: 3,
    message: "field `autoscaling` is not supported for BatchAPI",
  },
  {
    name: "BatchAPI pre_stop",
    yaml: `${BATCH}        pre_stop: {exec: {command: [ls]}}\n`,
    path: "[0].pod.containers[0].pre_stop",
    line: 8,
    column: 9,
    message: "field `pre_stop` is not supported for BatchAPI",
  },
  {
    name: "TaskAPI port",
    yaml: TASK.replace("  pod:\n", "  pod:\n    port: 8080\n"),
    path: "[0].pod.port",
    line: 4,
    column: 5,
    message: "field `port` is not supported for TaskAPI",
  },
  {
    name: "TaskAPI readiness_probe",
    yaml: `${TASK}        readiness_probe: {tcp_socket: {port: 80}}\n`,
    path: "[0].pod.containers[0].readiness_probe",
    line: 8,
    column: 9,
    message: "field `readiness_probe` is not supported for TaskAPI",
  },
  {
    name: "TrafficSplitter without apis",
    yaml: `${rt()}- name: split\n  kind: TrafficSplitter\n`,
    path: "[1].apis",
    line: 13,
    column: 3,
    message: "required field is missing",
  },
  {
    name: "TrafficSplitter with pod",
    yaml: splitter("    - {name: api, weight: 100}\n", "  pod: {}\n"),
    path: "[1].pod",
    line: 17,
    column: 3,
    message: "field `pod` is not supported for TrafficSplitter",
  },
  {
    name: "TrafficSplitter weight above 100",
    yaml: splitter("    - {name: api, weight: 101}\n"),
    path: "[1].apis[0].weight",
    line: 16,
    column: 27,
    message: "must be at most 100, got 101",
  },
  {
    name: "TrafficSplitter target that is not an API name",
    yaml: splitter('    - {name: "api:80", weight: 100}\n'),
    path: "[1].apis[0].name",
    line: 16,
    column: 14,
    message:
      "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and not ending with '-'",
  },
  {
    name: "TrafficSplitter shadow not a boolean",
    yaml: splitter("    - {name: api, weight: 100, shadow: maybe}\n"),
    path: "[1].apis[0].shadow",
    line: 16,
    column: 40,
    message: "must be true or false",
  },
  {
    name: "TrafficSplitter weights do not add up to 100",
    yaml: splitter("    - {name: api, weight: 60}\n    - {name: other, weight: 30}\n"),
    path: "[1].apis",
    line: 15,
    column: 3,
    message: "add up to 90; they must add up to 100",
  },
  {
    name: "TrafficSplitter two shadows",
    yaml: splitter(
      "    - {name: api, weight: 100}\n    - {name: b, weight: 0, shadow: true}\n    - {name: c, weight: 0, shadow: true}\n",
    ),
    path: "[1].apis[2].shadow",
    line: 18,
    column: 36,
    message: "only one API can be the shadow; apis[1] already is",
  },
  {
    name: "TrafficSplitter lists a target twice",
    yaml: splitter("    - {name: api, weight: 50}\n    - {name: api, weight: 50}\n"),
    path: "[1].apis[1].name",
    line: 17,
    column: 14,
    message: "`api` is listed twice",
  },
  {
    name: "TrafficSplitter targets a BatchAPI",
    yaml: `${BATCH}- name: split\n  kind: TrafficSplitter\n  apis:\n    - {name: batch, weight: 100}\n`,
    path: "[1].apis[0].name",
    line: 11,
    column: 14,
    message: "`batch` is a BatchAPI; a TrafficSplitter can only route to RealtimeAPIs",
  },
  {
    name: "RealtimeAPI with more containers than the CRD allows",
    yaml: rt(
      Array.from(
        { length: 64 },
        (_, i) =>
          `      - name: c${i}\n        image: quay.io/org/c:1\n        compute: {cpu: 20m}\n`,
      ).join(""),
    ),
    path: "[0].pod.containers",
    line: 7,
    column: 5,
    message: "lists 65 containers; a RealtimeAPI can have at most 64",
  },
  {
    name: "TrafficSplitter with more APIs than the CRD allows",
    yaml: splitter(
      Array.from(
        { length: 101 },
        (_, i) => `    - {name: t${i}, weight: ${i < 100 ? 1 : 0}}\n`,
      ).join(""),
    ),
    path: "[1].apis",
    line: 15,
    column: 3,
    message: "lists 101 APIs; a TrafficSplitter can have at most 100",
  },
  {
    name: "TrafficSplitter targets itself",
    yaml: splitter("    - {name: split, weight: 100}\n"),
    path: "[1].apis[0].name",
    line: 16,
    column: 14,
    message: "`split` is a TrafficSplitter",
  },
];

function errorsOf(yaml: string | Uint8Array): ConfigError[] {
  const result = parseConfig(yaml, "cortex.yaml");
  if (result.ok) throw new Error("expected the config to be invalid");
  return result.errors;
}

describe("invalid cortex.yaml", () => {
  it("has a case for every rule (at least 60)", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)("$name", (c) => {
    const errors = errorsOf(c.yaml);
    expect(errors.map(formatConfigError)).toHaveLength(1);
    const [e] = errors as [ConfigError];
    expect(e.file).toBe("cortex.yaml");
    expect(e.path).toBe(c.path);
    expect(e.line).toBe(c.line);
    if (c.column !== undefined) expect(e.column).toBe(c.column);
    expect(e.message).toContain(c.message);
    expect(formatConfigError(e)).not.toMatch(/\n|\bat .*\.ts:\d+/);
  });
});

describe("artifact mounts on runtime paths", () => {
  it("accepts /dev/shm when no container sets compute.shm: nothing else mounts there", () => {
    const yaml = rt("  artifacts:\n    - path: model\n      mount: /dev/shm\n");
    expect(parseConfig(yaml, "cortex.yaml").ok).toBe(true);
  });
});

describe("several errors in one file", () => {
  const yaml = `- name: Bad_Name
  kind: RealtimeAPI
  pod:
    port: 8888
    containers:
      - name: api
        image: quay.io/org/api:1
        env:
          CORTEX_X: "1"
  autoscaling:
    max_replica: 3
    window: 15s
- name: ts
  kind: TrafficSplitter
  apis:
    - {name: a, weight: 50}
`;

  it("reports every one, in file order, schema and rule errors together", () => {
    const lines = errorsOf(yaml).map(formatConfigError);
    expect(lines).toEqual([
      "cortex.yaml:1:9: error: [0].name: must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and not ending with '-', got the string \"Bad_Name\"",
      "cortex.yaml:4:11: error: [0].pod.port: port 8888 is reserved (8888 for the request proxy, 15000 for its metrics)",
      "cortex.yaml:9:11: error: [0].pod.containers[0].env.CORTEX_X: environment variable names starting with CORTEX_ or KUBEXIT_ are reserved",
      "cortex.yaml:11:5: error: [0].autoscaling.max_replica: unknown field `max_replica`; did you mean `max_replicas`?",
      'cortex.yaml:12:13: error: [0].autoscaling.window: must be a multiple of 10s, got "15s"',
      "cortex.yaml:15:3: error: [1].apis: the weights of the non-shadow APIs add up to 50; they must add up to 100",
    ]);
  });

  it("reports every key collision, but a syntax error once", () => {
    const env = "        env:\n          ON: a\n          y: b\n          N: c\n          off: d\n";
    const dupes = errorsOf(rt(env));
    expect(dupes.map((e) => [e.path, e.line])).toEqual([
      ["[0].pod.containers[0].env.y", 15],
      ["[0].pod.containers[0].env.off", 17],
    ]);
    const syntax = errorsOf(`- name: api\n  kind: [RealtimeAPI\n  pod: {containers: [\n- x: 'y\n`);
    expect(syntax).toHaveLength(1);
    expect(syntax[0]?.message).toMatch(/^invalid YAML: /);
  });

  it("reports problems in different APIs of different kinds", () => {
    const errors = errorsOf(
      `${TASK.replace("  pod:\n", "  pod:\n    port: 1\n")}${BATCH.replace("name: batch", "name: Batch")}`,
    );
    expect(errors.map((e) => e.path)).toEqual(["[0].pod.port", "[1].name"]);
  });
});
