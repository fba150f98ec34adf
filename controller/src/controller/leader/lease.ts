// Leader election on a coordination.k8s.io Lease, the decision part (client-go's rules). A
// candidate takes the Lease when nobody holds it or when the holder has not renewed it for
// leaseDuration, measured on the candidate's own clock from when it last saw the record change
// (so clock skew between machines does not matter). The holder renews every retry period.
import type { Lease } from "../kube/types.ts";

export interface LeaseTimings {
  leaseDurationMs: number;
  /** A leader that cannot renew for this long stops acting. */
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

export const DEFAULT_TIMINGS: LeaseTimings = {
  leaseDurationMs: 12_000,
  renewDeadlineMs: 8_000,
  retryPeriodMs: 2_000,
};

/** What a candidate has seen of the Lease: the record and when (local clock) it last changed. */
export interface Observation {
  holder: string;
  renewTime: string;
  observedAt: number;
}

export type LeaseAction =
  | { kind: "create" }
  | { kind: "renew" }
  | { kind: "takeover" }
  | { kind: "wait"; holder: string; expiresAt: number };

/** Updates the observation with the Lease as just read. */
export function observe(
  previous: Observation | undefined,
  lease: Lease | undefined,
  now: number,
): Observation {
  const holder = lease?.spec?.holderIdentity ?? "";
  const renewTime = lease?.spec?.renewTime ?? "";
  if (previous !== undefined && previous.holder === holder && previous.renewTime === renewTime)
    return previous;
  return { holder, renewTime, observedAt: now };
}

export function leaseAction(
  lease: Lease | undefined,
  observation: Observation,
  identity: string,
  now: number,
  timings: LeaseTimings,
): LeaseAction {
  if (lease === undefined) return { kind: "create" };
  const holder = observation.holder;
  if (holder === identity) return { kind: "renew" };
  if (holder === "") return { kind: "takeover" };
  const durationMs = (lease.spec?.leaseDurationSeconds ?? timings.leaseDurationMs / 1000) * 1000;
  const expiresAt = observation.observedAt + durationMs;
  if (now >= expiresAt) return { kind: "takeover" };
  return { kind: "wait", holder, expiresAt };
}

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** The Lease spec after `action` by `identity`. */
export function nextLeaseSpec(
  lease: Lease | undefined,
  action: "create" | "renew" | "takeover",
  identity: string,
  now: number,
  timings: LeaseTimings,
): NonNullable<Lease["spec"]> {
  const time = microTime(now);
  const transitions = lease?.spec?.leaseTransitions ?? 0;
  return {
    holderIdentity: identity,
    leaseDurationSeconds: Math.ceil(timings.leaseDurationMs / 1000),
    acquireTime: action === "renew" ? (lease?.spec?.acquireTime ?? time) : time,
    renewTime: time,
    leaseTransitions: action === "takeover" ? transitions + 1 : transitions,
  };
}
