// A run that `command: auto` has nothing to do for (a label on a pull request, a merge queue's
// trial merge, a tag): the step succeeds with a notice and a job summary that say so, and its
// outputs say that nothing was done, as they do after a refused fork preview.
import * as core from "@actions/core";
import { quoteBlock } from "../text/markdown.ts";
import { outputsFor } from "./outputs.ts";
import { appendJobSummary } from "./summary.ts";

/** The outputs of a run that did nothing: no revision, no APIs, no namespace, nothing uploaded. */
export function nothingDoneOutputs(): ReturnType<typeof outputsFor> {
  return outputsFor({ apis: [], namespace: "" });
}

export async function reportNothingToDo(notice: string): Promise<void> {
  core.notice(notice, { title: "cortex-deploy: nothing to do" });
  for (const [name, value] of Object.entries(nothingDoneOutputs())) core.setOutput(name, value);
  try {
    await appendJobSummary((s) => {
      s.addRaw(`## cortex-deploy: nothing to do\n\n${quoteBlock(notice)}\n`);
    });
  } catch (err) {
    core.warning(`could not write the job summary: ${(err as Error).message}`);
  }
}
