import { describe, expect, it } from "vitest";
import { renderReport, type StepRecord } from "../../../scripts/demo/report.ts";
import {
  type DemoSummary,
  failedOutsideBroken,
  summaryLine,
} from "../../../scripts/demo/summary.ts";
import { Tally } from "../../../scripts/demo/tally.ts";

function summary(over: Partial<DemoSummary> = {}): DemoSummary {
  const t = new Tally();
  for (let i = 0; i < 1234; i++) t.add({ target: "a", status: 200, version: i < 1000 ? "1" : "2" });
  return {
    requests: t.counts(),
    failedOnBrokenPods: 0,
    peakReplicas: 4,
    steps: [
      { id: "setup", title: "sandbox", start: 0, end: 8.04, ok: true },
      { id: "autoscale", title: "load", start: 8.04, end: 133.5, ok: true },
    ],
    totalSeconds: 201,
    ...over,
  };
}

describe("summaryLine", () => {
  it("says served, failed, peak replicas and the time of each step", () => {
    expect(summaryLine(summary())).toBe(
      "demo passed: 1234 requests served, 0 failed, peak 4 replicas; setup 8.0s, autoscale 2m05s; total 3m21s",
    );
  });

  it("separates failures on the broken revision's own pods from the rest", () => {
    const s = summary({ failedOnBrokenPods: 2 });
    s.requests.failed = 3;
    expect(failedOutsideBroken(s)).toBe(1);
    expect(summaryLine(s)).toContain("1 failed (+2 on the broken revision's own pods)");
  });

  it("marks a failed step and a failed demo", () => {
    const s = summary({ error: "update: 2 requests failed" });
    const step = s.steps[1];
    if (step) step.ok = false;
    const line = summaryLine(s);
    expect(line.startsWith("demo FAILED:")).toBe(true);
    expect(line).toContain("autoscale 2m05s FAILED");
  });
});

describe("summaryLine after Ctrl-C", () => {
  it("says stopped, not failed", () => {
    const s = summary({ error: "stopped (Ctrl-C)", stopped: true });
    const step = s.steps[1];
    if (step) step.ok = false;
    const line = summaryLine(s);
    expect(line.startsWith("demo stopped (Ctrl-C): 1234 requests served")).toBe(true);
    expect(line).toContain("autoscale 2m05s stopped;");
  });
});

describe("renderReport", () => {
  const step: StepRecord = {
    id: "rollback",
    title: "history and rollback --to 1",
    start: 10,
    end: 16,
    ok: true,
    notes: ["history before the rollback: 1 Ready, 2 Ready, 3 RolledBack"],
    transcripts: [
      {
        command: "cortex-deploy history iris",
        output: ["REVISION  AGE", "```weird```"],
        exitCode: 0,
      },
      { command: "cortex-deploy deploy", output: ["deploy failed"], exitCode: 1 },
    ],
  };
  const text = renderReport({
    startedAt: new Date("2026-01-02T03:04:05Z"),
    target: "a local sandbox",
    namespace: "cortex-demo",
    settings: ["window 10s"],
    steps: [step],
    summary: summary(),
    chartFile: "chart.svg",
    controllerLog: "controller.log",
  });

  it("ends with the summary line", () => {
    const lines = text.trimEnd().split("\n");
    expect(lines[lines.length - 1]).toBe(summaryLine(summary()));
  });

  it("links the chart and keeps the CLI's output, fenced so it cannot break out", () => {
    expect(text).toContain("![load, requests in flight and replicas over time](chart.svg)");
    expect(text).toContain("`$ cortex-deploy history iris`");
    expect(text).toContain("````text\nREVISION  AGE\n```weird```\n````");
    expect(text).toContain("`$ cortex-deploy deploy` (exit 1)");
    expect(text).toContain("- history before the rollback: 1 Ready, 2 Ready, 3 RolledBack");
    expect(text).toContain("| rollback: history and rollback --to 1 | 6.0s | ok | – |");
  });
});
