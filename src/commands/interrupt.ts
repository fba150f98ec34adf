// Ctrl-C and SIGTERM (what a cancelled CI job gets: SIGINT, then SIGTERM 7.5 s later) as an
// AbortSignal, so a command stops cleanly: uploads abort their multipart uploads (S3 bills the
// parts of unfinished ones), nothing new is applied, and the message says what was left. A second
// signal quits at once.
import { InterruptedError } from "./common.ts";

/**
 * A command stopped by a signal. Its exit code is the shell's for a process the signal ended
 * (128 + the signal's number: 130 for Ctrl-C, 143 for SIGTERM), so a script or CI tells
 * "cancelled" from "failed".
 */
export class SignalInterruptedError extends InterruptedError {
  readonly exitCode: number;
  constructor(
    message: string,
    readonly signal: NodeJS.Signals,
  ) {
    super(message);
    this.exitCode = signal === "SIGINT" ? 130 : 143;
  }
}

/** The exit code for a command that failed with `err`: 130/143 when a signal stopped it. */
export function interruptedExitCode(err: unknown): number | undefined {
  return err instanceof SignalInterruptedError ? err.exitCode : undefined;
}

export interface Interrupt {
  signal: AbortSignal;
  /** Removes the handlers: signals kill the process again. */
  dispose(): void;
}

export function onInterrupt(say: (line: string) => void): Interrupt {
  const stop = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (stop.signal.aborted) process.exit(name === "SIGINT" ? 130 : 143);
    say(`cortex-deploy: ${name}: stopping (send it again to quit at once)`);
    stop.abort(new SignalInterruptedError(`interrupted by ${name}`, name));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: stop.signal,
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/** Runs `fn` with SIGINT and SIGTERM as its signal, listening to them only while it runs. */
export async function withInterrupt<T>(
  say: (line: string) => void,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const interrupt = onInterrupt(say);
  try {
    return await fn(interrupt.signal);
  } finally {
    interrupt.dispose();
  }
}

/** An InterruptedError saying what was left, when `signal` has stopped the command. */
export function interrupted(
  signal: AbortSignal | undefined,
  left: string,
): InterruptedError | undefined {
  if (!signal?.aborted) return undefined;
  const reason = signal.reason instanceof Error ? signal.reason.message : "interrupted";
  const message = `${reason}: ${left}`;
  return signal.reason instanceof SignalInterruptedError
    ? new SignalInterruptedError(message, signal.reason.signal)
    : new InterruptedError(message);
}

/** What deploy says when it is stopped while waiting. */
export const LEFT_WAITING =
  "stopped waiting; the APIs were applied and the controller goes on rolling them out " +
  "(cortex-deploy status shows how it ends)";
