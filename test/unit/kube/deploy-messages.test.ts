// What a failed deploy says it left: rollouts still going after a timeout, failures joined.
import { describe, expect, it } from "vitest";
import { joinFailures, stillRollingOut } from "../../../src/commands/deploy.ts";

describe("stillRollingOut", () => {
  it("says nothing without APIs, and speaks of one API or several", () => {
    expect(stillRollingOut([], true)).toBe("");
    expect(stillRollingOut(["a", "b"], true)).toBe(
      "a, b stay applied: the controller keeps rolling them out while the previous revision " +
        "serves, and rolls them back if they are not Ready by update_strategy.progress_deadline.",
    );
    expect(stillRollingOut(["a", "b"], false)).toBe(
      "a, b stay applied: the controller keeps rolling them out, and marks them Failed if they " +
        "are not Ready by update_strategy.progress_deadline (there is no Ready revision to go " +
        "back to).",
    );
  });
});

describe("joinFailures", () => {
  it("puts each failure on its own line, and is undefined without one", () => {
    expect(joinFailures(undefined, undefined)).toBeUndefined();
    expect(joinFailures("timed out", undefined, "Not pruned")).toBe("timed out\nNot pruned");
  });
});
