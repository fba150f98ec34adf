// A plain moving average of one-second samples, for the reference algorithms (kept apart from
// the module under test so a bug there cannot leak into the baselines).

export class MovingAverage {
  private readonly samples: { time: number; value: number }[] = [];

  constructor(private readonly keepSeconds: number) {}

  record(time: number, value: number): void {
    this.samples.push({ time, value });
  }

  /** Mean of samples in (now - seconds, now]; undefined when there are none. */
  average(now: number, seconds: number): number | undefined {
    while (this.samples.length > 0 && (this.samples[0]?.time ?? 0) <= now - this.keepSeconds) {
      this.samples.shift();
    }
    let sum = 0;
    let count = 0;
    for (const s of this.samples) {
      if (s.time > now - seconds && s.time <= now) {
        sum += s.value;
        count++;
      }
    }
    return count === 0 ? undefined : sum / count;
  }
}
