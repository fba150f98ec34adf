// The YAML reader follows go-yaml (Cortex's reader) where YAML 1.1 leaves room.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config/index.ts";
import { parseYaml } from "../../../src/config/parse-yaml.ts";

/** The first list item of a document whose lines are `key: value`. */
function valuesOf(text: string): unknown {
  const item = text
    .trim()
    .split("\n")
    .map((line, i) => `${i === 0 ? "- " : "  "}${line}`)
    .join("\n");
  const result = parseYaml(`${item}\n`, "cortex.yaml");
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.value.data[0];
}

describe("parseYaml", () => {
  it("reads `.` and other digitless dots as strings, as go-yaml does, and floats as floats", () => {
    expect(
      valuesOf("a: .\nb: -.\nc: ._\nd: .5\ne: 1.\nf: 1_000.5\ng: .inf\nh: -.Inf\ni: 2.5e3\n"),
    ).toEqual({
      a: ".",
      b: "-.",
      c: "._",
      d: 0.5,
      e: 1,
      f: 1000.5,
      g: Number.POSITIVE_INFINITY,
      h: Number.NEGATIVE_INFINITY,
      i: 2500,
    });
  });

  it("keeps YAML 1.1's booleans", () => {
    expect(valuesOf("a: yes\nb: off\n")).toEqual({ a: true, b: false });
  });

  it("reads base-60 numbers and timestamps as strings, as go-yaml v2 does", () => {
    expect(
      valuesOf(
        "a: 16:9\nb: 2024-01-31\nc: 1:30.5\nd: -1:30\ne: 190:20:30\nf: 2001-12-14t21:59:43.10-05:00\n",
      ),
    ).toEqual({
      a: "16:9",
      b: "2024-01-31",
      c: "1:30.5",
      d: "-1:30",
      e: "190:20:30",
      f: "2001-12-14t21:59:43.10-05:00",
    });
  });

  it("keeps YAML 1.1's octal, hex, binary and separated integers", () => {
    expect(valuesOf("a: 017\nb: 0x1F\nc: 0b101\nd: +12\ne: 1_000\n")).toEqual({
      a: 15,
      b: 31,
      c: 5,
      d: 12,
      e: 1000,
    });
  });

  it("accepts `16:9` and dates in env and args as the strings they are", () => {
    const result = parseConfig(
      `- name: api
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: quay.io/org/api:1
        env: {ASPECT: 16:9, SINCE: 2024-01-31}
        args: ["--resize", 16:9]
`,
      "cortex.yaml",
    );
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
    const [container] =
      result.config.apis[0]?.kind === "RealtimeAPI" ? result.config.apis[0].pod.containers : [];
    expect(container?.env).toEqual({ ASPECT: "16:9", SINCE: "2024-01-31" });
    expect(container?.args).toEqual(["--resize", "16:9"]);
  });
});
