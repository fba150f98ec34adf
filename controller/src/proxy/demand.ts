// What the autoscaler reads from a proxy: the in-flight demand, the concurrency its traffic asks
// for, rather than the raw count of requests it holds (running + queued).
//
// The two agree while the model server keeps up (Little's law: requests in flight = arrival rate
// × time each runs). They part when it does not: the queue then grows by every request that does
// not fit, so while new pods start, running + queued climbs by the whole backlog, and scaling to
// it overshoots (a 1 → 10 step reads as 100 replicas after ten seconds of queueing). And near full
// utilisation the queue's random swings move the count by more than the tolerances, so a constant
// load flaps. Demand counts the arrivals at the rate they come, plus the backlog spread over
// BACKLOG_SERVICE_TIMES service times, so a lasting queue still asks for capacity to clear it.
// That matters when clients send their next request only once the last one is answered (a fixed
// pool of callers): the arrival rate then follows the capacity, and only the queue shows that
// more is wanted; each decision adds a quarter of it, so the count still converges on the number
// of callers. bench/autoscaler.ts measures both signals; 4 keeps its traces free of overshoot
// and flapping, 1 would be the raw count again.
//
// Refused arrivals (503: queue full) are demand too, but not one for one: a client that retries
// a 503 at once arrives again and again, so three such clients against one slot and one queue
// place read as hundreds of arrivals a second (in the sandbox, 1,958 refused against 21 served
// in 10 s; the API went 1 → 8 replicas for a true concurrency of 3, and took 13 min to come
// back). Refusals cannot tell a retry from a new client, so they count up to as many as the
// admitted arrivals of the same window (countedArrivals): a retry storm at most doubles the
// estimate of what is served, so each decision's step stays bounded and it settles once every
// client fits (no refusals, only what is served); a genuine overload still doubles the
// estimate per decision, which panic mode turns into a geometric climb (bench/autoscaler.ts's
// step traces), and the queue's backlog term adds to it. Pure: the caller passes the clock.

/** A backlog asks for the concurrency that clears it within this many service times. */
export const BACKLOG_SERVICE_TIMES = 4;
/** Service time is averaged over the requests that finished in this many seconds. */
const SERVICE_WINDOW_SECONDS = 10;

/**
 * The arrivals that count as demand: every admitted one, and refused ones up to as many as the
 * admitted (see the top of this file).
 */
export function countedArrivals(admitted: number, refused: number): number {
  return admitted + Math.min(refused, admitted);
}

/**
 * Little's law with a backlog term: the concurrency needed to serve `arrivalsPerSecond` requests
 * that each run `serviceSeconds`, and to clear `queued` waiting ones within
 * BACKLOG_SERVICE_TIMES × `serviceSeconds`.
 */
export function demandConcurrency(
  arrivalsPerSecond: number,
  serviceSeconds: number,
  queued: number,
): number {
  return arrivalsPerSecond * serviceSeconds + queued / BACKLOG_SERVICE_TIMES;
}

export class DemandWindow {
  private arrivals = 0;
  private refused = 0;
  private start: number;
  // One bucket per rolled window: service seconds and requests that finished in it.
  private readonly served: { seconds: number; count: number }[] = [];
  private serviceSeconds: number | undefined;

  /** @param now milliseconds, monotonic */
  constructor(now: number) {
    this.start = now;
  }

  /** A request arrived and was admitted (running or queued). */
  arrival(): void {
    this.arrivals++;
  }

  /** A request arrived and was refused (queue full): counted as far as countedArrivals allows. */
  refusal(): void {
    this.refused++;
  }

  /** A request finished running in the model server after `seconds` there (queue time excluded). */
  finished(seconds: number): void {
    const current = this.served.at(-1);
    if (current === undefined) this.served.push({ seconds, count: 1 });
    else {
      current.seconds += seconds;
      current.count++;
    }
  }

  /**
   * Closes the window at `now` (milliseconds) and returns its demand, given the time-weighted
   * average queue length over it. Before any request has finished there is no service time to go
   * on; the demand is then `fallback` (the proxy passes running + queued).
   */
  roll(now: number, queuedAverage: number, fallback: number): number {
    const seconds = (now - this.start) / 1000;
    let total = 0;
    let count = 0;
    for (const b of this.served) {
      total += b.seconds;
      count += b.count;
    }
    // With nothing finished lately (slow requests, or no traffic) the last estimate stands.
    if (count > 0) this.serviceSeconds = total / count;
    const rate = seconds > 0 ? countedArrivals(this.arrivals, this.refused) / seconds : 0;
    this.arrivals = 0;
    this.refused = 0;
    this.start = now;
    this.served.push({ seconds: 0, count: 0 });
    while (this.served.length > SERVICE_WINDOW_SECONDS) this.served.shift();
    if (this.serviceSeconds === undefined) return fallback;
    return demandConcurrency(rate, this.serviceSeconds, queuedAverage);
  }
}
