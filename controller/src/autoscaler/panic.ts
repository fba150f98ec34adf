// Panic mode's state, after Knative's KPA: it starts the first tick the condition holds and ends
// once the condition has been false for a whole stable window, so the surge has reached the
// stable average before the stable path takes over again.

export class PanicMode {
  private lastOver: number | undefined;

  /** Feeds one tick's condition; returns whether the autoscaler is panicking after it. */
  update(now: number, overThreshold: boolean, stableWindowSeconds: number): boolean {
    if (overThreshold) {
      this.lastOver = now;
    } else if (this.lastOver !== undefined && now - this.lastOver >= stableWindowSeconds) {
      this.lastOver = undefined;
    }
    return this.active;
  }

  get active(): boolean {
    return this.lastOver !== undefined;
  }

  copyInto(other: PanicMode): void {
    other.lastOver = this.lastOver;
  }
}
