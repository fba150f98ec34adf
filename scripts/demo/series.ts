// The demo's time series and step spans, and the arithmetic on them. Pure.

export interface Sample {
  /** Seconds since the demo started. */
  t: number;
  /** Requests answered (HTTP 200) per second over the last interval. */
  rps: number;
  /** Requests that failed during the last interval. */
  failed: number;
  /** The load generator's requests awaiting an answer. */
  clientInFlight: number;
  /** The sum of the proxies' in-flight gauges (running + queued). */
  proxyInFlight: number | undefined;
  /** The sum of the proxies' in-flight demand, what the autoscaler reads. */
  proxyDemand?: number | undefined;
  /** Replicas the controller asks for. */
  desired: number | undefined;
  /** Ready pods in the Service's EndpointSlices. */
  ready: number;
}

export interface StepSpan {
  id: string;
  title: string;
  /** Seconds since the demo started. */
  start: number;
  end: number;
  ok: boolean;
}

export function peakReplicas(samples: readonly Sample[]): number {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, s.ready, s.desired ?? 0);
  return peak;
}

/** The first sample at or after `from` for which `test` holds. */
export function firstWhere(
  samples: readonly Sample[],
  from: number,
  test: (s: Sample) => boolean,
): Sample | undefined {
  return samples.find((s) => s.t >= from && test(s));
}

/** Desired replica changes, in order: the autoscaler's decisions as the samples saw them. */
export function replicaSteps(
  samples: readonly Sample[],
): { t: number; from: number; to: number }[] {
  const out: { t: number; from: number; to: number }[] = [];
  let prev: number | undefined;
  for (const s of samples) {
    if (s.desired === undefined) continue;
    if (prev !== undefined && s.desired !== prev) out.push({ t: s.t, from: prev, to: s.desired });
    prev = s.desired;
  }
  return out;
}

/** "2m05s", "41.3s" */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
}

/** The samples as CSV, for anyone who wants to plot them otherwise; empty cells when unknown. */
export function samplesCsv(samples: readonly Sample[]): string {
  const cell = (v: number | undefined, digits: number) =>
    v === undefined ? "" : v.toFixed(digits);
  const rows = samples.map((s) =>
    [
      cell(s.t, 1),
      cell(s.rps, 1),
      String(s.failed),
      String(s.clientInFlight),
      cell(s.proxyInFlight, 2),
      cell(s.proxyDemand, 2),
      cell(s.desired, 0),
      String(s.ready),
    ].join(","),
  );
  return `${["seconds", "answered_per_second", "failed", "client_in_flight", "proxy_in_flight", "proxy_demand", "desired_replicas", "ready_replicas"].join(",")}\n${rows.map((r) => `${r}\n`).join("")}`;
}
