// `command: gc` (a schedule): the CLI's gc over `bucket` and `prefix`, reading references in the
// `kubeconfig` input's cluster, in each of its `gc-contexts`, and in each of `gc-kubeconfigs`. `dry-run: true` only reports (the
// CLI without --delete). gc's lines go to the job log in a group; the job summary and the outputs
// say what it would delete or deleted and what it kept, and why.
import * as core from "@actions/core";
import type { GcHowTo } from "../artifacts/gc-report.ts";
import { prefixRoot } from "../artifacts/manifest.ts";
import { type Reporter, s3EndpointFromEnv } from "../commands/common.ts";
import { type GcResult, gc } from "../commands/gc.ts";
import { failureOf, finish } from "./flow-common.ts";
import { gcOutputs, gcSummary } from "./gc-summary.ts";
import { type ActionInputs, InputError, kubeconfigAccess } from "./inputs.ts";
import type { PhaseClock } from "./phases.ts";
import type { RunContext } from "./run-context.ts";
import type { RunReport } from "./run-report.ts";

/** The CLI says which flags to add; the Action names its inputs. */
export const ACTION_HOW_TO: GcHowTo = {
  delete: "run this step with `dry-run: false`",
  addCluster:
    "add its kubeconfig to the gc-kubeconfigs input (or, if it is a context of the kubeconfig " +
    "input, its name to gc-contexts)",
};

/** gc's lines; its warnings become annotations, which GitHub already labels as warnings. */
const log: Reporter = {
  info: (l) => core.info(l),
  warn: (l) => core.warning(l.replace(/^warning: /, "")),
};

export async function runGc(
  inputs: ActionInputs,
  ctx: RunContext,
  clock: PhaseClock,
): Promise<void> {
  if (inputs.bucket === "")
    throw new InputError("input bucket: gc needs the bucket whose artifacts it reclaims");
  const where = `s3://${inputs.bucket}/${prefixRoot(inputs.prefix)}`;
  const report: RunReport = {
    command: "gc",
    title: `cortex-deploy: gc of ${where}${inputs.dryRun ? " (dry run)" : ""}`,
    namespace: "",
    commit: "",
    apis: [],
    phases: clock.phases,
    notes: [],
  };
  let result: GcResult | undefined;
  try {
    result = await clock.time(
      inputs.dryRun ? "gc (dry run)" : "gc",
      () =>
        gc({
          bucket: inputs.bucket,
          prefix: inputs.prefix,
          region: inputs.awsRegion || undefined,
          endpoint: s3EndpointFromEnv(inputs.s3Endpoint, process.env),
          forcePathStyle: inputs.s3ForcePathStyle,
          clusters: [
            kubeconfigAccess(inputs),
            ...inputs.gcContexts.map((context) => ({ ...kubeconfigAccess(inputs), context })),
            ...inputs.gcKubeconfigs,
          ],
          minAgeSeconds: inputs.gcMinAge.seconds,
          minAgeText: inputs.gcMinAge.text,
          delete: !inputs.dryRun,
          howTo: ACTION_HOW_TO,
          log,
          signal: ctx.signal,
        }),
      true,
    );
  } catch (err) {
    report.failure = failureOf(err);
  }
  if (result !== undefined)
    report.notes.push(
      ...gcSummary(result, {
        where,
        minAge: inputs.gcMinAge.text,
        dryRun: inputs.dryRun,
        howTo: ACTION_HOW_TO,
      }),
    );
  await finish(report, ctx, gcOutputs(result));
}
