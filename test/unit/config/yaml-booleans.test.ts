// A string field given a YAML 1.1 boolean (`image: y`, `name: no`, an env value `yes`): the error
// says how YAML read the value as written and how to quote it, in one wording for every field.

import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config/index.ts";

const file = `- name: no
  kind: RealtimeAPI
  node_groups: [on]
  pod:
    containers:
      - name: api
        image: y
        env: {DEBUG: yes, VERBOSE: True, WORKERS: 4}
        args: [OFF, "--x"]
        compute: {cpu: true}
`;

const hint = (written: string, value: boolean) =>
  `YAML 1.1, as Cortex reads it, takes the unquoted \`${written}\` as the boolean ${value}; quote it ("${written}") for the string`;

describe("YAML 1.1 booleans in string fields", () => {
  it("name the value as written and how to quote it, in every string field", () => {
    const result = parseConfig(file, "cortex.yaml");
    expect(
      result.ok ? [] : result.errors.map((e) => [e.line, e.column, e.path, e.message]),
    ).toEqual([
      [1, 9, "[0].name", `must be a string, got false; ${hint("no", false)}`],
      [3, 17, "[0].node_groups[0]", `must be a string, got true; ${hint("on", true)}`],
      [7, 16, "[0].pod.containers[0].image", `must be a string, got true; ${hint("y", true)}`],
      [
        8,
        22,
        "[0].pod.containers[0].env.DEBUG",
        `must be a string, got true; ${hint("yes", true)}`,
      ],
      [
        8,
        36,
        "[0].pod.containers[0].env.VERBOSE",
        `must be a string, got true; ${hint("True", true)}`,
      ],
      // A number keeps the schema's hint.
      [
        8,
        51,
        "[0].pod.containers[0].env.WORKERS",
        'must be a string; quote numbers and booleans (e.g. "1", "true"), got 4',
      ],
      [
        9,
        16,
        "[0].pod.containers[0].args[0]",
        `must be a string, got false; ${hint("OFF", false)}`,
      ],
      // Quoting would not help a quantity: no hint.
      [10, 24, "[0].pod.containers[0].compute.cpu", "must be a string, a number or null, got true"],
    ]);
  });

  it("accepts the quoted forms", () => {
    const quoted = file
      .replace("name: no", 'name: "no"')
      .replace("[on]", '["on"]')
      .replace("image: y", 'image: "y"')
      .replace("yes, VERBOSE: True, WORKERS: 4", '"yes", VERBOSE: "True", WORKERS: "4"')
      .replace("[OFF,", '["OFF",')
      .replace("cpu: true", "cpu: 1");
    const result = parseConfig(quoted, "cortex.yaml");
    // `no` is a valid name, `y` a valid image, `on` a node group.
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
  });
});
