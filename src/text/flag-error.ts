// A flag-parsing error from node:util's parseArgs, said the way the rest of the CLI speaks. Its own
// messages are written for script authors ("To specify a positional argument starting with a '-',
// place it at the end of the command after '--'…") and never say which flag was meant.
import { closest } from "../config/suggest.ts";

interface FlagSpec {
  type: string;
  short?: string;
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
    const near = flag.startsWith("--") ? closest(flag, known) : undefined;
    return `unknown flag '${flag}'${near ? `; did you mean '${near}'?` : ""}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // "Option '-t, --timeout <value>' argument missing", "Option '--timeout' argument is
    // ambiguous" (the next word starts with '-'), "Option '--wait' does not take an argument".
    const flag = /^Option '(?:-\w, )?(-{1,2}[\w-]+)/.exec(message)?.[1];
    if (flag && /argument missing|is ambiguous/.test(message)) return `${flag} needs a value`;
    if (flag && /does not take an argument/.test(message)) return `${flag} takes no value`;
  }
  return message.split("\n")[0] ?? message;
}
