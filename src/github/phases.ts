// Time per phase, for the job summary. Long phases also become collapsible log groups; the
// grouping function is passed in (core.group in the Action), so the clock itself stays pure.
import type { Phase } from "./run-report.ts";

export type Grouper = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

const noGroup: Grouper = (_name, fn) => fn();

export class PhaseClock {
  readonly phases: Phase[] = [];
  private readonly now: () => number;
  private readonly group: Grouper;

  constructor(opts: { now?: () => number; group?: Grouper } = {}) {
    this.now = opts.now ?? (() => performance.now());
    this.group = opts.group ?? noGroup;
  }

  /** Runs `fn` as the phase `name` (in a log group when `grouped`), recording its time even when
   * it throws. */
  async time<T>(name: string, fn: () => Promise<T>, grouped = false): Promise<T> {
    const start = this.now();
    try {
      return grouped ? await this.group(name, fn) : await fn();
    } finally {
      this.record(name, (this.now() - start) / 1000);
    }
  }

  record(name: string, seconds: number): void {
    this.phases.push({ name, seconds: Math.max(0, seconds) });
  }
}
