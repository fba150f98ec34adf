import { describe, expect, it } from "vitest";
import { parseDuration } from "../../../src/config/index.ts";

describe("parseDuration (Go's time.ParseDuration, in seconds)", () => {
  it.each([
    ["0", 0],
    ["0s", 0],
    ["60s", 60],
    ["5m", 300],
    ["1m30s", 90],
    ["500ms", 0.5],
    ["1.5h", 5400],
    ["2h45m", 9900],
    [".5s", 0.5],
    ["1.s", 1],
    ["+5s", 5],
    ["-1m", -60],
    ["1h1m1s1ms", 3661.001],
    ["100us", 0.0001],
    ["100\u00b5s", 0.0001],
    ["100\u03bcs", 0.0001],
    ["10ns", 1e-8],
  ])("%s is %d s", (input, seconds) => {
    expect(parseDuration(input)).toBeCloseTo(seconds, 12);
  });

  it.each([
    ["", "empty"],
    ["1", "missing unit"],
    ["s", "expected a number"],
    ["1x", 'unknown unit "x"'],
    ["1 s", 'unknown unit " s"'],
    ["1m30", "missing unit"],
    ["--1s", "expected a number"],
    [".s", "expected a number"],
    ["3000000h", "out of range"],
  ])("%j is rejected (%s)", (input, why) => {
    expect(() => parseDuration(input)).toThrow(why);
  });
});
