// Polling with a deadline and Ctrl-C: every wait of the demo is bounded.
import { setTimeout as sleep } from "node:timers/promises";

export class DemoAborted extends Error {
  constructor() {
    super("stopped (Ctrl-C)");
    this.name = "DemoAborted";
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DemoAborted();
}

/** Sleeps, waking early (and throwing) when the demo is stopped. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : undefined);
  } catch {
    throw new DemoAborted();
  }
}

/** Polls `check` until it returns a value; throws `<what> not within Ns` past the deadline. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  opts: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal; detail?: () => string },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    throwIfAborted(opts.signal);
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const detail = opts.detail ? ` (${opts.detail()})` : "";
      throw new Error(`${what}: not within ${Math.round(opts.timeoutMs / 1000)}s${detail}`);
    }
    await pause(opts.intervalMs ?? 500, opts.signal);
  }
}
