// What `--format json` prints when a command fails: one JSON document on stdout, so a script that
// parses stdout reads the failure instead of empty input (the sentence for people still goes to
// stderr). Pure.
import type { ConfigError } from "../config/index.ts";

export interface JsonError {
  error: {
    /** The sentence stderr shows, without the `cortex-deploy COMMAND:` prefix. */
    message: string;
    /** The command's exit code: 1 it failed, 2 a usage error, 130 or 143 stopped by a signal. */
    exitCode: number;
    /** The cortex.yaml a config error is in; null for other failures. */
    file: string | null;
    /** Config errors with their file, line and column, as `validate --format json` lists them. */
    errors: ConfigError[];
    warnings: ConfigError[];
  };
}

/** The document for a failure; `config` for one in cortex.yaml (pure). */
export function jsonError(
  message: string,
  exitCode: number,
  config?: { file: string; errors: readonly ConfigError[]; warnings: readonly ConfigError[] },
): JsonError {
  return {
    error: {
      message,
      exitCode,
      file: config?.file ?? null,
      errors: [...(config?.errors ?? [])],
      warnings: [...(config?.warnings ?? [])],
    },
  };
}

/**
 * Whether raw arguments ask for `--format json` (`--format json`, `--format=json`), for a command
 * line that failed to parse: its flags are then not known, but the script still wants JSON.
 */
export function asksForJson(args: readonly string[]): boolean {
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") break;
    if (arg === "--format") json = args[++i] === "json";
    else if (arg?.startsWith("--format=")) json = arg === "--format=json";
  }
  return json;
}
