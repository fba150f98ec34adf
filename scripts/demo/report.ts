// demo-report/report.md: what ran, what each step showed (its facts and the CLI's own output),
// the chart, and the summary line last. Pure.
import { formatSeconds, type StepSpan } from "./series.ts";
import { type DemoSummary, summaryLine } from "./summary.ts";
import { formatVersions, type TallyCounts } from "./tally.ts";

export interface Transcript {
  command: string;
  output: string[];
  exitCode: number | null;
}

export interface StepRecord extends StepSpan {
  /** One-line facts the step established ("iris Ready in 6.2s", "0 failed"). */
  notes: string[];
  /** CLI runs worth keeping in the report. */
  transcripts: Transcript[];
  /** The load (and predictions) this step sent. */
  requests?: TallyCounts | undefined;
  error?: string | undefined;
}

export interface DemoReportInput {
  startedAt: Date;
  /** "the local sandbox" or "the cluster in $KUBECONFIG". */
  target: string;
  namespace: string;
  /** Settings worth saying (shortened periods, load sizes). */
  settings: string[];
  steps: StepRecord[];
  summary: DemoSummary;
  chartFile: string;
  /** Where the controller's log went, when the demo ran it. */
  controllerLog?: string | undefined;
}

function fence(lines: readonly string[]): string[] {
  // A transcript could itself contain ``` (it does not today); a longer fence keeps it inside.
  const longest = Math.max(2, ...lines.map((l) => /`+/.exec(l)?.[0].length ?? 0));
  const mark = "`".repeat(longest + 1);
  return [`${mark}text`, ...lines, mark];
}

function requestsCell(r: TallyCounts | undefined): string {
  if (r === undefined || r.sent === 0) return "–";
  return `${r.served} served, ${r.failed} failed (${formatVersions(r.byVersion)})`;
}

export function renderReport(input: DemoReportInput): string {
  const { summary } = input;
  const out: string[] = [
    "# cortex-deploy demo",
    "",
    `Run on ${input.startedAt.toISOString()} against ${input.target}, namespace \`${input.namespace}\`, ` +
      `in ${formatSeconds(summary.totalSeconds)}.`,
    "",
    `![load, requests in flight and replicas over time](${input.chartFile})`,
    "",
  ];
  if (input.settings.length > 0) {
    out.push("## Settings", "", ...input.settings.map((s) => `- ${s}`), "");
  }
  out.push(
    "## Steps",
    "",
    "| step | took | result | requests |",
    "| --- | --- | --- | --- |",
    ...input.steps.map(
      (s) =>
        `| ${s.id}: ${s.title} | ${formatSeconds(s.end - s.start)} | ${s.ok ? "ok" : "**failed**"} | ${requestsCell(s.requests)} |`,
    ),
    "",
  );
  for (const s of input.steps) {
    out.push(`### ${s.id}: ${s.title}`, "");
    if (s.error !== undefined) out.push(`**Failed:** ${s.error}`, "");
    if (s.notes.length > 0) out.push(...s.notes.map((n) => `- ${n}`), "");
    for (const t of s.transcripts) {
      const exit = t.exitCode === 0 ? "" : ` (exit ${t.exitCode ?? "signal"})`;
      out.push(`\`$ ${t.command}\`${exit}`, "", ...fence(t.output), "");
    }
  }
  const r = summary.requests;
  out.push(
    "## Requests",
    "",
    `${r.sent} sent, ${r.served} answered, ${r.failed} failed, ${r.wrong} wrong answers; ` +
      `by model version: ${formatVersions(r.byVersion)}.`,
    "",
  );
  if (r.failures.length > 0) out.push("First failures:", "", ...fence(r.failures), "");
  if (input.controllerLog !== undefined) {
    out.push(`The controller's log: \`${input.controllerLog}\`.`, "");
  }
  if (summary.error !== undefined) out.push(`**The demo stopped early:** ${summary.error}`, "");
  out.push(summaryLine(summary), "");
  return out.join("\n");
}
