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

export function annotateConfigErrors(errors: readonly ConfigError[], workspace: string): void {
  for (const e of errors) {
    core.error(describeConfigError(e), {
      title: "cortex.yaml",
      file: path.relative(workspace, path.resolve(e.file)) || e.file,
      startLine: e.line,
      startColumn: e.column,
    });
  }
}

/** Writes the job summary when the runner gives us a file for it (it does not in a plain shell). */
async function writeSummary(build: (s: typeof core.summary) => void): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  build(core.summary);
  await core.summary.write();
}

export async function summarizeConfigErrors(
  file: string,
  errors: readonly ConfigError[],
): Promise<void> {
  await writeSummary((s) => {
    s.addHeading("cortex-deploy: cortex.yaml is not valid", 2);
    s.addRaw(`${errors.length} error${errors.length === 1 ? "" : "s"} in \`${file}\`:`, true);
    s.addCodeBlock(errors.map(formatConfigError).join("\n"), "text");
  });
}

export async function summarizeValidConfig(
  file: string,
  apis: readonly ApiConfig[],
): Promise<void> {
  await writeSummary((s) => {
    s.addHeading("cortex-deploy: cortex.yaml is valid", 2);
    s.addRaw(`\`${file}\` defines ${apis.length} API${apis.length === 1 ? "" : "s"}.`, true);
    s.addTable([
      [
        { data: "API", header: true },
        { data: "kind", header: true },
        { data: "endpoint", header: true },
      ],
      ...apis.map((api) => [api.name, api.kind, api.networking.endpoint]),
    ]);
  });
}
