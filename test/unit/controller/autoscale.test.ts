// The autoscale loop's pure parts: which proxies to sample and what their answers add up to.
import { describe, expect, it } from "vitest";
import { readyTargets } from "../../../controller/src/controller/autoscale/loop.ts";
import {
  estimateTotal,
  sampleTargets,
} from "../../../controller/src/controller/autoscale/sample.ts";
import type { Pod } from "../../../controller/src/controller/kube/types.ts";

const targets = Array.from({ length: 40 }, (_, i) => ({ pod: `p${i}`, ip: `10.0.0.${i}` }));

describe("sampleTargets", () => {
  it("samples at most the limit, without repeats", () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const picked = sampleTargets(targets, 16, random);
    expect(picked).toHaveLength(16);
    expect(new Set(picked.map((t) => t.pod)).size).toBe(16);
  });

  it("takes every target when there are fewer than the limit", () => {
    expect(
      sampleTargets(targets.slice(0, 3), 16, Math.random)
        .map((t) => t.pod)
        .sort(),
    ).toEqual(["p0", "p1", "p2"]);
  });
});

describe("estimateTotal", () => {
  it("scales the sampled sum up by ready/answered", () => {
    // 16 of 40 ready pods answered, averaging 2.5 in flight: about 100 in total.
    const answers = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 2 : 3));
    expect(estimateTotal(answers, 40)).toBe(100);
  });

  it("ignores proxies that did not answer", () => {
    expect(estimateTotal([4, undefined, 2, undefined], 4)).toBe(12);
  });

  it("has no estimate when nobody answered, so the count is held", () => {
    expect(estimateTotal([undefined, undefined], 2)).toBeUndefined();
    expect(estimateTotal([], 0)).toBeUndefined();
  });

  it("has no estimate when fewer than half answered: the silent ones may be the busy ones", () => {
    const oneOfTen = [0, ...Array.from({ length: 9 }, () => undefined)];
    expect(estimateTotal(oneOfTen, 10)).toBeUndefined();
    expect(estimateTotal([1, 1, 1, undefined, undefined, undefined, undefined], 7)).toBeUndefined();
    expect(estimateTotal([1, 1, undefined, undefined], 4)).toBe(4);
  });
});

describe("readyTargets", () => {
  const pod = (name: string, ready: boolean, ip?: string, deleting = false): Pod => ({
    metadata: { name, ...(deleting ? { deletionTimestamp: "2025-01-01T00:00:00Z" } : {}) },
    status: {
      ...(ip === undefined ? {} : { podIP: ip }),
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    },
  });

  it("keeps ready pods with an IP that are not terminating", () => {
    const pods = [
      pod("a", true, "10.0.0.1"),
      pod("b", false, "10.0.0.2"),
      pod("c", true),
      pod("d", true, "10.0.0.4", true),
    ];
    expect(readyTargets(pods)).toEqual([{ pod: "a", ip: "10.0.0.1" }]);
  });
});
