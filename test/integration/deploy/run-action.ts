// Runs the Action in process with GitHub's environment contract (INPUT_*, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_SHA...), as the runner would, and collects its outputs, job summary
// and log.
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { run } from "../../../src/action.ts";
import { actionEnv } from "../../support/run-node.ts";

export interface ActionRun {
  outputs: Map<string, string>;
  summary: string;
  failed: boolean;
  log: string;
}

/** Runs the Action once in `dir` (the workspace); `env` adds to or overrides the defaults. */
export async function runAction(
  dir: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const outputFile = path.join(dir, "output.txt");
  // One file per thread, not per run: core.summary keeps the first GITHUB_STEP_SUMMARY it saw,
  // so a later run in another folder would write into the first run's file.
  const summaryFile = path.join(tmpdir(), `in-process-summary-${process.pid}-${threadId}.md`);
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  const vars = actionEnv(dir, inputs, {
    GITHUB_EVENT_NAME: "workflow_dispatch",
    GITHUB_REF: "refs/heads/main",
    GITHUB_ACTOR: "octocat",
    GITHUB_REPOSITORY: "acme/ml",
    GITHUB_RUN_ID: "7",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    KUBECONFIG: process.env.KUBECONFIG ?? "",
    ...env,
  });
  const saved = { ...process.env };
  const cwd = process.cwd();
  const stdout: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    for (const k of Object.keys(process.env)) if (k.startsWith("INPUT_")) delete process.env[k];
    Object.assign(process.env, vars);
    await run();
  } finally {
    process.stdout.write = write;
    process.env = saved;
    process.chdir(cwd);
  }
  const failed = process.exitCode === 1;
  process.exitCode = undefined;
  const outputs = new Map<string, string>();
  const text = await readFile(outputFile, "utf8");
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    outputs.set(m[1] ?? "", m[3] ?? "");
  return { outputs, summary: await readFile(summaryFile, "utf8"), failed, log: stdout.join("") };
}
