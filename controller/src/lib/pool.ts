// Runs async tasks with bounded concurrency, stopping at the first failure: no new task starts
// after one fails, the others are told through the AbortSignal, and the first error is thrown once
// every started task has settled (so no task writes after the caller has moved on).

import { setMaxListeners } from "node:events";

export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (firstError === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item, controller.signal);
      } catch (error) {
        if (firstError === undefined) {
          firstError = { error };
          controller.abort(error);
        }
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, items.length));
  // Each running task holds a few abort listeners at once (the SDK request, a stream pipeline, a
  // retry's sleep); Node's default warning at 11 fired at 16 tasks. The limit still scales with the
  // pool, so a real leak (listeners growing with the number of items) is still reported.
  setMaxListeners(10 + 4 * workers, controller.signal);
  await Promise.all(Array.from({ length: workers }, worker));
  if (firstError !== undefined) throw firstError.error;
}
