// `delete --all` removes every API a cortex.yaml deployed in a namespace, so it asks first: on a
// terminal it lists what would go and waits for a yes; without a terminal to ask on it needs --yes.
// Pure: the prompt's words and how an answer reads.
import { plural } from "./plural.ts";

/** What to do before deleting: go ahead, ask on the terminal, or refuse (no terminal, no --yes). */
export type DeleteGate = "proceed" | "ask" | "refuse";

export function deleteGate(opts: {
  all: boolean;
  yes: boolean;
  dryRun: boolean;
  /** stdin is a terminal someone can answer on. */
  interactive: boolean;
}): DeleteGate {
  // Named APIs are chosen one by one already; a dry run changes nothing.
  if (!opts.all || opts.yes || opts.dryRun) return "proceed";
  return opts.interactive ? "ask" : "refuse";
}

/** Why `delete --all` did nothing without a terminal, and how to go on. */
export function refusalMessage(namespace: string, configFile: string, count: number): string {
  return (
    `--all would delete ${plural(count, "API")} that ${configFile} deployed in namespace ` +
    `${namespace}, and stdin is not a terminal to confirm it on, so nothing was deleted: pass ` +
    "--yes to delete them, or --dry-run to list them"
  );
}

/** The question, after the list of what would go (`refs`: "realtimeapi/iris"). */
export function confirmQuestion(
  namespace: string,
  configFile: string,
  refs: readonly string[],
): string {
  return [
    `This deletes ${plural(refs.length, "API")} that ${configFile} deployed in namespace ${namespace}:`,
    ...refs.map((ref) => `  ${ref}`),
    `Delete ${refs.length === 1 ? "it" : `these ${refs.length}`}? [y/N] `,
  ].join("\n");
}

/** y or yes, in any case; anything else (Enter alone included) is no. */
export function confirmed(answer: string | undefined): boolean {
  return /^y(es)?$/i.test((answer ?? "").trim());
}
