// `command: deploy` in the Action (push to the default branch, workflow_dispatch without
// rollback-to): deploy into the `namespace` input, then outputs and the job summary.
import { withClient } from "../commands/common.ts";
import type { CortexConfig } from "../config/index.ts";
import { deployAndReport } from "./deploy-and-report.ts";
import { failureOf, finish } from "./flow-common.ts";
import type { ActionInputs } from "./inputs.ts";
import type { PhaseClock } from "./phases.ts";
import type { RunContext } from "./run-context.ts";
import type { RunReport } from "./run-report.ts";

export async function runDeploy(
  inputs: ActionInputs,
  config: CortexConfig,
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
    await withClient(
      { namespace: inputs.namespace, kubeconfig: inputs.kubeconfig || undefined },
      async (client) => {
        const done = await deployAndReport({
          client,
          inputs,
          config,
          namespace: inputs.namespace,
          clock,
          signal: ctx.signal,
        });
        report.apis = done.apis;
        report.artifacts = done.result?.upload;
        report.failure = done.failure;
        const pruned = done.result?.pruned ?? [];
        if (pruned.length > 0) {
          report.notes.push(
            `Pruned (no longer in cortex.yaml): ${pruned.map((p) => `\`${p}\``).join(", ")}.`,
          );
        }
      },
    );
  } catch (err) {
    report.failure = failureOf(err);
  }
  await finish(report, ctx);
}
