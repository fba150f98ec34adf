// How the demo talks: step headings, time-stamped narration, and the CLI's own output indented
// under the command that printed it, so what cortex-deploy says stands apart from the demo's words.
import path from "node:path";
import { formatSeconds } from "./series.ts";

export interface Output {
  heading(text: string): void;
  /** Narration, stamped with the time since the demo started. */
  say(text: string): void;
  /** A command about to run, as one would type it. */
  command(text: string): void;
  /** One line a command printed. */
  commandOutput(text: string): void;
  /** A plain line (the summary). */
  plain(text: string): void;
}

export function stamp(seconds: number): string {
  return `[${formatSeconds(seconds).padStart(6)}]`;
}

export function makeOutput(clock: () => number, write: (line: string) => void): Output {
  return {
    heading: (text) => write(`\n== ${text}`),
    say: (text) => write(`${stamp(clock())} ${text}`),
    command: (text) => write(`${stamp(clock())} $ ${text}`),
    commandOutput: (text) => write(`         | ${text}`),
    plain: (text) => write(text),
  };
}

/** Relative to the working directory when inside it, else absolute. */
export function shortPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}
