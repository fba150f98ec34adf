// The demo end to end, with smaller numbers: the same runDemo and step functions `npm run demo`
// runs, against a sandbox (the suite's, when its image maps include the iris and controller
// images; else one the demo starts itself), with the real CLI, controller, proxies and model.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOutput } from "../../../scripts/demo/output.ts";
import { SMALL } from "../../../scripts/demo/params.ts";
import { type DemoResult, runDemo } from "../../../scripts/demo/run.ts";
import { summaryLine } from "../../../scripts/demo/summary.ts";

let result: DemoResult;
let reportDir: string;
const lines: string[] = [];

/** When the demo failed: what the sandbox's kubelet said about the demo's pods, last. */
let kubeletSaid: string[] = [];

/** The demo's own output, for failure messages: what it said last. */
function said(last = 60): string {
  const kubelet =
    kubeletSaid.length > 0
      ? `\n\nsandbox kubelet, about the demo's pods (last ${kubeletSaid.length} lines):\n${kubeletSaid.join("\n")}`
      : "";
  return `demo output (last ${last} lines):\n${lines.slice(-last).join("\n")}${kubelet}`;
}

/** A failure of a pod that never started is often explained only in the kubelet's log. */
async function kubeletLines(namespacePrefix: string, last: number): Promise<string[]> {
  const dir = process.env.SANDBOX_DIR;
  if (!dir) return [];
  const log = await readFile(path.join(dir, "logs", "kubelet.log"), "utf8").catch(() => "");
  return log
    .split("\n")
    .filter((l) => l.includes(namespacePrefix))
    .slice(-last);
}

beforeAll(async () => {
  reportDir = await mkdtemp(path.join(tmpdir(), "demo-it-"));
  const started = performance.now();
  const clock = () => (performance.now() - started) / 1000;
  result = await runDemo({
    params: SMALL,
    out: makeOutput(clock, (line) => lines.push(line)),
    env: process.env,
    reportDir,
    signal: new AbortController().signal,
    clock,
  });
  if (result.summary.error !== undefined) kubeletSaid = await kubeletLines("cortex-demo-", 40);
}, 600_000);

afterAll(async () => {
  if (reportDir) await rm(reportDir, { recursive: true, force: true });
});

describe("the demo, end to end", () => {
  it("runs every step and cleans up after itself", () => {
    expect(result.summary.error, said()).toBeUndefined();
    expect(result.steps.map((s) => [s.id, s.ok])).toEqual([
      ["setup", true],
      ["deploy", true],
      ["predict", true],
      ["autoscale", true],
      ["update", true],
      ["broken", true],
      ["rollback", true],
    ]);
    expect(result.cleanupFailures).toEqual([]);
  });

  it("1. validates and deploys both APIs to Ready with the CLI", () => {
    const deploy = result.steps.find((s) => s.id === "deploy");
    expect(deploy?.transcripts.map((t) => [t.command.split(" ")[1], t.exitCode])).toEqual([
      ["validate", 0],
      ["deploy", 0],
    ]);
    expect(result.facts.deploy?.phases, said()).toEqual({ iris: "Ready", "iris-lite": "Ready" });
  });

  it("2. answers predictions correctly through the proxies of both APIs", () => {
    const answers = result.facts.predict?.answers ?? [];
    expect(answers.map((a) => a.api).sort()).toEqual(
      [
        ...Array(SMALL.predictions).fill("iris"),
        ...Array(SMALL.predictions).fill("iris-lite"),
      ].sort(),
    );
    for (const a of answers) {
      expect(a.status, `${a.api} ${a.target}`).toBe(200);
      expect(a.prediction).toBe(a.expected);
      expect(a.version).toBe("1");
    }
  });

  it("3. scales above one replica under load, then back down to one", () => {
    const a = result.facts.autoscale;
    expect(a, said()).toBeDefined();
    expect(a?.expected).toBe(2);
    expect(a?.peak).toBeGreaterThan(1);
    expect(a?.endReplicas).toBe(1);
    expect(a?.requests.failed).toBe(0);
    expect(a?.requests.wrong).toBe(0);
    // The chart's data saw it too: replicas above one, then one again at the end of the step.
    const step = result.steps.find((s) => s.id === "autoscale");
    const during = result.samples.filter((s) => step && s.t >= step.start && s.t <= step.end);
    expect(Math.max(...during.map((s) => s.ready))).toBeGreaterThan(1);
  });

  it("4. rolls a new model out under load with zero failed requests", () => {
    const u = result.facts.update;
    expect(u?.exitCode, said()).toBe(0);
    expect(u?.phase).toBe("Ready");
    expect(u?.manifestAfter).toBeDefined();
    expect(u?.manifestAfter).not.toBe(u?.manifestBefore);
    expect(u?.requests.failed, JSON.stringify(u?.requests.failures)).toBe(0);
    // Both models answered during the rollout: it happened under load.
    expect(u?.requests.byVersion["1"]).toBeGreaterThan(0);
    expect(u?.requests.byVersion["2"]).toBeGreaterThan(0);
  });

  it("5. the controller rolls the broken revision back by itself; the old pods keep serving", () => {
    const b = result.facts.broken;
    expect(b?.exitCode, said()).not.toBe(0);
    expect(b?.phase).toBe("RolledBack");
    expect(b?.rolledBackMessage).toMatch(/rolled back to revision 2/);
    expect(b?.brokenPodIps.length).toBeGreaterThan(0);
    expect(b?.requests.served).toBeGreaterThan(0);
    expect(b?.requests.failed).toBe(0);
    expect(Object.keys(b?.requests.byVersion ?? {})).toEqual(["2"]);
  });

  it("6. history lists the revisions; rollback --to 1 restores revision 1's spec", () => {
    const r = result.facts.rollback;
    expect(
      r?.revisionsBefore.map((x) => [x.number, x.result]),
      said(),
    ).toEqual([
      [1, "Ready"],
      [2, "Ready"],
      [3, "RolledBack"],
    ]);
    // Each revision names the commit of the demo's repository that deployed it.
    expect(new Set(r?.revisionsBefore.map((x) => x.commit)).size).toBe(3);
    expect(r?.exitCode).toBe(0);
    expect(r?.specRestored).toBe(true);
    expect(r?.phase).toBe("Ready");
    expect(r?.versionAfter).toBe("1");
    // Re-applying revision 1's spec made it the newest revision, with revision 1's artifacts.
    const newest = r?.revisionsAfter[r.revisionsAfter.length - 1];
    expect(newest?.manifest).toBe(r?.revisionsBefore[0]?.manifest);
    expect(r?.requests.failed).toBe(0);
    const history = result.steps.find((s) => s.id === "rollback")?.transcripts[0];
    expect(history?.command).toMatch(/^cortex-deploy history iris/);
    expect(history?.output.join("\n")).toMatch(/RolledBack/);
  });

  it("writes report.md (ending with the summary line), chart.svg and the controller's log", async () => {
    const report = await readFile(path.join(reportDir, "report.md"), "utf8");
    const last = report.trimEnd().split("\n").pop();
    expect(last).toBe(summaryLine(result.summary));
    expect(last).toMatch(
      /^demo passed: \d+ requests served, 0 failed, peak [2-5] replicas; setup /,
    );
    const svg = await readFile(path.join(reportDir, "chart.svg"), "utf8");
    expect(svg).toContain("</svg>");
    expect(existsSync(path.join(reportDir, "controller.log"))).toBe(true);
    expect(result.summary.requests.served).toBeGreaterThan(100);
    expect(result.summary.requests.failed).toBe(0);
  });
});
