// When the controller could observe the cluster: it led and every cache was fresh (listed since
// the last failed watch and since it gained the Lease). A rollout's progress deadline counts only
// that time, and a rollout is never judged failed while the controller cannot observe: an API
// server outage, or a Lease lost and regained, must not use up a deadline or judge a healthy
// revision from a stale cache. Pure apart from ObservationLog, which records spans as they happen.

/** A span of observation (local clock, ms); `to` undefined while it goes on. */
export interface ObservedSpan {
  from: number;
  to?: number;
}

/** Whether the controller observes at `now`: the last span is still open. */
export function observingAt(spans: readonly ObservedSpan[], now: number): boolean {
  const last = spans[spans.length - 1];
  return last !== undefined && last.to === undefined && last.from <= now;
}

/** How much of [start, now] the spans cover. Time before the first span is not covered. */
export function observedMs(spans: readonly ObservedSpan[], start: number, now: number): number {
  let total = 0;
  for (const s of spans) {
    const from = Math.max(s.from, start);
    const to = Math.min(s.to ?? now, now);
    if (to > from) total += to - from;
  }
  return total;
}

/** Keeps the spans of observation, the newest `limit` of them (dropping old spans only delays). */
export class ObservationLog {
  private readonly list: ObservedSpan[] = [];

  constructor(private readonly limit = 256) {}

  get observing(): boolean {
    const last = this.list[this.list.length - 1];
    return last !== undefined && last.to === undefined;
  }

  /** Observation starts (or goes on) at `now`. */
  begin(now: number): void {
    if (this.observing) return;
    this.list.push({ from: now });
    if (this.list.length > this.limit) this.list.splice(0, this.list.length - this.limit);
  }

  /** Observation stops at `now`. */
  end(now: number): void {
    const last = this.list[this.list.length - 1];
    if (last !== undefined && last.to === undefined) last.to = now;
  }

  /** A copy, so a decision sees one consistent picture. */
  spans(): ObservedSpan[] {
    return this.list.map((s) => ({ ...s }));
  }
}
