// The report's chart as a standalone SVG: three panels over one time axis (requests answered per
// second, requests in flight, replicas), with the demo's steps as shaded bands. Pure: samples in,
// text out.
import type { Sample, StepSpan } from "./series.ts";

interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  /** Hold each value until the next one (replica counts change in steps). */
  steps?: boolean;
  value: (s: Sample) => number | undefined;
}

interface Panel {
  title: string;
  series: Series[];
  /** The y axis reaches at least this. */
  minMax: number;
  /** Whole numbers only (replicas). */
  integer?: boolean;
}

const PANELS: Panel[] = [
  {
    title: "requests answered per second",
    series: [{ label: "answered/s", color: "#1f77b4", value: (s) => s.rps }],
    minMax: 10,
  },
  {
    title: "requests in flight",
    series: [
      {
        label: "proxies: running + queued",
        color: "#ff7f0e",
        value: (s) => s.proxyInFlight,
      },
      {
        label: "proxies: demand (what the autoscaler reads)",
        color: "#2ca02c",
        value: (s) => s.proxyDemand,
      },
      { label: "load generator", color: "#7f7f7f", dashed: true, value: (s) => s.clientInFlight },
    ],
    minMax: 4,
  },
  {
    title: "replicas",
    series: [
      {
        label: "desired (controller)",
        color: "#9467bd",
        dashed: true,
        steps: true,
        value: (s) => s.desired,
      },
      { label: "ready (EndpointSlices)", color: "#2ca02c", steps: true, value: (s) => s.ready },
    ],
    minMax: 2,
    integer: true,
  },
];

const WIDTH = 960;
const LEFT = 56;
const RIGHT = 16;
const TOP = 92;
/** Where the step bands (and their labels) start. */
const BANDS_TOP = 28;
const PANEL_HEIGHT = 130;
const GAP = 46;
const BOTTOM = 40;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is >= value (axis maxima that read well). */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= value - 1e-9) return m * power;
  return 10 * power;
}

/** A tick spacing for a time axis of `seconds`, giving about 6–12 ticks. */
export function timeTickStep(seconds: number): number {
  for (const step of [5, 10, 15, 30, 60, 120, 300, 600]) if (seconds / step <= 12) return step;
  return 1200;
}

/** "0:00", "1:30" */
export function formatClock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();

/** Average width of a character at font-size 11, for laying labels out. */
const CHAR_WIDTH = 6.2;

/**
 * A row (0, 1 or 2) for each label, left to right: the first row where it does not overlap the
 * label before it; the emptiest-ending row when none is free.
 */
export function labelRows(
  xs: readonly number[],
  widths: readonly number[],
  rowCount = 3,
): number[] {
  const ends = Array<number>(rowCount).fill(Number.NEGATIVE_INFINITY);
  return xs.map((x, i) => {
    let row = ends.findIndex((end) => end + 4 <= x);
    if (row < 0) row = ends.indexOf(Math.min(...ends));
    ends[row] = x + (widths[i] ?? 0);
    return row;
  });
}

/** An SVG path through the points; undefined values break the line. */
export function linePath(
  points: readonly { x: number; y: number | undefined }[],
  steps = false,
): string {
  const parts: string[] = [];
  let prev: { x: number; y: number } | undefined;
  for (const p of points) {
    if (p.y === undefined) {
      prev = undefined;
      continue;
    }
    if (prev === undefined) parts.push(`M${fmt(p.x)} ${fmt(p.y)}`);
    else if (steps) parts.push(`H${fmt(p.x)} V${fmt(p.y)}`);
    else parts.push(`L${fmt(p.x)} ${fmt(p.y)}`);
    prev = { x: p.x, y: p.y };
  }
  return parts.join(" ");
}

export interface ChartOptions {
  title: string;
}

export function renderChart(
  samples: readonly Sample[],
  steps: readonly StepSpan[],
  opts: ChartOptions,
): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const height = TOP + PANELS.length * PANEL_HEIGHT + (PANELS.length - 1) * GAP + BOTTOM;
  const t0 = Math.min(samples[0]?.t ?? 0, steps[0]?.start ?? Number.POSITIVE_INFINITY);
  const t1 = Math.max(samples[samples.length - 1]?.t ?? 0, ...steps.map((s) => s.end), t0 + 1);
  const x = (t: number) => LEFT + ((t - t0) / (t1 - t0)) * plotWidth;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    `<text x="${LEFT}" y="16" font-size="14" font-weight="bold">${escapeXml(opts.title)}</text>`,
  );

  // Steps: alternating bands behind every panel, labelled above the first.
  const plotTop = BANDS_TOP;
  const plotBottom = height - BOTTOM;
  steps.forEach((st, i) => {
    const x0 = x(st.start);
    const w = Math.max(x(st.end) - x0, 0.5);
    out.push(
      `<rect x="${fmt(x0)}" y="${plotTop}" width="${fmt(w)}" height="${plotBottom - plotTop}" fill="${i % 2 === 0 ? "#eef2f8" : "#f8f9fb"}"/>`,
    );
  });
  // Labels after every band, so a short step's label is not painted over by the next band.
  const labels = steps.map((st) => `${st.id}${st.ok ? "" : " (failed)"}`);
  const rows = labelRows(
    steps.map((st) => x(st.start) + 3),
    labels.map((l) => l.length * CHAR_WIDTH),
  );
  steps.forEach((st, i) => {
    out.push(
      `<text x="${fmt(x(st.start) + 3)}" y="${BANDS_TOP + 12 + 12 * (rows[i] ?? 0)}" fill="${st.ok ? "#445" : "#c00"}">${escapeXml(labels[i] ?? "")}</text>`,
    );
  });

  PANELS.forEach((panel, pi) => {
    const top = TOP + pi * (PANEL_HEIGHT + GAP);
    const bottom = top + PANEL_HEIGHT;
    let max = panel.minMax;
    for (const s of samples) for (const se of panel.series) max = Math.max(max, se.value(s) ?? 0);
    // Replica counts read best on whole numbers: an even maximum keeps the middle tick whole.
    max = panel.integer ? Math.max(2, Math.ceil(max / 2) * 2) : niceCeil(max);
    const y = (v: number) => bottom - (v / max) * PANEL_HEIGHT;
    out.push(
      `<text x="${LEFT}" y="${top - 8}" font-weight="bold">${escapeXml(panel.title)}</text>`,
    );
    for (const v of [0, max / 2, max]) {
      out.push(
        `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" stroke="#ccc" stroke-width="0.5"/>`,
        `<text x="${LEFT - 6}" y="${fmt(y(v) + 4)}" text-anchor="end">${fmt(v)}</text>`,
      );
    }
    for (const se of panel.series) {
      const d = linePath(
        samples.map((s) => {
          const v = se.value(s);
          return { x: x(s.t), y: v === undefined ? undefined : y(v) };
        }),
        se.steps === true,
      );
      if (d === "") continue;
      out.push(
        `<path d="${d}" fill="none" stroke="${se.color}" stroke-width="1.6"${se.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
      );
    }
    if (pi === 0) {
      // Failed requests, as red marks on the load line.
      for (const s of samples) {
        if (s.failed > 0) {
          out.push(
            `<circle cx="${fmt(x(s.t))}" cy="${fmt(y(s.rps))}" r="3" fill="#d62728"><title>${s.failed} failed</title></circle>`,
          );
        }
      }
    }
    // Legend, right-aligned above the panel.
    let lx = WIDTH - RIGHT;
    for (const se of [...panel.series].reverse()) {
      const textWidth = se.label.length * 5.6;
      lx -= textWidth;
      out.push(`<text x="${fmt(lx)}" y="${top - 8}">${escapeXml(se.label)}</text>`);
      lx -= 22;
      out.push(
        `<line x1="${fmt(lx)}" x2="${fmt(lx + 18)}" y1="${top - 12}" y2="${top - 12}" stroke="${se.color}" stroke-width="2"${se.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
      );
      lx -= 12;
    }
  });

  const step = timeTickStep(t1 - t0);
  for (let t = Math.ceil(t0 / step) * step; t <= t1 + 1e-9; t += step) {
    out.push(
      `<line x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${plotBottom}" y2="${plotBottom + 4}" stroke="#666"/>`,
      `<text x="${fmt(x(t))}" y="${plotBottom + 16}" text-anchor="middle">${formatClock(t)}</text>`,
    );
  }
  out.push(
    `<text x="${LEFT + plotWidth / 2}" y="${height - 6}" text-anchor="middle">time since the demo started (m:ss)</text>`,
    "</svg>",
  );
  return `${out.join("\n")}\n`;
}
