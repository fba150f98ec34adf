// Retries with exponential backoff and full jitter (AWS's recommendation: sleep a random time in
// [0, min(cap, base·2^attempt)]), so many clients that failed together do not retry together.

export interface RetryOptions {
  /** Total tries, including the first. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Only errors for which this is true are retried; the others are thrown at once. */
  isTransient: (err: unknown) => boolean;
  /** Called before each wait, e.g. to log. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
  /** For tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** The delay before retry number `attempt` (0-based), given a random number in [0, 1). */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: number,
): number {
  return Math.floor(random * Math.min(maxMs, baseMs * 2 ** attempt));
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Runs `fn` until it succeeds, fails with a permanent error, or runs out of attempts. */
export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const last = attempt + 1 >= options.attempts;
      if (last || options.signal?.aborted || !options.isTransient(err)) throw err;
      const delay = backoffDelay(attempt, options.baseMs, options.maxMs, random());
      options.onRetry?.(err, attempt + 1, delay);
      await sleep(delay, options.signal);
    }
  }
}
