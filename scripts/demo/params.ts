// The demo's sizes: the full run `npm run demo` makes, and the smaller one the end-to-end test
// makes with the same steps. Load sizes follow from the example's cortex.yaml: target_in_flight 4,
// so N closed-loop clients keep about N requests in flight and ask for ceil(N / 4) replicas.

export interface DemoParams {
  /** Predictions printed per API in step 2. */
  predictions: number;
  /** Clients while driving the autoscaler up (16 → 4 replicas). */
  scaleClients: number;
  /** Seconds to keep the load on once the replicas are ready. */
  scaleHoldSeconds: number;
  scaleUpTimeoutSeconds: number;
  scaleDownTimeoutSeconds: number;
  /** Clients during the rolling update, the broken revision and the rollback. */
  updateClients: number;
  brokenClients: number;
  /** The CLI's --timeout for deploy and rollback. */
  cliTimeout: string;
  /** Safety bounds of every load run. */
  loadMaxSeconds: number;
  loadMaxRequests: number;
}

export const FULL: DemoParams = {
  predictions: 3,
  scaleClients: 16,
  scaleHoldSeconds: 10,
  scaleUpTimeoutSeconds: 120,
  scaleDownTimeoutSeconds: 240,
  updateClients: 6,
  brokenClients: 3,
  cliTimeout: "4m",
  loadMaxSeconds: 600,
  loadMaxRequests: 500_000,
};

export const SMALL: DemoParams = {
  predictions: 3,
  scaleClients: 8,
  scaleHoldSeconds: 2,
  scaleUpTimeoutSeconds: 120,
  scaleDownTimeoutSeconds: 180,
  updateClients: 3,
  brokenClients: 2,
  cliTimeout: "4m",
  loadMaxSeconds: 400,
  loadMaxRequests: 200_000,
};

/** Replicas the autoscaler should settle on for `clients` in flight. */
export function expectedReplicas(
  clients: number,
  targetInFlight: number,
  min: number,
  max: number,
): number {
  return Math.min(max, Math.max(min, Math.ceil(clients / targetInFlight)));
}
