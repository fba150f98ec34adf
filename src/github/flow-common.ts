// What every GitHub flow ends with (outputs, job summary, the step's failure) and how it talks
// to GitHub: a GitHub call that fails warns and never undoes or fails a deploy that worked.
import * as core from "@actions/core";
import { failureMessage } from "../commands/common.ts";
import { GitHubApi } from "./github-api.ts";
import type { ActionInputs } from "./inputs.ts";
import { setOutputs } from "./outputs.ts";
import type { RunContext } from "./run-context.ts";
import type { RunReport } from "./run-report.ts";
import { writeSummary } from "./summary.ts";

export async function finish(
  report: RunReport,
  ctx: RunContext,
  extraOutputs: Record<string, string> = {},
): Promise<void> {
  setOutputs(report, extraOutputs);
  try {
    await writeSummary(report, ctx);
  } catch (err) {
    core.warning(`could not write the job summary: ${(err as Error).message}`);
  }
  if (report.failure !== undefined) core.setFailed(report.failure);
}

/** The failure sentence for an error (a stack trace only for bugs of cortex-deploy). */
export function failureOf(err: unknown): string {
  return failureMessage(err);
}

/** A client for the PR comment and Deployments, or undefined (with a warning) without a token. */
export function githubFor(inputs: ActionInputs, ctx: RunContext): GitHubApi | undefined {
  if (ctx.repository === "") {
    core.warning("GITHUB_REPOSITORY is not set: no PR comment and no GitHub Deployment.");
    return undefined;
  }
  if (inputs.githubToken.trim() === "") {
    core.warning(
      "github-token is empty: no PR comment and no GitHub Deployment. The default, " +
        "the workflow's GITHUB_TOKEN, works when the job has `permissions: pull-requests: write, deployments: write`.",
    );
    return undefined;
  }
  return new GitHubApi(inputs.githubToken.trim(), ctx.repository, ctx.apiUrl);
}

/** Runs a GitHub call; a failure is a warning that says what did not happen. */
export async function bestEffort<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    core.warning((err as Error).message);
    return undefined;
  }
}
