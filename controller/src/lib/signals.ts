// Termination signals for long-running commands. Kubernetes sends SIGTERM when it stops a pod and
// SIGKILL after the grace period; a developer's Ctrl-C is SIGINT. The first signal starts a
// graceful shutdown; a second one means "now" and runs `force` (default: exit 130 at once), so a
// stuck drain never needs `kill -9`.

export type ShutdownSignal = "SIGTERM" | "SIGINT";

export interface ShutdownOptions {
  signals?: readonly ShutdownSignal[];
  /** Runs on a repeated signal; default exits the process with code 130. */
  force?: (signal: ShutdownSignal) => void;
}

/**
 * Calls `onFirst` on the first termination signal. Returns a function that removes the listeners
 * (call it when the command finishes, so tests that run commands in-process do not leak them).
 */
export function onShutdown(
  onFirst: (signal: ShutdownSignal) => void,
  options: ShutdownOptions = {},
): () => void {
  const signals = options.signals ?? ["SIGTERM", "SIGINT"];
  const force = options.force ?? (() => process.exit(130));
  let seen = false;
  const handler = (signal: ShutdownSignal): void => {
    if (seen) {
      force(signal);
      return;
    }
    seen = true;
    onFirst(signal);
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
