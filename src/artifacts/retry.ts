// Retries with exponential backoff and full jitter, for the failures that go away by themselves:
// throttling, 5xx, connection resets and timeouts. Ours rather than the SDK's, because file bodies
// are streams: a retry must open the file again, which the SDK's retry (resending the same,
// already consumed stream) cannot do.

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt, doubling each time (before jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Throttling waits longer: S3 asks for fewer requests, not the same ones sooner. */
  throttleBaseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 8,
  baseDelayMs: 100,
  maxDelayMs: 10_000,
  throttleBaseDelayMs: 500,
};

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $retryable?: { throttling?: boolean };
  /** false on an error of ours that no retry can cure, whatever its message says. */
  retryable?: unknown;
}

const THROTTLING = new Set([
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottled",
  "RequestLimitExceeded",
  "TooManyRequestsException",
]);

const TRANSIENT_CODES = new Set([
  "InternalError",
  "ServiceUnavailable",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
  // Bytes damaged on the way. A file that changed since it was hashed fails every attempt, so the
  // upload hashes it again first and, if so, fails at once (upload-blob.ts, FileChangedError).
  "BadDigest",
  "IncompleteBody",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "UND_ERR_SOCKET",
]);

// Messages of errors raised below the HTTP layer, which carry no status code.
const NETWORK_MESSAGE =
  /socket|hang up|ECONNRESET|EPIPE|timed? ?out|premature close|aborted|Unexpected end|closed|Deserialization/i;

function shape(err: unknown): ErrorShape {
  return typeof err === "object" && err !== null ? (err as ErrorShape) : {};
}

export function statusOf(err: unknown): number | undefined {
  const status = shape(err).$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

export function errorCode(err: unknown): string {
  const e = shape(err);
  if (typeof e.name === "string" && e.name !== "Error") return e.name;
  if (typeof e.code === "string") return e.code;
  return typeof e.name === "string" ? e.name : "Error";
}

export function isThrottling(err: unknown): boolean {
  const e = shape(err);
  return (
    THROTTLING.has(errorCode(err)) || statusOf(err) === 429 || e.$retryable?.throttling === true
  );
}

export function isRetryable(err: unknown): boolean {
  const e = shape(err);
  if (e.retryable === false) return false;
  if (isThrottling(err)) return true;
  const status = statusOf(err);
  if (status !== undefined && status >= 500) return true;
  if (status === 408) return true;
  if (
    TRANSIENT_CODES.has(errorCode(err)) ||
    (typeof e.code === "string" && TRANSIENT_CODES.has(e.code))
  )
    return true;
  // No HTTP status at all: the request never got a whole answer, so the network failed it.
  if (status === undefined && typeof e.message === "string" && NETWORK_MESSAGE.test(e.message))
    return true;
  return false;
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): full jitter over the backoff. */
export function backoffDelay(
  attempt: number,
  throttled: boolean,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const base = throttled ? options.throttleBaseDelayMs : options.baseDelayMs;
  const ceiling = Math.min(options.maxDelayMs, base * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export async function withRetry<T>(
  task: (attempt: number) => Promise<T>,
  options: RetryOptions,
  signal?: AbortSignal,
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (err) {
      if (signal?.aborted || attempt >= options.maxAttempts || !isRetryable(err)) throw err;
      const delay = backoffDelay(attempt, isThrottling(err), options);
      onRetry?.(err, attempt, delay);
      await sleep(delay, signal);
    }
  }
}
