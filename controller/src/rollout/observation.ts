// When the controller could observe the cluster: it led and every cache was fresh (listed since
// the last failed watch and since it gained the Lease). A rollout is never judged failed while the
// controller cannot observe, and its progress deadline does not count the gaps this process saw
// (an API server outage, a Lease lost and regained): they must not use up a deadline or judge a
// healthy revision from a stale cache. Time before this process first observed does count: the
// rollout's start is durable (its revision's record), so a new leader, or the controller restarted
// (a crash, an upgrade, a node drained), keeps the deadline its predecessor had instead of starting
// it again, which a controller restarted more often than the deadline would never reach. Pure
// apart from ObservationLog, which records spans as they happen.

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

/**
 * How much of [start, now] counts as observed: what the spans cover, and all of it before the first
 * span (an earlier leader's time, see above). Gaps between spans, and after a closed last one, do
 * not count.
 */
export function observedMs(spans: readonly ObservedSpan[], start: number, now: number): number {
  const before = spans[0]?.from ?? now;
  let total = Math.max(0, Math.min(before, now) - start);
  for (const s of spans) {
    const from = Math.max(s.from, start);
    const to = Math.min(s.to ?? now, now);
    if (to > from) total += to - from;
  }
  return total;
}

/**
 * Keeps the spans of observation, the first (as an empty span, marking when this process began to
 * observe) and the newest of them, `limit` in all: forgetting the others only delays a deadline.
 */
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
    const excess = this.list.length - Math.max(2, this.limit);
    if (excess > 0) {
      const first = this.list[0] as ObservedSpan;
      this.list.splice(0, excess + 1, { from: first.from, to: first.from });
    }
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
