// A negative number after a flag that takes a value is that value, joined to its flag so that
// node:util's parseArgs takes it rather than refusing it as a possible flag.
import { describe, expect, it } from "vitest";
import { joinNegativeValues } from "../../../src/text/flag-args.ts";

const flags = {
  namespace: { type: "string", short: "n" },
  to: { type: "string" },
  wait: { type: "boolean", short: "w" },
} as const;

describe("joinNegativeValues", () => {
  it("joins a negative number to the flag before it, long or short", () => {
    expect(joinNegativeValues(["iris", "--to", "-1"], flags)).toEqual(["iris", "--to=-1"]);
    expect(joinNegativeValues(["-n", "-5m", "x"], flags)).toEqual(["--namespace=-5m", "x"]);
  });

  it("leaves flags, words, switches and what follows -- as they are", () => {
    for (const args of [
      ["--to", "--wait"],
      ["--to", "-x"],
      ["--to", "-"],
      ["--wait", "-1"],
      ["-w", "-1"],
      ["--to=-1"],
      ["--", "--to", "-1"],
    ])
      expect(joinNegativeValues(args, flags)).toEqual(args);
  });
});
