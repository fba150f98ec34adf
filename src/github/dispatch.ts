// The Action's GitHub flows behind one call, so action.ts only picks the command: deploy,
// preview, teardown, rollback, cleanup and gc. The kubeconfig input is written to a 0600 file that
// KUBECONFIG points at for the run (for exec plugins and tools that read it), and removed
// afterwards. Imported lazily by action.ts, so `validate` never loads the Kubernetes or GitHub
// clients.
import * as core from "@actions/core";
import type { CortexConfig } from "../config/index.ts";
import type { ActionInputs } from "./inputs.ts";
import { writeKubeconfigFile } from "./kubeconfig-file.ts";
import type { PhaseClock } from "./phases.ts";
import { runCleanup } from "./run-cleanup.ts";
import { runContextFromEnv } from "./run-context.ts";
import { runDeploy } from "./run-deploy.ts";
import { runGc } from "./run-gc.ts";
import { type EventInput, runPreview } from "./run-preview.ts";
import { runRollback } from "./run-rollback.ts";
import { runTeardown } from "./run-teardown.ts";
import { announceCluster } from "./which-cluster.ts";

/** Commands that need no cortex.yaml: they run before (and whatever) validation says. */
export const CONFIG_FREE = ["teardown", "cleanup", "gc"] as const;
export type ConfigFreeCommand = (typeof CONFIG_FREE)[number];
export type ConfigCommand = "deploy" | "preview" | "rollback";

export function isConfigFree(command: string): command is ConfigFreeCommand {
  return (CONFIG_FREE as readonly string[]).includes(command);
}

async function withKubeconfigFile(
  inputs: ActionInputs,
  runnerTemp: string,
  fn: () => Promise<void>,
): Promise<void> {
  if (inputs.kubeconfig.trim() === "") return fn();
  const file = await writeKubeconfigFile(inputs.kubeconfig, runnerTemp);
  const previous = process.env.KUBECONFIG;
  process.env.KUBECONFIG = file.path;
  try {
    // The flows still load the input's contents (clusterOf), so that every message names "the
    // kubeconfig input", not this file, which the user never made.
    await fn();
  } finally {
    if (previous === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = previous;
    await file.remove();
  }
}

export async function runGitHubCommand(
  command: ConfigCommand | ConfigFreeCommand,
  inputs: ActionInputs,
  config: CortexConfig | undefined,
  event: EventInput,
  clock: PhaseClock,
  signal?: AbortSignal,
): Promise<void> {
  const ctx = { ...runContextFromEnv(process.env, process.cwd(), event.payload), signal };
  announceCluster(inputs);
  await withKubeconfigFile(inputs, ctx.runnerTemp, async () => {
    if (command === "teardown") return runTeardown(inputs, event, ctx, clock);
    if (command === "cleanup") return runCleanup(inputs, ctx, clock);
    if (command === "gc") return runGc(inputs, ctx, clock);
    if (config === undefined) {
      core.setFailed(`command ${command} needs a valid cortex.yaml (a bug: it was not loaded)`);
      return;
    }
    if (command === "deploy") return runDeploy(inputs, config, event, ctx, clock);
    if (command === "preview") return runPreview(inputs, config, event, ctx, clock);
    return runRollback(inputs, config, ctx, clock);
  });
}
