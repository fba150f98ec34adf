// What the simulation needs from an autoscaling algorithm.

export interface SimScaler {
  readonly name: string;
  /** Seconds between decisions. */
  readonly tickSeconds: number;
  /** The API's total in-flight requests at a second. */
  record(time: number, inFlight: number): void;
  /** The replica count to request, given the pods that exist and those that are ready. */
  decide(time: number, currentReplicas: number, readyReplicas: number): number;
}
