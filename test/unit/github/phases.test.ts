import { describe, expect, it } from "vitest";
import { PhaseClock } from "../../../src/github/phases.ts";

function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("the phase clock", () => {
  it("records each phase's time in order", async () => {
    const c = fakeClock();
    const clock = new PhaseClock({ now: c.now });
    await clock.time("upload", async () => c.advance(1500));
    await clock.time("wait", async () => c.advance(250));
    expect(clock.phases).toEqual([
      { name: "upload", seconds: 1.5 },
      { name: "wait", seconds: 0.25 },
    ]);
  });

  it("records a phase that throws, and rethrows", async () => {
    const c = fakeClock();
    const clock = new PhaseClock({ now: c.now });
    await expect(
      clock.time("apply", async () => {
        c.advance(100);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(clock.phases).toEqual([{ name: "apply", seconds: 0.1 }]);
  });

  it("puts grouped phases in a log group", async () => {
    const groups: string[] = [];
    const clock = new PhaseClock({
      group: async (name, fn) => {
        groups.push(name);
        return fn();
      },
    });
    expect(await clock.time("upload + apply", async () => 7, true)).toBe(7);
    await clock.time("namespace", async () => 0);
    expect(groups).toEqual(["upload + apply"]);
  });
});
