import { describe, expect, it } from "vitest";
import { getCondition, isConditionTrue, setCondition } from "../../../src/kube/conditions.ts";

const t0 = new Date("2026-01-01T00:00:00Z");
const t1 = new Date("2026-01-01T00:05:00Z");

describe("setCondition", () => {
  it("adds a condition with the transition time", () => {
    const c = setCondition(
      undefined,
      { type: "Ready", status: "False", reason: "Rolling", message: "" },
      t0,
    );
    expect(c).toEqual([
      {
        type: "Ready",
        status: "False",
        reason: "Rolling",
        message: "",
        lastTransitionTime: t0.toISOString(),
      },
    ]);
  });

  it("keeps the transition time when only the reason changes", () => {
    const a = setCondition(
      undefined,
      { type: "Ready", status: "False", reason: "A", message: "" },
      t0,
    );
    const b = setCondition(a, { type: "Ready", status: "False", reason: "B", message: "m" }, t1);
    expect(getCondition(b, "Ready")).toMatchObject({
      reason: "B",
      lastTransitionTime: t0.toISOString(),
    });
  });

  it("moves the transition time when the status changes, and keeps one entry per type in a fixed order", () => {
    const a = setCondition(
      undefined,
      { type: "RolledBack", status: "False", reason: "", message: "" },
      t0,
    );
    const b = setCondition(a, { type: "Ready", status: "False", reason: "", message: "" }, t0);
    const c = setCondition(
      b,
      { type: "Ready", status: "True", reason: "Available", message: "" },
      t1,
    );
    expect(c.map((x) => x.type)).toEqual(["Ready", "RolledBack"]);
    expect(getCondition(c, "Ready")?.lastTransitionTime).toBe(t1.toISOString());
    expect(isConditionTrue(c, "Ready")).toBe(true);
    expect(isConditionTrue(c, "RolledBack")).toBe(false);
  });
});
