// Counting request outcomes: served, failed (with a few reasons kept), answers by model version
// and wrong answers. Pure; the load generator feeds it.

export interface Outcome {
  /** The pod IP the request went to. */
  target: string;
  /** HTTP status; undefined when no response came (refused, reset, timed out). */
  status: number | undefined;
  /** model_version of a 200 answer. */
  version?: string | undefined;
  /** false when a 200 answer named the wrong species. */
  correct?: boolean | undefined;
  error?: string | undefined;
}

export interface TallyCounts {
  sent: number;
  served: number;
  failed: number;
  wrong: number;
  byVersion: Record<string, number>;
  /** Failed requests per pod IP. */
  failedByTarget: Record<string, number>;
  /** The first few failures, as "10.213.5.4: HTTP 503 ..." lines. */
  failures: string[];
}

export const KEPT_FAILURES = 10;

export class Tally {
  sent = 0;
  served = 0;
  failed = 0;
  wrong = 0;
  readonly byVersion: Record<string, number> = {};
  readonly failedByTarget: Record<string, number> = {};
  readonly failures: string[] = [];

  add(o: Outcome): void {
    this.sent++;
    if (o.status === 200) {
      this.served++;
      if (o.correct === false) this.wrong++;
      const v = o.version ?? "?";
      this.byVersion[v] = (this.byVersion[v] ?? 0) + 1;
      return;
    }
    this.failed++;
    this.failedByTarget[o.target] = (this.failedByTarget[o.target] ?? 0) + 1;
    if (this.failures.length < KEPT_FAILURES) {
      const why = o.status === undefined ? (o.error ?? "no response") : `HTTP ${o.status}`;
      this.failures.push(
        `${o.target}: ${why}${o.status !== undefined && o.error ? ` ${o.error}` : ""}`,
      );
    }
  }

  counts(): TallyCounts {
    return {
      sent: this.sent,
      served: this.served,
      failed: this.failed,
      wrong: this.wrong,
      byVersion: { ...this.byVersion },
      failedByTarget: { ...this.failedByTarget },
      failures: [...this.failures],
    };
  }
}

/** "v1 812, v2 430" */
export function formatVersions(byVersion: Record<string, number>): string {
  const keys = Object.keys(byVersion).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return keys.length === 0 ? "none" : keys.map((k) => `v${k} ${byVersion[k]}`).join(", ");
}
