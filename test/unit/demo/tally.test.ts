import { describe, expect, it } from "vitest";
import { formatVersions, KEPT_FAILURES, Tally } from "../../../scripts/demo/tally.ts";

describe("Tally", () => {
  it("counts answers by version, wrong answers and failures by target", () => {
    const t = new Tally();
    t.add({ target: "a", status: 200, version: "1", correct: true });
    t.add({ target: "a", status: 200, version: "2", correct: false });
    t.add({ target: "b", status: 503, error: "queue full" });
    t.add({ target: "b", status: undefined, error: "ECONNREFUSED" });
    const c = t.counts();
    expect(c).toMatchObject({ sent: 4, served: 2, failed: 2, wrong: 1 });
    expect(c.byVersion).toEqual({ "1": 1, "2": 1 });
    expect(c.failedByTarget).toEqual({ b: 2 });
    expect(c.failures).toEqual(["b: HTTP 503 queue full", "b: ECONNREFUSED"]);
  });

  it("keeps only the first few failure messages but counts them all", () => {
    const t = new Tally();
    for (let i = 0; i < KEPT_FAILURES + 5; i++) t.add({ target: `p${i}`, status: 502 });
    expect(t.counts().failed).toBe(KEPT_FAILURES + 5);
    expect(t.counts().failures).toHaveLength(KEPT_FAILURES);
  });

  it("returns copies, so later requests do not change an earlier count", () => {
    const t = new Tally();
    t.add({ target: "a", status: 200, version: "1" });
    const before = t.counts();
    t.add({ target: "a", status: 200, version: "1" });
    expect(before.byVersion).toEqual({ "1": 1 });
  });
});

describe("formatVersions", () => {
  it("orders versions numerically", () => {
    expect(formatVersions({ "10": 1, "2": 5, "1": 3 })).toBe("v1 3, v2 5, v10 1");
    expect(formatVersions({})).toBe("none");
  });
});
