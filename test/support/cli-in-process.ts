// The CLI's main run in the test's own process, with what it printed captured.
import { vi } from "vitest";
import { main } from "../../src/cli.ts";

export interface CliRun {
  code: number;
  /** Each console.log and console.error call's text, in the order printed. */
  printed: string[];
  /** The console.log calls alone: what went to stdout, the part a script would parse. */
  stdout: string[];
}

/** Runs `cortex-deploy ...args`; console is restored afterwards. */
export async function runCli(...args: string[]): Promise<CliRun> {
  const printed: string[] = [];
  const stdout: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
    printed.push(a.join(" "));
    stdout.push(a.join(" "));
  });
  const err = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => {
    printed.push(a.join(" "));
  });
  try {
    return { code: await main(args), printed, stdout };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

/** For tests that read what several runs printed: `printed` gathers it until they clear it. */
export function cliInProcess(): { printed: string[]; cli: (...args: string[]) => Promise<number> } {
  const printed: string[] = [];
  const cli = async (...args: string[]): Promise<number> => {
    const run = await runCli(...args);
    printed.push(...run.printed);
    return run.code;
  };
  return { printed, cli };
}
