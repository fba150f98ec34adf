// Quantities compare exactly, as Kubernetes compares them: no float rounding in the bounds Cortex
// checks (cpu >= 20m, mem >= 20Mi, shm <= mem).

import { describe, expect, it } from "vitest";
import { type ConfigError, parseConfig } from "../../../src/config/index.ts";
import { compareQuantities, parseExactQuantity } from "../../../src/config/quantity.ts";

function cmp(a: string, b: string): number {
  const qa = parseExactQuantity(a);
  const qb = parseExactQuantity(b);
  if (qa === undefined || qb === undefined) throw new Error(`not a quantity: ${a} or ${b}`);
  return compareQuantities(qa, qb);
}

function computeErrors(compute: string): ConfigError[] {
  const result = parseConfig(
    `- name: api
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: quay.io/org/api:1
        compute: ${compute}
`,
    "cortex.yaml",
  );
  return result.ok ? [] : result.errors;
}

describe("compareQuantities", () => {
  it.each([
    ["4.1G", "4100M", 0],
    ["200e-4", "20m", 0],
    ["0.1", "100m", 0],
    ["0.3", "300m", 0],
    ["1Ki", "1024", 0],
    ["1.5Gi", "1536Mi", 0],
    ["1E", "1000P", 0],
    ["1e18", "1E", 0],
    ["1Ei", "1152921504606846976", 0],
    ["1000n", "1u", 0],
    ["1000u", "1m", 0],
    ["+5", "5", 0],
    ["0", "-0", 0],
    ["1e-3", "1m", 0],
    ["1.", "1", 0],
    [".5", "500m", 0],
    ["4100000001", "4.1G", 1],
    ["4099999999", "4.1G", -1],
    ["19999999n", "20m", -1],
    ["1Gi", "1G", 1],
    ["-1", "0", -1],
    ["-2", "-1", -1],
    ["1e400", "1e399", 1],
    ["1e-400", "0", 1],
    ["12345678901234567890123", "12345678901234567890122", 1],
  ])("%s vs %s = %d", (a, b, expected) => {
    expect(cmp(a, b)).toBe(expected);
    expect(cmp(b, a)).toBe(-expected || 0);
  });

  it("rounds up to a whole nano, as Kubernetes does when parsing", () => {
    expect(cmp("0.0199999999999", "20m")).toBe(0);
    expect(cmp("1e-12", "1n")).toBe(0);
    expect(cmp("-1e-12", "-1n")).toBe(0);
  });

  it.each(["", "lots", "1 Gi", "1GiB", "Mi", "--1", "1e", "1e+", "e3", "."])(
    "rejects %j",
    (text) => {
      expect(parseExactQuantity(text)).toBeUndefined();
    },
  );
});

describe("compute bounds compare exactly", () => {
  it("accepts shm equal to mem written in other units", () => {
    expect(computeErrors("{mem: 4.1G, shm: 4100M}")).toEqual([]);
    expect(computeErrors("{mem: 1.5Gi, shm: 1536Mi}")).toEqual([]);
  });

  it("accepts a cpu of exactly 20m written with an exponent or as a decimal", () => {
    expect(computeErrors('{cpu: "200e-4"}')).toEqual([]);
    expect(computeErrors("{cpu: 0.02}")).toEqual([]);
  });

  it("refuses shm one byte above mem", () => {
    const errors = computeErrors("{mem: 4.1G, shm: 4100000001}");
    expect(errors.map((e) => [e.path, e.line, e.column, e.message])).toEqual([
      ["[0].pod.containers[0].compute.shm", 7, 35, 'must not exceed mem (4.1G), got "4100000001"'],
    ]);
  });

  it("refuses a cpu one nano below 20m", () => {
    const errors = computeErrors('{cpu: "19999999n"}');
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ["[0].pod.containers[0].compute.cpu", 'must be at least 20m, got "19999999n"'],
    ]);
  });
});
