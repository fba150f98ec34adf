// The history of recommendations that the stabilisation periods look back over: one entry per
// decision, dropped once older than the longest period.

interface Entry {
  time: number;
  replicas: number;
}

export class RecommendationHistory {
  private readonly entries: Entry[] = [];

  constructor(private readonly keepSeconds: number) {}

  add(time: number, replicas: number): void {
    this.entries.push({ time, replicas });
    this.prune(time);
  }

  prune(now: number): void {
    let drop = 0;
    while (
      drop < this.entries.length &&
      now - (this.entries[drop] as Entry).time > this.keepSeconds
    ) {
      drop++;
    }
    if (drop > 0) this.entries.splice(0, drop);
  }

  /** Highest recommendation at most `seconds` old; undefined when there is none. */
  maxSince(now: number, seconds: number): number | undefined {
    return this.fold(now, seconds, Math.max);
  }

  /** Lowest recommendation at most `seconds` old; undefined when there is none. */
  minSince(now: number, seconds: number): number | undefined {
    return this.fold(now, seconds, Math.min);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Adds these entries to `other` (an autoscaler's successor under new settings). */
  copyInto(other: RecommendationHistory): void {
    for (const e of this.entries) other.add(e.time, e.replicas);
  }

  private fold(now: number, seconds: number, pick: (a: number, b: number) => number) {
    let result: number | undefined;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i] as Entry;
      if (e.time > now) continue;
      if (now - e.time > seconds) break;
      result = result === undefined ? e.replicas : pick(result, e.replicas);
    }
    return result;
  }
}
