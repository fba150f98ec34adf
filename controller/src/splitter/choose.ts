// Smooth weighted round-robin, nginx's algorithm: on every pick each candidate's current value grows
// by its weight, the largest current value wins (the first listed on a tie), and the winner's value
// drops by the total weight. Picks are deterministic and interleaved: weights 80/20 give a a b a a,
// so any window of total/gcd(weights) consecutive picks (here 5) holds each candidate exactly in
// proportion to its weight. A weight-0 candidate is never picked. Pure: no clock, no randomness.

export interface Weighted {
  readonly weight: number;
}

export class SmoothWeightedChooser<T extends Weighted> {
  private readonly items: readonly T[];
  private readonly current: number[];
  private readonly total: number;

  /** Throws when a weight is negative or not finite, or when no weight is above 0. */
  constructor(items: readonly T[]) {
    for (const [i, item] of items.entries()) {
      if (!Number.isFinite(item.weight) || item.weight < 0)
        throw new Error(`weight of candidate ${i} must be a finite number ≥ 0, got ${item.weight}`);
    }
    // Weight-0 candidates take no part at all (with nginx's rule they could only tie at 0).
    this.items = items.filter((item) => item.weight > 0);
    if (this.items.length === 0) throw new Error("at least one candidate needs a weight above 0");
    this.current = this.items.map(() => 0);
    this.total = this.items.reduce((sum, item) => sum + item.weight, 0);
  }

  /** The next candidate. */
  next(): T {
    let best = 0;
    for (let i = 0; i < this.items.length; i++) {
      const value = (this.current[i] as number) + (this.items[i] as T).weight;
      this.current[i] = value;
      if (value > (this.current[best] as number)) best = i;
    }
    this.current[best] = (this.current[best] as number) - this.total;
    return this.items[best] as T;
  }
}
