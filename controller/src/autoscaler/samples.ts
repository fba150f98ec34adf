// The API's total in-flight readings over time, kept only as long as the longest averaging
// window needs them, and averaged over a window ending at a given moment.

export interface InFlightSample {
  /** Seconds since an arbitrary, fixed epoch. */
  time: number;
  /** The API's total in-flight requests (running + queued) at that time. */
  inFlight: number;
}

export class InFlightSamples {
  // Sorted by time; scrapes arrive in order, so inserting is almost always an append.
  private readonly samples: InFlightSample[] = [];
  // Remembered after pruning so a long gap still reads as stale rather than as never sampled.
  private newestPruned: number | undefined;

  constructor(private readonly keepSeconds: number) {}

  add(sample: InFlightSample): void {
    if (!Number.isFinite(sample.time) || !Number.isFinite(sample.inFlight) || sample.inFlight < 0) {
      throw new RangeError(`invalid in-flight sample ${JSON.stringify(sample)}`);
    }
    let i = this.samples.length;
    while (i > 0 && (this.samples[i - 1] as InFlightSample).time > sample.time) i--;
    this.samples.splice(i, 0, { time: sample.time, inFlight: sample.inFlight });
    const newest = this.samples[this.samples.length - 1] as InFlightSample;
    this.prune(newest.time);
  }

  /** Drops samples too old to fall in any window ending at or after `now`. */
  prune(now: number): void {
    const cutoff = now - this.keepSeconds;
    let drop = 0;
    while (drop < this.samples.length && (this.samples[drop] as InFlightSample).time <= cutoff) {
      drop++;
    }
    if (drop > 0) {
      this.newestPruned = (this.samples[drop - 1] as InFlightSample).time;
      this.samples.splice(0, drop);
    }
  }

  /** Time of the newest sample at or before `now`. */
  newestAt(now: number): number | undefined {
    for (let i = this.samples.length - 1; i >= 0; i--) {
      const s = this.samples[i] as InFlightSample;
      if (s.time <= now) return s.time;
    }
    return this.newestPruned;
  }

  /** Mean of the samples in (now - seconds, now]; undefined when there are none. */
  average(now: number, seconds: number): number | undefined {
    let sum = 0;
    let count = 0;
    for (let i = this.samples.length - 1; i >= 0; i--) {
      const s = this.samples[i] as InFlightSample;
      if (s.time > now) continue;
      if (s.time <= now - seconds) break;
      sum += s.inFlight;
      count++;
    }
    return count === 0 ? undefined : sum / count;
  }

  get size(): number {
    return this.samples.length;
  }

  /** Adds these samples to `other` (an autoscaler's successor under new settings). */
  copyInto(other: InFlightSamples): void {
    for (const sample of this.samples) other.add(sample);
    if (other.newestPruned === undefined) other.newestPruned = this.newestPruned;
  }
}
