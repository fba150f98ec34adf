// The in-flight window behind the `cortex_in_flight_requests` gauge. The autoscaler scrapes each
// proxy about once a second; an instantaneous reading would miss a burst that started and ended
// between scrapes, so the proxy reports, for each completed one-second window, the time-weighted
// average of running + queued (the integral of the count over the window divided by its length)
// and, separately, the peak. Pure: the caller passes the clock.

export interface WindowSummary {
  /** Time-weighted average of the count over the window. */
  average: number;
  /** Highest count seen at any moment of the window. */
  peak: number;
}

export class InFlightWindow {
  private value = 0;
  private start: number;
  private lastChange: number;
  private area = 0;
  private peak = 0;

  constructor(now: number) {
    this.start = now;
    this.lastChange = now;
  }

  /** Records a change of the count at time `now` (milliseconds, monotonic). */
  set(value: number, now: number): void {
    this.area += this.value * (now - this.lastChange);
    this.lastChange = now;
    this.value = value;
    if (value > this.peak) this.peak = value;
  }

  /** Closes the window at `now`, returns its summary, and opens the next one. */
  roll(now: number): WindowSummary {
    this.area += this.value * (now - this.lastChange);
    const length = now - this.start;
    const summary: WindowSummary = {
      // A zero-length window has no average yet; report the current count.
      average: length > 0 ? this.area / length : this.value,
      peak: Math.max(this.peak, this.value),
    };
    this.start = now;
    this.lastChange = now;
    this.area = 0;
    this.peak = this.value;
    return summary;
  }
}
