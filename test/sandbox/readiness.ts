// Waiting for a component to become ready: fast polling, and a failure that carries the
// component's last log lines, whether it exited early or never became ready.
import { setTimeout as sleep } from "node:timers/promises";
import { isRunning, type RunningProcess, tailLog } from "./processes.ts";

export class StartError extends Error {
  override name = "StartError";
}

export function startFailure(proc: RunningProcess, why: string): StartError {
  const { name, log } = proc.record;
  return new StartError(`${name} ${why}; last lines of ${log}:\n${tailLog(log)}`);
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Fail at once, with its log, if this process exits while we wait. */
  proc?: RunningProcess;
}

/** Polls until probe returns a value (not undefined); probe errors count as "not yet". */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError = "";
  for (;;) {
    if (opts.proc && (opts.proc.child.exitCode !== null || !isRunning(opts.proc.record))) {
      const code = opts.proc.child.exitCode ?? opts.proc.child.signalCode;
      throw startFailure(opts.proc, `exited${code === null ? "" : ` (${code})`} before ${what}`);
    }
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      const detail = lastError ? ` (last error: ${lastError})` : "";
      const message = `timed out after ${opts.timeoutMs} ms waiting for ${what}${detail}`;
      if (opts.proc) throw startFailure(opts.proc, message);
      throw new StartError(message);
    }
    await sleep(opts.intervalMs ?? 100);
  }
}

/**
 * Like Promise.all, but waits for every promise to settle before rejecting: when start-up fails,
 * nothing may still be spawning processes while the caller tears down.
 */
export async function settleAll<T extends readonly unknown[] | []>(
  values: T,
): Promise<{ -readonly [P in keyof T]: Awaited<T[P]> }> {
  await Promise.allSettled(values);
  return Promise.all(values);
}
