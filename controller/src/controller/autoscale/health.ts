// Whether an API's proxies can be read, told once when that changes. Without a fresh sample the
// autoscaler holds the replica count (never scale down blind), which is right but silent: a
// default-deny NetworkPolicy or a strict-mTLS mesh that blocks the controller from pod:15000
// froze an API's count for good with nothing but a controller-wide counter to show for it. So
// once scrapes have failed for `afterMs` this says so (the loop logs it, the controller sets
// Degraded=True reason MetricsUnavailable and records an Event), and says so again, once, when a
// sample comes back. Pure: the caller passes the clock.

export type MetricsChange = { unavailable: true; message: string } | { unavailable: false };

export const METRICS_UNAVAILABLE_REASON = "MetricsUnavailable";
export const METRICS_AVAILABLE_REASON = "MetricsAvailable";

export class MetricsHealth {
  private failingSince: number | undefined;
  private lastError = "";
  private reported: string | undefined;

  /** A scrape round gave the autoscaler a sample. */
  sampled(): void {
    this.failingSince = undefined;
  }

  /** A scrape round gave no sample; `error` says why (one proxy's scrape error). */
  failed(now: number, error: string): void {
    this.failingSince ??= now;
    this.lastError = error;
  }

  /** What was reported while the metrics are reported unavailable; undefined otherwise. */
  get unavailable(): string | undefined {
    return this.reported;
  }

  /**
   * The change to report at `now` (milliseconds), at most once per change: unavailable once
   * scrapes have failed for `afterMs` with no sample in between, available again at the first
   * sample after that.
   */
  check(now: number, afterMs: number): MetricsChange | undefined {
    if (this.failingSince === undefined) {
      if (this.reported === undefined) return undefined;
      this.reported = undefined;
      return { unavailable: false };
    }
    if (this.reported !== undefined || now - this.failingSince < afterMs) return undefined;
    const seconds = Math.round((now - this.failingSince) / 1000);
    this.reported =
      `the proxies' metrics could not be read for ${seconds} s (${this.lastError}); ` +
      "the replica count is held until they can. The controller must reach each pod on port 15000 " +
      "(a NetworkPolicy or a strict-mTLS mesh can block it)";
    return { unavailable: true, message: this.reported };
  }
}
