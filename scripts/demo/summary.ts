// The demo's closing figures and its last line. Pure.
import { formatSeconds, type StepSpan } from "./series.ts";
import type { TallyCounts } from "./tally.ts";

export interface DemoSummary {
  /** Every request the demo's load and prediction steps sent. */
  requests: TallyCounts;
  /** Failed requests that went to a pod of the deliberately broken revision (none expected:
   * those pods never become ready, so they are never in the EndpointSlices). */
  failedOnBrokenPods: number;
  peakReplicas: number;
  steps: StepSpan[];
  totalSeconds: number;
  /** Why the demo stopped early, when it did. */
  error?: string | undefined;
  /** It stopped because it was asked to (Ctrl-C), not because something failed. */
  stopped?: boolean | undefined;
}

export function failedOutsideBroken(s: DemoSummary): number {
  return s.requests.failed - s.failedOnBrokenPods;
}

/** The last line on screen and in the report. */
export function summaryLine(s: DemoSummary): string {
  const failed = failedOutsideBroken(s);
  const broken =
    s.failedOnBrokenPods > 0 ? ` (+${s.failedOnBrokenPods} on the broken revision's own pods)` : "";
  const notOk = s.stopped ? " stopped" : " FAILED";
  const steps = s.steps.map(
    (st) => `${st.id} ${formatSeconds(st.end - st.start)}${st.ok ? "" : notOk}`,
  );
  const head = s.stopped
    ? "demo stopped (Ctrl-C)"
    : s.error === undefined
      ? "demo passed"
      : "demo FAILED";
  return (
    `${head}: ${s.requests.served} requests served, ${failed} failed${broken}, ` +
    `peak ${s.peakReplicas} replicas; ${steps.join(", ")}; total ${formatSeconds(s.totalSeconds)}`
  );
}
