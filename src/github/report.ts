// How validation results reach a person in GitHub: an annotation on each offending line and a
// job summary that lists the APIs or the errors.
import path from "node:path";
import * as core from "@actions/core";
import {
  type ApiConfig,
  type ConfigError,
  describeConfigError,
  formatConfigError,
} from "../config/index.ts";
import { codeSpan, escapeHtml, quoteBlock } from "../text/markdown.ts";
import { appendJobSummary } from "./summary.ts";

function annotation(e: ConfigError, workspace: string): core.AnnotationProperties {
  return {
    title: "cortex.yaml",
    file: path.relative(workspace, path.resolve(e.file)) || e.file,
    startLine: e.line,
    startColumn: e.column,
  };
}

export function annotateConfigErrors(errors: readonly ConfigError[], workspace: string): void {
  for (const e of errors) core.error(describeConfigError(e), annotation(e, workspace));
}

/** Warnings (what Cortex accepts but is most likely a slip) do not fail the step. */
export function annotateConfigWarnings(warnings: readonly ConfigError[], workspace: string): void {
  for (const w of warnings) core.warning(describeConfigError(w), annotation(w, workspace));
}

/** The warnings as a code block under the summary's heading, if any. */
function addWarnings(s: typeof core.summary, warnings: readonly ConfigError[]): void {
  if (warnings.length === 0) return;
  s.addRaw(`${warnings.length} warning${warnings.length === 1 ? "" : "s"}:`, true);
  s.addCodeBlock(escapeHtml(warnings.map(formatConfigError).join("\n")), "text");
}

export async function summarizeConfigErrors(
  file: string,
  errors: readonly ConfigError[],
  warnings: readonly ConfigError[] = [],
): Promise<void> {
  await appendJobSummary((s) => {
    s.addHeading("cortex-deploy: cortex.yaml is not valid", 2);
    s.addRaw(`${errors.length} error${errors.length === 1 ? "" : "s"} in ${codeSpan(file)}:`, true);
    s.addCodeBlock(escapeHtml(errors.map(formatConfigError).join("\n")), "text");
    addWarnings(s, warnings);
  });
}

export async function summarizeValidConfig(
  file: string,
  apis: readonly ApiConfig[],
  warnings: readonly ConfigError[] = [],
): Promise<void> {
  await appendJobSummary((s) => {
    s.addHeading("cortex-deploy: cortex.yaml is valid", 2);
    s.addRaw(`${codeSpan(file)} defines ${apis.length} API${apis.length === 1 ? "" : "s"}.`, true);
    s.addTable([
      [
        { data: "API", header: true },
        { data: "kind", header: true },
        { data: "endpoint", header: true },
      ],
      ...apis.map((api) => [api.name, api.kind, api.networking.endpoint].map(escapeHtml)),
    ]);
    addWarnings(s, warnings);
  });
}

/**
 * A run that stopped before it changed anything (a bad input, an event it does not handle):
 * the step fails and the job summary, where people look first, says why.
 */
export async function failBeforeChanges(message: string): Promise<void> {
  core.setFailed(message);
  try {
    await appendJobSummary((s) => {
      // The same shape as a run report's failure line (summary.ts).
      s.addRaw(`## cortex-deploy failed\n\n${quoteBlock(message)}\n\nNothing was changed.\n`);
    });
  } catch (err) {
    core.warning(`could not write the job summary: ${(err as Error).message}`);
  }
}
