// Runs async tasks with bounded concurrency, stopping at the first failure: no new task starts
// after one fails, the others are told through the AbortSignal, and the first error is thrown once
// every started task has settled (so no task writes after the caller has moved on).

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
  await Promise.all(Array.from({ length: workers }, worker));
  if (firstError !== undefined) throw firstError.error;
}
