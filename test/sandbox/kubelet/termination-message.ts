// A container's termination message, as a kubelet gives it: an empty file per run, bind-mounted
// at the container's terminationMessagePath (default /dev/termination-log), read when the
// process exits, at most 4096 bytes, and reported as its terminated state's message.
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";
/** What Kubernetes keeps of one container's message. */
export const TERMINATION_MESSAGE_MAX_BYTES = 4096;

function terminationFile(podDir: string, container: string, run: number): string {
  return join(podDir, "termination", `${container}.${run}`);
}

/** An empty file for this run (the one before it removed: its message is already reported). */
export function prepareTerminationFile(podDir: string, container: string, run: number): string {
  mkdirSync(join(podDir, "termination"), { recursive: true });
  rmSync(terminationFile(podDir, container, run - 1), { force: true });
  const file = terminationFile(podDir, container, run);
  writeFileSync(file, "");
  return file;
}

/** The file's first `max` bytes as text; undefined when it is empty or cannot be read. */
export function readTerminationMessage(
  file: string,
  max = TERMINATION_MESSAGE_MAX_BYTES,
): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const buf = Buffer.alloc(max);
    const n = readSync(fd, buf, 0, max, 0);
    return n === 0 ? undefined : buf.subarray(0, n).toString("utf8");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
