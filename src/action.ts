// The GitHub Action: read inputs, mask secrets, pick the command from the event, validate
// cortex.yaml, then run the command: plan runs the CLI's code; deploy, preview, rollback, teardown,
// cleanup and gc run src/github/'s flows (the CLI's code plus PR comment, Deployment, job summary).
// Every failure ends in core.setFailed with a sentence a person can act on; only a bug in
// cortex-deploy itself shows a stack trace.
import { readFile } from "node:fs/promises";
import * as core from "@actions/core";
import { withArtifactsChecked } from "./commands/artifact-view.ts";
import { loadConfigFile } from "./config/index.ts";
import { withCheckoutHint } from "./github/checkout-hint.ts";
import { type EventContext, resolveCommand } from "./github/event.ts";
import { checkDryRun, InputError, readInputs } from "./github/inputs.ts";
import { maskKubeconfigList } from "./github/kubeconfig-list.ts";
import { mask } from "./github/masked.ts";
import { reportNothingToDo } from "./github/nothing-to-do.ts";
import { PhaseClock } from "./github/phases.ts";
import {
  annotateConfigErrors,
  annotateConfigWarnings,
  failBeforeChanges,
  summarizeConfigErrors,
  summarizeValidConfig,
} from "./github/report.ts";
import { environmentSecrets, maskKubeconfig } from "./github/secrets.ts";
import { defaultKubeconfig } from "./kube/default-kubeconfig.ts";
import { namespaceNameProblem } from "./kube/namespace-name.ts";
import { plural } from "./text/plural.ts";

async function readEvent(rollbackTo: string): Promise<EventContext> {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  let payload: EventContext["payload"] = {};
  if (eventPath) {
    try {
      payload = JSON.parse(await readFile(eventPath, "utf8")) as EventContext["payload"];
    } catch (err) {
      throw new InputError(`cannot read the event payload ${eventPath}: ${(err as Error).message}`);
    }
  }
  return {
    eventName: process.env.GITHUB_EVENT_NAME ?? "",
    payload,
    ref: process.env.GITHUB_REF ?? "",
    rollbackTo,
  };
}

/**
 * The runner's kubeconfig, used when the input is empty (KUBECONFIG that an earlier step such as
 * a cloud's login action left, else ~/.kube/config), is masked like the input: an error while
 * loading it could otherwise print a token.
 */
async function maskDefaultKubeconfig(): Promise<void> {
  for (const file of defaultKubeconfig()?.files ?? []) {
    const contents = await readFile(file, "utf8").catch(() => "");
    if (contents) maskKubeconfig(contents, mask);
  }
}

/** Runs `fn` with SIGINT and SIGTERM (a cancelled job) as its signal, so it stops cleanly. */
async function interruptible(fn: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const { withInterrupt } = await import("./commands/interrupt.ts");
  await withInterrupt((line) => core.warning(line), fn);
}

export async function run(): Promise<void> {
  try {
    const clock = new PhaseClock({ group: (name, fn) => core.group(name, fn) });
    // Before reading: a mistake in one of these kubeconfigs must not print another's token.
    // Masked through masked.ts, which also keeps them out of comments, Deployments and summaries.
    maskKubeconfigList(core.getInput("gc-kubeconfigs"), mask);
    const inputs = readInputs((name) => core.getInput(name));
    if (inputs.kubeconfig) maskKubeconfig(inputs.kubeconfig, mask);
    else await maskDefaultKubeconfig();
    if (inputs.githubToken) mask(inputs.githubToken);
    for (const secret of environmentSecrets(process.env)) mask(secret);

    const event = await readEvent(inputs.rollbackTo);
    const resolved = resolveCommand(inputs.command, event);
    if (!resolved.ok) {
      await failBeforeChanges(resolved.message);
      return;
    }
    // An event a shared workflow also runs on: success, before the workspace, cortex.yaml or
    // any cluster is touched.
    if (resolved.command === "none") {
      await reportNothingToDo(resolved.notice);
      return;
    }
    const command = resolved.command;
    checkDryRun(command, inputs.dryRun);
    // Previews, teardown and cleanup derive their namespace names from it; the others use it.
    if (command === "deploy" || command === "rollback" || command === "plan") {
      const problem = namespaceNameProblem(inputs.namespace);
      if (problem) throw new InputError(`input namespace: ${problem}`);
    }
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    try {
      process.chdir(workspace);
    } catch (err) {
      throw new InputError(
        `cannot enter the workspace ${workspace} (GITHUB_WORKSPACE): ${(err as Error).message}. ` +
          "Check out the repository (actions/checkout) before this step.",
      );
    }
    const github = { name: event.eventName, payload: event.payload };

    // Teardown and cleanup need no cortex.yaml: a closed pull request may have broken or deleted it.
    if (command === "teardown" || command === "cleanup") {
      const { runGitHubCommand } = await import("./github/dispatch.ts");
      await runGitHubCommand(command, inputs, undefined, github, clock);
      return;
    }
    // Nor does gc, which reads the clusters and S3; a cancelled job stops it between deletes.
    if (command === "gc") {
      const { runGitHubCommand } = await import("./github/dispatch.ts");
      await interruptible((signal) =>
        runGitHubCommand(command, inputs, undefined, github, clock, signal),
      );
      return;
    }

    // Every other command validates first, so nothing is touched on a broken file.
    // A rollback re-applies a stored revision, so today's artifact paths are not its concern.
    const loaded = await clock.time("validate", async () => {
      const read = await withCheckoutHint(await loadConfigFile(inputs.config), workspace);
      return command === "rollback" ? read : withArtifactsChecked(read);
    });
    // Warnings are annotations too, whatever the command; they do not fail the step.
    annotateConfigWarnings(loaded.warnings, workspace);
    if (!loaded.ok) {
      annotateConfigErrors(loaded.errors, workspace);
      await summarizeConfigErrors(inputs.config, loaded.errors, loaded.warnings);
      const n = loaded.errors.length;
      core.setFailed(`${inputs.config} has ${plural(n, "error")}; nothing was changed.`);
      return;
    }
    const { apis } = loaded.config;
    core.info(
      `${inputs.config}: ${plural(apis.length, "API")} valid: ${apis.map((a) => a.name).join(", ")}`,
    );
    core.setOutput(
      "apis",
      JSON.stringify(
        apis.map((a) => ({ name: a.name, kind: a.kind, endpoint: a.networking.endpoint })),
      ),
    );
    if (command === "validate") {
      await summarizeValidConfig(inputs.config, apis, loaded.warnings);
      return;
    }
    // Loaded only here, so validate runs without the Kubernetes, S3 and GitHub clients.
    if (command === "deploy" || command === "preview" || command === "rollback") {
      const { runGitHubCommand } = await import("./github/dispatch.ts");
      // A cancelled job: uploads abort their multipart uploads and the report says what was left.
      await interruptible((signal) =>
        runGitHubCommand(command, inputs, loaded.config, github, clock, signal),
      );
      return;
    }
    if (command === "plan") {
      // Loaded only here, so validate runs without the Kubernetes and S3 clients.
      const { runPlanCommand } = await import("./commands/action-steps.ts");
      const { announceCluster } = await import("./github/which-cluster.ts");
      announceCluster(inputs);
      await runPlanCommand(inputs, loaded.config);
      return;
    }
    core.setFailed(
      `command '${command}' is not available yet in this version of cortex-deploy (validation ` +
        "passed; nothing was deployed). Use `command: validate` until it ships.",
    );
  } catch (err) {
    if (err instanceof InputError) await failBeforeChanges(err.message);
    else
      core.setFailed(`cortex-deploy failed unexpectedly: ${(err as Error).stack ?? String(err)}`);
  }
}
