// Per-key exponential back-off for retries, as client-go's ItemExponentialFailureRateLimiter:
// each failure of a key doubles its next delay, up to a cap; a success forgets the key. One
// failing API therefore retries less and less often without slowing the others.

export interface RateLimiter {
  /** The delay before the next retry of `key`, counting this failure. */
  when(key: string): number;
  /** Clears a key's failures (call after a success). */
  forget(key: string): void;
  failures(key: string): number;
}

export class ExponentialRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {
    if (baseMs <= 0 || maxMs < baseMs) throw new RangeError("need 0 < baseMs <= maxMs");
  }

  when(key: string): number {
    const n = this.counts.get(key) ?? 0;
    this.counts.set(key, n + 1);
    // 2^n overflows to Infinity long after the cap; min() keeps it finite.
    return Math.min(this.maxMs, this.baseMs * 2 ** n);
  }

  forget(key: string): void {
    this.counts.delete(key);
  }

  failures(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}
