// The job summary of a deploy, preview, rollback, teardown or cleanup: what ran where, each API's
// status, revision, replicas and endpoint, the artifacts sent and skipped, and the time per phase.
// Rendering is pure; writing goes through core.summary, only when the runner gives us a file.
// Every job summary the Action writes goes through appendJobSummary, which redacts masked values.
import * as core from "@actions/core";
import { cell, codeSpan, inlineText, quoteBlock } from "../text/markdown.ts";
import { endpointCell, formatBytes, formatSeconds, statusText } from "./format.ts";
import { redact } from "./masked.ts";
import { commitLink, type RunContext } from "./run-context.ts";
import { formatReplicas, type RunReport, reportRevision } from "./run-report.ts";

export function renderSummary(
  report: RunReport,
  ctx: Pick<RunContext, "serverUrl" | "repository">,
): string {
  const failed = report.failure !== undefined;
  const lines = [
    `## ${failed ? "❌ " : ""}${inlineText(report.title)}${failed ? " failed" : ""}`,
    "",
  ];
  const facts: string[] = [];
  if (report.namespace) facts.push(`Namespace ${codeSpan(report.namespace)}`);
  if (report.commit) facts.push(`commit ${commitLink(ctx, report.commit)}`);
  const revision = reportRevision(report);
  if (revision !== undefined) facts.push(`revision ${revision}`);
  if (report.previewUrl) facts.push(`preview ${report.previewUrl}`);
  if (facts.length > 0) lines.push(`${facts.join(" · ")}`, "");
  if (failed) lines.push(quoteBlock(report.failure ?? ""), "");

  if (report.apis.length > 0) {
    lines.push(
      "| API | kind | change | status | revision | replicas | endpoint |",
      "|---|---|---|---|---|---|---|",
      ...report.apis.map(
        (a) =>
          `| ${cell(a.name)} | ${a.kind} | ${a.change} | ${statusText(a.state, "-")} | ` +
          `${a.revision ?? "-"} | ${formatReplicas(a.replicas)} | ${endpointCell(a.endpoint)} |`,
      ),
      "",
    );
  }
  const a = report.artifacts;
  if (a) {
    lines.push(
      `**Artifacts:** ${a.uploadedFiles} uploaded (${formatBytes(a.uploadedBytes)}), ` +
        `${a.skippedFiles} skipped, already in S3 (${formatBytes(a.skippedBytes)}).`,
      "",
    );
  }
  for (const note of report.notes) lines.push(note, "");
  if (report.phases.length > 0) {
    const total = report.phases.reduce((sum, p) => sum + p.seconds, 0);
    lines.push(
      "| phase | time |",
      "|---|---|",
      ...report.phases.map((p) => `| ${cell(p.name)} | ${formatSeconds(p.seconds)} |`),
      `| **total** | **${formatSeconds(total)}** |`,
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Appends what `build` adds to the job summary, without any masked value: the runner masks the
 * job log, and the summary is a page of its own. A no-op outside the runner (no
 * GITHUB_STEP_SUMMARY).
 */
export async function appendJobSummary(build: (s: typeof core.summary) => void): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  build(core.summary);
  const text = redact(core.summary.stringify());
  await core.summary.emptyBuffer().addRaw(text).write();
}

/** Appends the report to the job summary. */
export async function writeSummary(
  report: RunReport,
  ctx: Pick<RunContext, "serverUrl" | "repository">,
): Promise<void> {
  await appendJobSummary((s) => s.addRaw(renderSummary(report, ctx)));
}
