// The YAML reader follows go-yaml (Cortex's reader) where YAML 1.1 leaves room.
import { describe, expect, it } from "vitest";
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
});
