// Why the download failed, as the container's termination message: Kubernetes puts the file at
// terminationMessagePath in the container's status, where the controller's pod problems (and so
// `cortex-deploy status` and a deploy's wait) read it. One short sentence; the JSON log line
// keeps the whole record.
import { writeFile } from "node:fs/promises";

/**
 * The controller shows the last 300 characters of a container's message (rollout/pod-problems.ts,
 * whose cut suits log tails): a sentence this long is shown whole, its start included.
 */
export const TERMINATION_MESSAGE_MAX = 300;

/** SHA-256 digests cut to 12 hex digits, one line, at most `max` characters. Pure. */
export function terminationMessage(text: string, max = TERMINATION_MESSAGE_MAX): string {
  const short = text
    .replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, "$1…")
    .replace(/\s+/g, " ")
    .trim();
  return short.length <= max ? short : `${short.slice(0, max - 1)}…`;
}

/** Writes the message; a failure is returned (for the log), never thrown. */
export async function writeTerminationMessage(
  file: string,
  text: string,
): Promise<unknown | undefined> {
  try {
    await writeFile(file, terminationMessage(text));
    return undefined;
  } catch (err) {
    return err;
  }
}
