import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmoothWeightedChooser } from "../../../controller/src/splitter/choose.ts";

interface Item {
  name: string;
  weight: number;
}

function picks(items: Item[], n: number): string[] {
  const chooser = new SmoothWeightedChooser(items);
  return Array.from({ length: n }, () => chooser.next().name);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function count(names: readonly string[], name: string): number {
  return names.filter((n) => n === name).length;
}

describe("SmoothWeightedChooser", () => {
  it("interleaves 80/20 as a a b a a, so every window of 5 picks is exactly 4:1", () => {
    const seq = picks(
      [
        { name: "a", weight: 80 },
        { name: "b", weight: 20 },
      ],
      100,
    );
    expect(seq.slice(0, 5)).toEqual(["a", "a", "b", "a", "a"]);
    for (let i = 0; i + 5 <= seq.length; i++) {
      const window = seq.slice(i, i + 5);
      expect([i, count(window, "a"), count(window, "b")]).toEqual([i, 4, 1]);
    }
  });

  it("gives 50 picks of 80/20 as exactly 40 and 10", () => {
    const seq = picks(
      [
        { name: "a", weight: 80 },
        { name: "b", weight: 20 },
      ],
      50,
    );
    expect([count(seq, "a"), count(seq, "b")]).toEqual([40, 10]);
  });

  it("follows nginx's published sequence for 5/1/1", () => {
    // From the nginx commit that introduced smooth weighted round-robin: { a a b a c a a }.
    const seq = picks(
      [
        { name: "a", weight: 5 },
        { name: "b", weight: 1 },
        { name: "c", weight: 1 },
      ],
      14,
    );
    expect(seq.join(" ")).toBe("a a b a c a a a a b a c a a");
  });

  it("never picks a weight-0 candidate, wherever it is listed", () => {
    const seq = picks(
      [
        { name: "zero-first", weight: 0 },
        { name: "a", weight: 1 },
        { name: "zero-middle", weight: 0 },
        { name: "b", weight: 3 },
        { name: "zero-last", weight: 0 },
      ],
      400,
    );
    expect(seq.filter((n) => n.startsWith("zero"))).toEqual([]);
    expect([count(seq, "a"), count(seq, "b")]).toEqual([100, 300]);
  });

  it("is deterministic: two choosers over the same weights agree", () => {
    const items = [
      { name: "a", weight: 33 },
      { name: "b", weight: 33 },
      { name: "c", weight: 34 },
    ];
    expect(picks(items, 300)).toEqual(picks(items, 300));
  });

  it("refuses weights it cannot use", () => {
    expect(() => new SmoothWeightedChooser([])).toThrow(/above 0/);
    expect(() => new SmoothWeightedChooser([{ weight: 0 }, { weight: 0 }])).toThrow(/above 0/);
    expect(() => new SmoothWeightedChooser([{ weight: 1 }, { weight: -1 }])).toThrow(/≥ 0/);
    expect(() => new SmoothWeightedChooser([{ weight: Number.NaN }])).toThrow(/≥ 0/);
  });

  it("for any weights 0-100, every period of total/gcd picks holds each candidate in proportion", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 })
          .filter((ws) => ws.some((w) => w > 0)),
        fc.integer({ min: 0, max: 300 }),
        (weights, offset) => {
          const items = weights.map((weight, i) => ({ name: `b${i}`, weight }));
          const total = weights.reduce((s, w) => s + w, 0);
          const period = total / weights.filter((w) => w > 0).reduce(gcd);
          const seq = picks(items, offset + 2 * period);
          // Any window of one period, starting anywhere, not only at the first pick.
          const window = seq.slice(offset, offset + period);
          for (const [i, w] of weights.entries())
            expect(count(window, `b${i}`)).toBe((w * period) / total);
        },
      ),
    );
  });
});
