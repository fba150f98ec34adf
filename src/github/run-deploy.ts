// `command: deploy` in the Action (push to the default branch, workflow_dispatch without
// rollback-to): deploy into the `namespace` input, then outputs and the job summary.
import * as core from "@actions/core";
import { withClient } from "../commands/common.ts";
import type { DeployOptions } from "../commands/deploy.ts";
import type { CortexConfig } from "../config/index.ts";
import { DeployError } from "../kube/errors.ts";
import { deployAndReport } from "./deploy-and-report.ts";
import { failureOf, finish } from "./flow-common.ts";
import { GitHubApi } from "./github-api.ts";
import { type ActionInputs, clusterOf } from "./inputs.ts";
import { checkOlderCommit, deployedCommits } from "./older-commit.ts";
import type { PhaseClock } from "./phases.ts";
import type { RunContext } from "./run-context.ts";
import type { EventInput } from "./run-preview.ts";
import type { RunReport } from "./run-report.ts";

/**
 * On a push, stops a deploy of a commit older than one already deployed (older-commit.ts). A
 * dispatch is a person's explicit choice, and a force-push that resets the branch means it.
 */
export function olderCommitGuard(
  inputs: Pick<ActionInputs, "githubToken">,
  event: EventInput,
  ctx: Pick<RunContext, "sha" | "repository" | "apiUrl">,
): DeployOptions["checkLive"] {
  if (event.name !== "push" || ctx.sha === "") return undefined;
  const forced = (event.payload as { forced?: unknown } | undefined)?.forced === true;
  return async (live, configId) => {
    const deployed = deployedCommits(live, configId, ctx.sha);
    if (deployed.size === 0) return;
    if (forced) {
      core.info("the branch was force-pushed: deploying without checking for newer deploys");
      return;
    }
    if (inputs.githubToken === "") {
      core.warning(
        "no github-token: cannot check that this commit is not older than the deployed one",
      );
      return;
    }
    const github = new GitHubApi(inputs.githubToken, ctx.repository, ctx.apiUrl);
    const check = await checkOlderCommit(deployed, ctx.sha, (base, head) =>
      github.compareCommits(base, head),
    );
    for (const warning of check.warnings) core.warning(warning);
    if (check.refusal !== undefined) throw new DeployError(check.refusal);
  };
}

export async function runDeploy(
  inputs: ActionInputs,
  config: CortexConfig,
  event: EventInput,
  ctx: RunContext,
  clock: PhaseClock,
): Promise<void> {
  const report: RunReport = {
    command: "deploy",
    title: "cortex-deploy: deploy",
    namespace: inputs.namespace,
    commit: ctx.sha,
    apis: [],
    phases: clock.phases,
    notes: [],
  };
  try {
    await withClient(clusterOf(inputs, inputs.namespace), async (client) => {
      const done = await deployAndReport({
        client,
        inputs,
        config,
        namespace: inputs.namespace,
        clock,
        signal: ctx.signal,
        checkLive: olderCommitGuard(inputs, event, ctx),
        // Kept when the deploy fails after the upload: the outputs and summary say what was sent.
        onUploaded: (summary) => {
          report.artifacts = summary;
        },
      });
      report.apis = done.apis;
      report.failure = done.failure;
      const pruned = done.result?.pruned ?? [];
      if (pruned.length > 0) {
        report.notes.push(
          `Pruned (no longer in cortex.yaml): ${pruned.map((p) => `\`${p}\``).join(", ")}.`,
        );
      }
    });
  } catch (err) {
    report.failure = failureOf(err);
  }
  await finish(report, ctx);
}
