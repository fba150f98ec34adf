// A key written twice: Cortex's reader (go-yaml v2, not strict) keeps the last value, so we do
// too, with a located warning. Keys that are one key only as YAML 1.1 values (`N` and `n` are both
// false) are not strings for Cortex, which refuses them: those stay errors that say so.

import { describe, expect, it } from "vitest";
import {
  type ConfigError,
  formatConfigError,
  type LoadResult,
  parseConfig,
} from "../../../src/config/index.ts";

const api = (extra: string, env = "") => `- name: api
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: quay.io/org/api:1
${env}${extra}`;

const lines = (problems: readonly ConfigError[]) => problems.map(formatConfigError);
const load = (yaml: string): LoadResult => parseConfig(yaml, "cortex.yaml");

describe("a key written twice", () => {
  it("is a warning at the later key, and the last value is used", () => {
    const result = load(api("  autoscaling:\n    min_replicas: 5\n    min_replicas: 2\n"));
    expect(result.ok ? [] : lines(result.errors)).toEqual([]);
    expect(lines(result.warnings)).toEqual([
      "cortex.yaml:9:5: warning: [0].autoscaling.min_replicas: duplicate key `min_replicas`; the last one is used (as Cortex does)",
    ]);
    const first = result.ok ? result.config.apis[0] : undefined;
    expect(first?.kind === "RealtimeAPI" && first.autoscaling.min_replicas).toBe(2);
  });

  it("ignores the earlier value, errors included, and locates errors in the last one", () => {
    const ignored = load(api("  autoscaling:\n    max_replicas: 0\n    max_replicas: 3\n"));
    expect(ignored.ok).toBe(true);
    const refused = load(api("  autoscaling:\n    max_replicas: 3\n    max_replicas: 0\n"));
    expect(refused.ok ? [] : lines(refused.errors)).toEqual([
      "cortex.yaml:9:19: error: [0].autoscaling.max_replicas: must be at least 1, got 0",
    ]);
    expect(refused.warnings.map((w) => [w.line, w.severity])).toEqual([[9, "warning"]]);
  });

  it("takes a whole mapping written twice, and a quoted and a plain string key alike", () => {
    const result = load(
      api(
        '  pod:\n    containers: [{name: other, image: "quay.io/org/other:1", env: {A: "1", "A": "2"}}]\n',
      ),
    );
    expect(result.ok && result.config.apis[0]?.kind === "RealtimeAPI").toBe(true);
    const first = result.ok ? result.config.apis[0] : undefined;
    if (first?.kind !== "RealtimeAPI") throw new Error("expected a RealtimeAPI");
    expect(first.pod.containers.map((c) => [c.name, c.env])).toEqual([["other", { A: "2" }]]);
    expect(result.warnings.map((w) => [w.line, w.path])).toEqual([
      [7, "[0].pod"],
      [8, "[0].pod.containers[0].env.A"],
    ]);
  });

  it("comes with the errors when the file is invalid, in file order", () => {
    const result = load(`${api("  kind: RealtimeAPI\n")}  autoscaling: {max_replicas: 0}\n`);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : lines(result.errors)).toEqual([
      "cortex.yaml:8:31: error: [0].autoscaling.max_replicas: must be at least 1, got 0",
    ]);
    expect(lines(result.warnings)).toEqual([
      "cortex.yaml:7:3: warning: [0].kind: duplicate key `kind`; the last one is used (as Cortex does)",
    ]);
  });

  it("does not count merge keys (`<<`), which may appear more than once", () => {
    const result = load(`- &base
  name: api
  kind: RealtimeAPI
  pod:
    containers: [{name: api, image: "quay.io/org/api:1"}]
- <<: *base
  <<: {kind: RealtimeAPI}
  name: other
`);
    expect(result.ok ? [] : lines(result.errors)).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe("keys that collide only as YAML 1.1 values", () => {
  it("are errors that say they are booleans, which Cortex refuses", () => {
    const result = load(api("", '        env: {N: "1", n: "2", "on": "3", ON: "4", Y: "5"}\n'));
    expect(result.ok ? [] : lines(result.errors)).toEqual([
      'cortex.yaml:7:23: error: [0].pod.containers[0].env.n: keys `N` (line 7) and `n` are the same key in YAML 1.1, as Cortex reads it: both the boolean false, not a string, which Cortex refuses; quote them ("N", "n")',
      'cortex.yaml:7:51: error: [0].pod.containers[0].env.Y: keys `ON` (line 7) and `Y` are the same key in YAML 1.1, as Cortex reads it: both the boolean true, not a string, which Cortex refuses; quote them ("ON", "Y")',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("are reported with the schema's errors, all at once", () => {
    const result = load(api("  autoscaling: {max_replicas: 0}\n", "        env: {N: a, n: b}\n"));
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      "[0].pod.containers[0].env.n",
      "[0].autoscaling.max_replicas",
    ]);
  });

  it("include numbers, and a key written once quoted and once plain", () => {
    // Names starting with a digit are refused as env names as well; the collision is told apart.
    const numbers = load(api("", "        env: {1: b, 01: c}\n"));
    expect(numbers.ok ? [] : numbers.errors.map((e) => e.message)).toContain(
      'keys `1` (line 7) and `01` are the same key in YAML 1.1, as Cortex reads it: both the number 1, not a string, which Cortex refuses; quote them ("1", "01")',
    );
    const quoted = load(api("", '        env: {"N": a, N: b}\n'));
    expect(quoted.ok ? [] : quoted.errors.map((e) => e.message)).toEqual([
      "key `N` is written twice (line 7 and here), once quoted and once plain; YAML 1.1, as Cortex reads it, takes the plain one as the boolean false, not a string, which Cortex refuses; keep one, quoted",
    ]);
  });
});
