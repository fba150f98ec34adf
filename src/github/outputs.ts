// The step outputs of a run (action.yml `outputs`), computed from its report (pure) and set with
// core.setOutput. Every output is set on every run, empty when it does not apply, so a later step
// can read it without checking which command ran.
import * as core from "@actions/core";
import { type ApiReport, type RunReport, reportRevision } from "./run-report.ts";

export const OUTPUT_NAMES = [
  "revision",
  "apis",
  "endpoint",
  "namespace",
  "uploaded-files",
  "uploaded-bytes",
  "skipped-files",
  "preview-url",
] as const;

/** The `status` of an API in the apis output: its rollout state when the run waited, else what
 * was done (applied, up to date, deleted). */
export function outputStatus(a: ApiReport): string {
  if (a.state !== undefined) return a.state;
  return a.action === "unchanged" ? "up to date" : a.action === "delete" ? "deleted" : "applied";
}

export function outputsFor(
  report: Pick<RunReport, "apis" | "namespace" | "artifacts" | "previewUrl">,
): Record<(typeof OUTPUT_NAMES)[number], string> {
  const revision = reportRevision(report);
  return {
    revision: revision === undefined ? "" : String(revision),
    apis: JSON.stringify(
      report.apis.map((a) => ({
        name: a.name,
        kind: a.kind,
        status: outputStatus(a),
        endpoint: a.endpoint,
        revision: a.revision ?? null,
      })),
    ),
    endpoint: report.apis[0]?.endpoint ?? "",
    namespace: report.namespace,
    "uploaded-files": String(report.artifacts?.uploadedFiles ?? 0),
    "uploaded-bytes": String(report.artifacts?.uploadedBytes ?? 0),
    "skipped-files": String(report.artifacts?.skippedFiles ?? 0),
    "preview-url": report.previewUrl ?? "",
  };
}

export function setOutputs(report: RunReport, extra: Record<string, string> = {}): void {
  // A run that failed before any API was applied keeps the validated list (set before the run),
  // so an `if: failure()` step still sees which APIs it was about.
  const keep = report.failure !== undefined && report.apis.length === 0;
  for (const [name, value] of Object.entries({ ...outputsFor(report), ...extra })) {
    if (keep && (name === "apis" || name === "endpoint")) continue;
    core.setOutput(name, value);
  }
}
