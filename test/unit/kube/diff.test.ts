import { describe, expect, it } from "vitest";
import { diffJson, formatChange } from "../../../src/kube/diff.ts";

describe("diffJson", () => {
  it("reports changed, added and removed fields by path", () => {
    const changes = diffJson(
      { spec: { a: 1, b: { c: "x" }, gone: true }, metadata: { labels: { k: "v" } } },
      { spec: { a: 2, b: { c: "x", d: null } }, metadata: { labels: { k: "v" } } },
    );
    expect(changes).toEqual([
      { path: "spec.a", op: "change", old: 1, new: 2 },
      { path: "spec.b.d", op: "add", new: null },
      { path: "spec.gone", op: "remove", old: true },
    ]);
  });

  it("matches list items by name, so a new container does not shift the others", () => {
    const before = { containers: [{ name: "api", image: "a:1" }] };
    const after = {
      containers: [
        { name: "sidecar", image: "s:1" },
        { name: "api", image: "a:2" },
      ],
    };
    expect(diffJson(before, after)).toEqual([
      { path: "containers[api].image", op: "change", old: "a:1", new: "a:2" },
      { path: "containers[sidecar]", op: "add", new: { name: "sidecar", image: "s:1" } },
    ]);
  });

  it("compares other lists as whole values and quotes keys that are not identifiers", () => {
    expect(diffJson({ args: ["a"] }, { args: ["a", "b"] })).toEqual([
      { path: "args", op: "change", old: ["a"], new: ["a", "b"] },
    ]);
    expect(
      diffJson({ l: { "cortexdeploy.dev/x": "1" } }, { l: { "cortexdeploy.dev/x": "2" } })[0]?.path,
    ).toBe('l["cortexdeploy.dev/x"]');
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it("formats each change on one line, shortening long values", () => {
    expect(formatChange({ path: "spec.a", op: "change", old: 1, new: 2 })).toBe("~ spec.a: 1 → 2");
    expect(formatChange({ path: "spec.b", op: "add", new: "x" })).toBe('+ spec.b: "x"');
    expect(formatChange({ path: "spec.c", op: "remove", old: null })).toBe("- spec.c: null");
    const long = formatChange({ path: "p", op: "add", new: "y".repeat(200) });
    expect(long.length).toBeLessThan(100);
    expect(long.endsWith("…")).toBe(true);
  });
});
