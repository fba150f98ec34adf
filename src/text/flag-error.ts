// A flag-parsing error from node:util's parseArgs, said the way the rest of the CLI speaks. Its own
// messages are written for script authors ("To specify a positional argument starting with a '-',
// place it at the end of the command after '--'…") and never say which flag was meant. The CLI's
// unknown commands get the same "did you mean".
import { closest } from "../config/suggest.ts";

interface FlagSpec {
  type: string;
  short?: string;
}

/** `-c` as `--config`, given the flags; a long name as it is. */
function longName(flag: string, flags: Readonly<Record<string, FlagSpec>>): string {
  if (flag.startsWith("--")) return flag;
  const name = Object.keys(flags).find((n) => flags[n]?.short === flag.slice(1));
  return name === undefined ? flag : `--${name}`;
}

/** "; did you mean 'deploy'?" when `word` is a likely typo of one of `known`, else "". */
export function didYouMean(word: string, known: readonly string[]): string {
  const near = closest(word, known);
  return near === undefined ? "" : `; did you mean '${near}'?`;
}

/** The message for `err`, given the command's flags (long name → spec). */
export function flagErrorMessage(err: unknown, flags: Readonly<Record<string, FlagSpec>>): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
    const known = Object.entries(flags).flatMap(([name, spec]) => [
      `--${name}`,
      ...(spec.short ? [`-${spec.short}`] : []),
    ]);
    // "--no-wait" style flags are declared under their own name, so they are in the list too.
    return `unknown flag '${flag}'${flag.startsWith("--") ? didYouMean(flag, known) : ""}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // "Option '-t, --timeout <value>' argument missing", "Option '-t' argument is ambiguous" (the
    // next word starts with '-'), "Option '--wait' does not take an argument".
    const given = /^Option '(?:-\w, )?(-{1,2}[\w-]+)/.exec(message)?.[1];
    const flag = given && longName(given, flags);
    if (flag && /argument missing/.test(message)) return `${flag} needs a value`;
    if (flag && /is ambiguous/.test(message))
      return `${flag} needs a value (one that starts with '-' is written ${flag}=VALUE)`;
    if (flag && /does not take an argument/.test(message)) {
      const off = `no-${flag.slice(2)}`;
      return `${flag} takes no value${off in flags ? `; --${off} turns it off` : ""}`;
    }
  }
  return message.split("\n")[0] ?? message;
}
