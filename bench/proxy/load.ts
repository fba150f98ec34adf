// One load run with autocannon, as fast as it goes (paced runs: paced.ts). autocannon's own latency histogram has whole-millisecond
// resolution, too coarse for sub-millisecond overheads, so every response time (fractional ms,
// from process.hrtime) is also kept here, per status code, and percentiles computed from those.
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  /** Completed responses per second over the run. */
  rate: number;
  /** Response times in ms by status code. */
  byStatus: Map<number, number[]>;
  /** Connection errors and timeouts. */
  errors: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function sortedTimes(result: LoadResult, status?: number): number[] {
  const all =
    status === undefined
      ? [...result.byStatus.values()].flat()
      : (result.byStatus.get(status) ?? []);
  return all.sort((a, b) => a - b);
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const byStatus = new Map<number, number[]>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 10,
      },
      (err, result) => {
        if (err !== null) {
          reject(err);
          return;
        }
        let requests = 0;
        for (const times of byStatus.values()) requests += times.length;
        resolve({
          requests,
          rate: requests / options.seconds,
          byStatus,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, ms) => {
      let list = byStatus.get(statusCode);
      if (list === undefined) {
        list = [];
        byStatus.set(statusCode, list);
      }
      list.push(ms);
    });
  });
}
