// The whole demo: set-up, the six steps in order (stopping at the first that cannot go on), the
// summary, demo-report/ (report.md, chart.svg), and the clean-up of everything it started, also
// on failure and Ctrl-C. `npm run demo` and the end-to-end test both call runDemo.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderChart } from "./chart.ts";
import { Cleanup } from "./cleanup.ts";
import { type DemoContext, setUp } from "./context.ts";
import { type Output, shortPath } from "./output.ts";
import type { DemoParams } from "./params.ts";
import { type DemoReportInput, renderReport, type StepRecord } from "./report.ts";
import { peakReplicas, type Sample, samplesCsv } from "./series.ts";
import { type DemoFacts, STEPS } from "./steps.ts";
import { type DemoSummary, summaryLine } from "./summary.ts";
import { Tally } from "./tally.ts";
import { DemoAborted } from "./wait.ts";

export interface RunOptions {
  params: DemoParams;
  out: Output;
  env: Readonly<Record<string, string | undefined>>;
  reportDir: string;
  signal: AbortSignal;
  /** Seconds since the demo started; the output's clock, so stamps and the report agree. */
  clock?: () => number;
  namespace?: string | undefined;
  image?: string | undefined;
}

export interface DemoResult {
  steps: StepRecord[];
  facts: DemoFacts;
  summary: DemoSummary;
  samples: Sample[];
  /** Failures of the clean-up, if any. */
  cleanupFailures: string[];
  reportFile: string;
}

function newRecord(id: string, title: string, start: number): StepRecord {
  return { id, title, start, end: start, ok: false, notes: [], transcripts: [] };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function runDemo(opts: RunOptions): Promise<DemoResult> {
  const started = performance.now();
  const startedAt = new Date();
  const clock = opts.clock ?? (() => (performance.now() - started) / 1000);
  const { out } = opts;
  const cleanup = new Cleanup();
  const steps: StepRecord[] = [];
  const facts: DemoFacts = {};
  let ctx: DemoContext | undefined;
  let error: string | undefined;

  // Old reports would mislead; the folder holds only what this run writes.
  await rm(opts.reportDir, { recursive: true, force: true });
  await mkdir(opts.reportDir, { recursive: true });

  const step = async (id: string, title: string, body: (rec: StepRecord) => Promise<void>) => {
    out.heading(`${steps.length}/${STEPS.length} ${title}`);
    const rec = newRecord(id, title, clock());
    steps.push(rec);
    try {
      await body(rec);
      rec.ok = rec.error === undefined;
      if (rec.error !== undefined) out.say(`NOT AS EXPECTED: ${rec.error}`);
    } catch (err) {
      rec.error = messageOf(err);
      throw err;
    } finally {
      rec.end = clock();
    }
  };

  try {
    await step("setup", "sandbox, CRDs, namespace, controller", async (rec) => {
      ctx = await setUp({ ...opts, clock, cleanup }, rec);
    });
    for (const s of STEPS) {
      const c = ctx as DemoContext;
      await step(s.id, s.title, (rec) => s.run(c, rec, facts));
    }
  } catch (err) {
    error = err instanceof DemoAborted || opts.signal.aborted ? "stopped (Ctrl-C)" : messageOf(err);
    out.say(`stopping: ${error}`);
  }
  const failedStep = steps.find((s) => !s.ok);
  if (error === undefined && failedStep !== undefined)
    error = `${failedStep.id}: ${failedStep.error}`;

  // The recorder's last sample, then everything stopped before the report is written.
  await ctx?.recorder.sampleNow().catch(() => {});
  const samples = ctx ? [...ctx.recorder.samples] : [];
  out.heading("cleaning up");
  const cleanupFailures = await cleanup.runAll((name) => out.say(`stopping ${name}`));
  for (const f of cleanupFailures) out.say(`clean-up failed: ${f}`);

  const summary: DemoSummary = {
    requests: (ctx?.tally ?? new Tally()).counts(),
    failedOnBrokenPods: facts.broken?.failedOnBrokenPods ?? 0,
    peakReplicas: peakReplicas(samples),
    steps: steps.map(({ id, title, start, end, ok }) => ({ id, title, start, end, ok })),
    totalSeconds: clock(),
    error,
    stopped: opts.signal.aborted,
  };
  const chartFile = "chart.svg";
  const report: DemoReportInput = {
    startedAt,
    target: ctx?.cluster.description ?? "(the cluster did not start)",
    namespace: ctx?.namespace ?? "-",
    settings: [
      ...(ctx?.settings ?? []),
      `load: ${opts.params.scaleClients} clients to scale up, ${opts.params.updateClients} during the rolling update, ${opts.params.brokenClients} during the broken revision and the rollback`,
    ],
    steps,
    summary,
    chartFile,
    controllerLog: ctx?.controller ? path.basename(ctx.controller.logFile) : undefined,
  };
  const reportFile = path.join(opts.reportDir, "report.md");
  await writeFile(
    path.join(opts.reportDir, chartFile),
    renderChart(samples, summary.steps, { title: "cortex-deploy demo: the iris API over time" }),
  );
  await writeFile(reportFile, renderReport(report));
  await writeFile(path.join(opts.reportDir, "samples.csv"), samplesCsv(samples));

  out.heading("summary");
  for (const s of steps) for (const n of s.notes) out.plain(`  ${s.id}: ${n}`);
  out.plain(
    `  report: ${shortPath(reportFile)}, chart: ${shortPath(path.join(opts.reportDir, chartFile))}`,
  );
  out.plain(summaryLine(summary));
  return { steps, facts, summary, samples, cleanupFailures, reportFile };
}
