// `command: rollback` (workflow_dispatch with rollback-to): re-apply an earlier revision of each
// RealtimeAPI in cortex.yaml (the CLI's rollback), wait, then outputs and the job summary.
import { s3EndpointFromEnv, withClient } from "../commands/common.ts";
import { waitAndExplain } from "../commands/deploy.ts";
import { rollback } from "../commands/rollback.ts";
import type { CortexConfig } from "../config/index.ts";
import { actionReporter, describeApis } from "./deploy-and-report.ts";
import { failureOf, finish } from "./flow-common.ts";
import { type ActionInputs, clusterOf } from "./inputs.ts";
import type { PhaseClock } from "./phases.ts";
import type { RunContext } from "./run-context.ts";
import type { RunReport } from "./run-report.ts";

export async function runRollback(
  inputs: ActionInputs,
  config: CortexConfig,
  ctx: RunContext,
  clock: PhaseClock,
): Promise<void> {
  const to = inputs.rollbackTo || "previous";
  const report: RunReport = {
    command: "rollback",
    title: `cortex-deploy: rollback to ${to}`,
    namespace: inputs.namespace,
    commit: "",
    apis: [],
    phases: clock.phases,
    notes: [],
  };
  const names = config.apis.filter((a) => a.kind === "RealtimeAPI").map((a) => a.name);
  try {
    await withClient(clusterOf(inputs, inputs.namespace), async (client) => {
      const result = await clock.time(
        "re-apply",
        () =>
          rollback({
            client,
            namespace: inputs.namespace,
            names,
            to,
            wait: false,
            timeoutSeconds: inputs.timeoutSeconds,
            forceConflicts: inputs.forceConflicts,
            s3Endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
            region: inputs.awsRegion || undefined,
            log: actionReporter,
            signal: ctx.signal,
            // The dispatch run's, not those of the run that deployed the revision.
            by: { actor: ctx.actor || undefined, runUrl: ctx.runUrl || undefined },
          }),
        true,
      );
      if (inputs.wait) {
        report.failure = await clock.time(
          "wait for rollout",
          () =>
            waitAndExplain(
              client,
              {
                namespace: inputs.namespace,
                timeoutSeconds: inputs.timeoutSeconds,
                log: actionReporter,
                signal: ctx.signal,
              },
              result.apis,
            ),
          true,
        );
      }
      const byName = new Map(result.apis.map((a) => [a.name, a]));
      report.apis = await describeApis(
        client,
        inputs.namespace,
        result.apis,
        undefined,
        inputs.endpointUrlTemplate,
        (a) => {
          const r = byName.get(a.name);
          if (r?.left !== undefined) return `left as it is: ${r.left}`;
          return a.action === "unchanged"
            ? `already at revision ${r?.target}`
            : `re-applied the spec of revision ${r?.target}`;
        },
      );
      // Without the wait, the status may still name the revision rolled back from.
      if (!inputs.wait) {
        for (const a of report.apis) if (a.action !== "unchanged") a.revision = undefined;
      }
      const line = result.apis
        .filter((a) => a.left === undefined)
        .map((a) => `${a.name} → the spec of revision ${a.target}`)
        .join(", ");
      report.notes.push(`Rolled back to: ${line}.`);
    });
  } catch (err) {
    report.failure = failureOf(err);
  }
  await finish(report, ctx);
}
