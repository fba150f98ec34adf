// `status --watch` (like `cortex get --watch`): read the rows every few seconds and hand them on
// whenever they differ from the last ones shown, until the signal (Ctrl-C) ends it. Polling keeps
// it simple and cheap (two lists per interval, and the controller's Lease while an API is
// Pending); the rows say nothing that needs a finer grain.
import { setTimeout as sleep } from "node:timers/promises";
import { withClient } from "./common.ts";
import { controllerNote, type StatusOptions, type StatusRow, status } from "./status.ts";

export const WATCH_INTERVAL_MS = 2000;

export interface WatchStatusOptions extends StatusOptions {
  signal: AbortSignal;
  intervalMs?: number;
  /** Whether to read the line about them all (controllerNote); JSON has no place for it. */
  withNote?: boolean;
  /** The rows and the line about them all, the first time and each time either changes. */
  onRows: (rows: StatusRow[], note: string | undefined) => void;
  /**
   * A read that failed after the first one succeeded: the watch goes on (an API server restart
   * should not end it), and says so once per distinct message.
   */
  onError: (message: string) => void;
}

/** Resolves when the signal aborts; rejects only if the very first read fails. */
export async function watchStatus(opts: WatchStatusOptions): Promise<void> {
  await withClient(opts, async (client) => {
    let shown: string | undefined;
    let lastError: string | undefined;
    let first = true;
    while (!opts.signal.aborted) {
      try {
        const rows = await status({ ...opts, client });
        const note =
          opts.withNote === false
            ? undefined
            : await controllerNote(client, rows, opts.controllerLease);
        lastError = undefined;
        // Whether there is a note, not its words: "last renewed 75s ago" changes every second.
        const key = JSON.stringify([rows, note !== undefined]);
        if (key !== shown) {
          shown = key;
          opts.onRows(rows, note);
        }
      } catch (err) {
        if (first || opts.signal.aborted) throw err;
        const message = err instanceof Error ? err.message : String(err);
        if (message !== lastError) opts.onError(message);
        lastError = message;
      }
      first = false;
      await sleep(opts.intervalMs ?? WATCH_INTERVAL_MS, undefined, { signal: opts.signal }).catch(
        () => undefined,
      );
    }
  });
}
