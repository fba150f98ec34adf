// What the simulation needs from an autoscaling algorithm.

/**
 * The load signal an algorithm reads, as its own system measures it: `inFlight` is running +
 * queued requests (Cortex's and Knative's proxies); `demand` is cortex-deploy's proxy estimate
 * (arrival rate × service time, plus a quarter of the queue; controller/src/proxy/demand.ts).
 */
export type LoadMetric = "inFlight" | "demand";

export interface SimScaler {
  readonly name: string;
  readonly metric: LoadMetric;
  /** Seconds between decisions. */
  readonly tickSeconds: number;
  /** The API's total load, in the scaler's metric, at a second. */
  record(time: number, load: number): void;
  /** The replica count to request, given the pods that exist and those that are ready. */
  decide(time: number, currentReplicas: number, readyReplicas: number): number;
}
