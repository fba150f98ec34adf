// Samples the main API once a second for the chart and the on-screen narration: requests answered
// per second (from the demo's own tally), requests in flight (the sum of the proxies' running +
// queued gauges, the sum of their in-flight demand, which is what the autoscaler reads, and the
// load generator's count), and replicas (what the controller asks for, and how many pods are
// ready in the EndpointSlices).
import { PROXY_ADMIN_PORT } from "../../controller/src/controller/names.ts";
import { DEMAND_METRIC, IN_FLIGHT_METRIC } from "../../controller/src/proxy/metrics.ts";
import type { KubeClient } from "../../src/kube/client.ts";
import { getResource } from "../../src/kube/objects.ts";
import type { EndpointWatcher } from "./endpoints.ts";
import { httpRequest, metricValue } from "./http.ts";
import type { Sample } from "./series.ts";

export interface RecorderSources {
  client: KubeClient;
  namespace: string;
  api: string;
  endpoints: EndpointWatcher;
  /** Seconds since the demo started. */
  clock: () => number;
  /** Requests answered and failed so far (all load of the demo). */
  counts: () => { served: number; failed: number };
  /** The load generator's requests in flight right now. */
  clientInFlight: () => number;
  /** Called when the desired or ready replica count changes. */
  onChange?: (now: Sample, before: Sample | undefined) => void;
}

/** The proxies' gauges summed over the given pods; undefined where no pod answered. */
export async function proxyInFlight(
  ips: readonly string[],
): Promise<{ inFlight: number | undefined; demand: number | undefined }> {
  const replies = await Promise.all(
    ips.map(async (ip) => {
      try {
        const reply = await httpRequest("GET", ip, PROXY_ADMIN_PORT, "/metrics", undefined, 800);
        return reply.status === 200 ? reply.body : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  const sum = (metric: string): number | undefined => {
    const known = replies
      .map((body) => (body === undefined ? undefined : metricValue(body, metric)))
      .filter((v): v is number => v !== undefined);
    return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0);
  };
  return { inFlight: sum(IN_FLIGHT_METRIC), demand: sum(DEMAND_METRIC) };
}

export class Recorder {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private last = { served: 0, failed: 0, t: 0 };
  private ticking: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly src: RecorderSources,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.last = { ...this.src.counts(), t: this.src.clock() };
    this.schedule();
  }

  /** The latest sample, if any. */
  latest(): Sample | undefined {
    return this.samples[this.samples.length - 1];
  }

  /** Takes a sample now (also used to mark the end of a step). */
  sampleNow(): Promise<void> {
    this.ticking = this.ticking.then(() => this.tick());
    return this.ticking;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.sampleNow().finally(() => this.schedule());
    }, this.intervalMs);
  }

  private async tick(): Promise<void> {
    const { client, namespace, api, endpoints } = this.src;
    const ips = endpoints.ips();
    const [status, proxies] = await Promise.all([
      getResource(client, "RealtimeAPI", namespace, api).then(
        (r) => r.status,
        () => undefined,
      ),
      proxyInFlight(ips),
    ]);
    const t = this.src.clock();
    const counts = this.src.counts();
    const dt = Math.max(t - this.last.t, 0.001);
    const sample: Sample = {
      t,
      rps: (counts.served - this.last.served) / dt,
      failed: counts.failed - this.last.failed,
      clientInFlight: this.src.clientInFlight(),
      proxyInFlight: proxies.inFlight,
      proxyDemand: proxies.demand,
      desired: status?.desiredReplicas,
      ready: ips.length,
    };
    this.last = { ...counts, t };
    const before = this.latest();
    this.samples.push(sample);
    if (
      before === undefined ||
      before.desired !== sample.desired ||
      before.ready !== sample.ready
    ) {
      this.src.onChange?.(sample, before);
    }
  }
}
