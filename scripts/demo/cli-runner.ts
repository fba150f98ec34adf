// Runs the cortex-deploy CLI as its own process, exactly as a CI job (or the Action's shell)
// would: `node dist/cli.js <command> ...` with the job's environment. Its output is shown as it
// comes and kept for the report.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Output } from "./output.ts";
import { repoRoot } from "./paths.ts";
import type { Transcript } from "./report.ts";

/** The bundled CLI when it exists (a fresh clone has it committed), else the sources via tsx. */
export function cliArgv(): string[] {
  const bundle = path.join(repoRoot, "dist", "cli.js");
  if (existsSync(bundle)) return [process.execPath, bundle];
  // tsx resolved here, not from the child's working directory (the demo's repository has none).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return [process.execPath, "--import", tsx, path.join(repoRoot, "src", "cli-main.ts")];
}

/**
 * No colours in the transcripts, and no AWS SDK notice that its releases from 2027 need Node 22
 * (true, but not what the demo is about; README states the Node version).
 */
export const QUIET_ENV = {
  FORCE_COLOR: "0",
  NO_COLOR: "1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

export interface CliRun {
  cwd: string;
  env: Record<string, string>;
  out: Output;
  signal?: AbortSignal | undefined;
  /** Lines to show; all are kept in the transcript. Default: all. */
  show?: (line: string) => boolean;
}

export function runCli(args: string[], opts: CliRun): Promise<Transcript> {
  const [file, ...pre] = cliArgv();
  const command = `cortex-deploy ${args.join(" ")}`;
  opts.out.command(command);
  return new Promise((resolve, reject) => {
    const child = spawn(file as string, [...pre, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env, ...QUIET_ENV },
      stdio: ["ignore", "pipe", "pipe"],
      signal: opts.signal,
    });
    const output: string[] = [];
    const collect = (stream: NodeJS.ReadableStream) => {
      let partial = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        partial += chunk;
        const lines = partial.split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) emit(line);
      });
      stream.on("end", () => {
        if (partial !== "") emit(partial);
      });
    };
    const emit = (line: string) => {
      output.push(line);
      if (opts.show?.(line) ?? true) opts.out.commandOutput(line);
    };
    if (child.stdout) collect(child.stdout);
    if (child.stderr) collect(child.stderr);
    child.on("error", reject);
    child.on("close", (code) => resolve({ command, output, exitCode: code }));
  });
}
