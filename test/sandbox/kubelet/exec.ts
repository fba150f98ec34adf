// Running short helper commands (ip, mount, …) and collecting their output.
import { execFile } from "node:child_process";

export interface RunResult {
  ok: boolean;
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; never throws. */
export function tryRun(command: string, args: string[], timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ ok: !err, code, stdout, stderr });
    });
  });
}

/** Runs a command; throws with its stderr when it fails. */
export async function run(command: string, args: string[], timeoutMs?: number): Promise<string> {
  const result = await tryRun(command, args, timeoutMs);
  if (!result.ok) {
    const detail = result.stderr.trim() || `exit ${result.code}`;
    throw new Error(`${command} ${args.join(" ")}: ${detail}`);
  }
  return result.stdout;
}
