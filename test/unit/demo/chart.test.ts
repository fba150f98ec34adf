import { describe, expect, it } from "vitest";
import {
  escapeXml,
  formatClock,
  labelRows,
  linePath,
  niceCeil,
  renderChart,
  timeTickStep,
} from "../../../scripts/demo/chart.ts";
import type { Sample, StepSpan } from "../../../scripts/demo/series.ts";

describe("chart arithmetic", () => {
  it("rounds axis maxima up to 1, 2, 2.5 or 5 × 10^k", () => {
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(3)).toBe(5);
    expect(niceCeil(4)).toBe(5);
    expect(niceCeil(5)).toBe(5);
    expect(niceCeil(130)).toBe(200);
    expect(niceCeil(220)).toBe(250);
    expect(niceCeil(0.7)).toBe(1);
  });

  it("picks time ticks that fit", () => {
    expect(timeTickStep(50)).toBe(5);
    expect(timeTickStep(240)).toBe(30);
    expect(timeTickStep(600)).toBe(60);
    expect(formatClock(95)).toBe("1:35");
  });

  it("breaks lines at unknown values and draws steps as corners", () => {
    expect(
      linePath([
        { x: 0, y: 1 },
        { x: 1, y: 2 },
        { x: 2, y: undefined },
        { x: 3, y: 4 },
      ]),
    ).toBe("M0 1 L1 2 M3 4");
    expect(
      linePath(
        [
          { x: 0, y: 5 },
          { x: 10, y: 3 },
        ],
        true,
      ),
    ).toBe("M0 5 H10 V3");
  });

  it("puts step labels on the first row where they fit", () => {
    // setup (wide enough), then two short steps that would overlap, then a late one.
    expect(labelRows([0, 50, 60, 70, 400], [40, 40, 40, 40, 40])).toEqual([0, 0, 1, 2, 0]);
    // No room anywhere: the row that frees up first.
    expect(labelRows([0, 1, 2, 3], [100, 90, 80, 10])).toEqual([0, 1, 2, 2]);
  });

  it("escapes text", () => {
    expect(escapeXml(`a<b & "c">`)).toBe("a&lt;b &amp; &quot;c&quot;&gt;");
  });
});

describe("renderChart", () => {
  const samples: Sample[] = Array.from({ length: 30 }, (_, i) => ({
    t: i,
    rps: i < 10 ? 0 : 80,
    failed: i === 20 ? 2 : 0,
    clientInFlight: i < 10 ? 0 : 16,
    proxyInFlight: i === 0 ? undefined : i < 10 ? 0 : 15.5,
    proxyDemand: i < 10 ? undefined : 9.5,
    desired: i < 12 ? 1 : 4,
    ready: i < 15 ? 1 : 4,
  }));
  const steps: StepSpan[] = [
    { id: "deploy", title: "deploy", start: 0, end: 10, ok: true },
    { id: "autoscale", title: "load", start: 10, end: 29, ok: false },
  ];
  const svg = renderChart(samples, steps, { title: "demo <iris>" });

  it("is one SVG document with the three panels and the title escaped", () => {
    expect(svg.startsWith("<svg xmlns=")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("demo &lt;iris&gt;");
    for (const title of ["requests answered per second", "requests in flight", "replicas"]) {
      expect(svg).toContain(title);
    }
  });

  it("draws six series, marks the failures and labels the steps", () => {
    expect(svg.match(/<path /g)).toHaveLength(6);
    expect(svg).toContain("proxies: demand (what the autoscaler reads)");
    expect(svg).toContain("<title>2 failed</title>");
    expect(svg).toContain(">deploy</text>");
    expect(svg).toContain(">autoscale (failed)</text>");
  });

  it("keeps the replica axis on whole numbers (peak 4: ticks 0, 2, 4)", () => {
    expect(svg).toMatch(/text-anchor="end">4<\/text>/);
    expect(svg).not.toMatch(/text-anchor="end">2\.5<\/text>/);
  });

  it("renders with no samples at all (a demo that stopped at set-up)", () => {
    const empty = renderChart([], [{ id: "setup", title: "", start: 0, end: 3, ok: false }], {
      title: "t",
    });
    expect(empty).toContain("</svg>");
    expect(empty).not.toContain("NaN");
  });
});
