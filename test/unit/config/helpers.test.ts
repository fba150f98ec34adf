// Small pieces: error format, paths, suggestions, quantities, UTF-8 scanning.

import { describe, expect, it } from "vitest";
import { formatConfigError } from "../../../src/config/index.ts";
import { formatPath, pointerToPath } from "../../../src/config/path.ts";
import { firstInvalidUtf8 } from "../../../src/config/precheck.ts";
import { parseQuantity } from "../../../src/config/quantity.ts";
import { closest, levenshtein } from "../../../src/config/suggest.ts";

describe("formatConfigError", () => {
  it("prints FILE:LINE:COL: error: PATH: message", () => {
    const e = { file: "cortex.yaml", line: 3, column: 7, path: "[0].pod.port", message: "bad" };
    expect(formatConfigError(e)).toBe("cortex.yaml:3:7: error: [0].pod.port: bad");
  });
  it("leaves out an empty path", () => {
    const e = { file: "c.yaml", line: 1, column: 1, path: "", message: "file is empty" };
    expect(formatConfigError(e)).toBe("c.yaml:1:1: error: file is empty");
  });
});

describe("paths", () => {
  it("formats indexes, plain keys and odd keys", () => {
    expect(formatPath([0, "pod", "containers", 1, "env", "A.B", "x"])).toBe(
      '[0].pod.containers[1].env["A.B"].x',
    );
    expect(formatPath([])).toBe("");
  });
  it("reads ajv pointers, telling indexes from numeric keys", () => {
    const data = [{ env: { "0": "x" }, "a/b": 1 }];
    expect(pointerToPath("/0/env/0", data)).toEqual([0, "env", "0"]);
    expect(pointerToPath("/0/a~1b", data)).toEqual([0, "a/b"]);
  });
});

describe("suggestions", () => {
  it("computes edit distances", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("same", "same")).toBe(0);
  });
  it("suggests only plausible typos", () => {
    expect(closest("max_replica", ["min_replicas", "max_replicas"])).toBe("max_replicas");
    expect(closest("realtimeapi", ["RealtimeAPI", "AsyncAPI"])).toBe("RealtimeAPI");
    expect(closest("colour", ["name", "kind", "pod"])).toBeUndefined();
  });
});

describe("parseQuantity", () => {
  it.each([
    ["200m", 0.2],
    ["1", 1],
    ["2.5Gi", 2.5 * 2 ** 30],
    ["128Mi", 128 * 2 ** 20],
    ["2G", 2e9],
    ["1e3", 1000],
    ["1E", 1e18],
    [".5", 0.5],
  ])("%s = %d", (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 6);
  });
  it.each(["", "lots", "1 Gi", "1GiB", "Mi", "--1"])("rejects %j", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe("firstInvalidUtf8", () => {
  it("finds the first bad byte", () => {
    expect(firstInvalidUtf8(new TextEncoder().encode("héllo ✓ 😀"))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xff]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
  });
});
