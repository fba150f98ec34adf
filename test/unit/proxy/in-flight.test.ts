import { describe, expect, it } from "vitest";
import { InFlightWindow } from "../../../controller/src/proxy/in-flight.ts";

describe("InFlightWindow", () => {
  it("averages the count over the window, weighted by time", () => {
    const w = new InFlightWindow(0);
    w.set(4, 0);
    w.set(2, 250);
    w.set(0, 750);
    // 4 for 250 ms, 2 for 500 ms, 0 for 250 ms.
    expect(w.roll(1000)).toEqual({ average: 2, peak: 4 });
  });

  it("catches a burst that started and ended between two readings", () => {
    const w = new InFlightWindow(0);
    w.set(10, 400);
    w.set(0, 500);
    expect(w.roll(1000)).toEqual({ average: 1, peak: 10 });
    expect(w.roll(2000)).toEqual({ average: 0, peak: 0 });
  });

  it("carries a steady count into the next window exactly", () => {
    const w = new InFlightWindow(0);
    w.set(3, 100);
    w.roll(1000);
    expect(w.roll(2000)).toEqual({ average: 3, peak: 3 });
    expect(w.roll(3000)).toEqual({ average: 3, peak: 3 });
  });

  it("reports the current count for an empty window", () => {
    const w = new InFlightWindow(0);
    w.set(2, 0);
    expect(w.roll(0)).toEqual({ average: 2, peak: 2 });
  });
});
