import { describe, expect, it } from "vitest";
import { firstRepeated, listItems } from "../../../src/text/list.ts";

describe("lists written in one value", () => {
  it("splits on commas and new lines, trims, and leaves blank items out", () => {
    expect(listItems(" prod, qa\n\nstaging ,\n")).toEqual(["prod", "qa", "staging"]);
    expect(listItems("  ")).toEqual([]);
  });

  it("names the first item written twice", () => {
    expect(firstRepeated(["a", "b", "a", "b"])).toBe("a");
    expect(firstRepeated(["a", "b"])).toBeUndefined();
  });
});
