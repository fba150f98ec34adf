// The kubelet's container restart back-off (client-go flowcontrol.Backoff as the kubelet uses
// it): the first restart is immediate; a container that exits again within the current delay
// waits it out (CrashLoopBackOff). The delay starts at base and doubles up to max, and an entry
// untouched for 2×max (10 minutes by default) is forgotten, so a long run resets it.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const kubernetesBackoff: BackoffPolicy = { baseMs: 10_000, maxMs: 300_000 };

export interface BackoffEntry {
  delayMs: number;
  /** When the delay was last set: the last restart. */
  lastUpdateMs: number;
}

function expired(entry: BackoffEntry, atMs: number, policy: BackoffPolicy): boolean {
  return atMs - entry.lastUpdateMs > 2 * policy.maxMs;
}

/**
 * When a container that exited at finishedAtMs may start again: undefined means now (no back-off),
 * else the time the back-off ends.
 */
export function backoffUntil(
  entry: BackoffEntry | undefined,
  finishedAtMs: number,
  policy: BackoffPolicy,
): number | undefined {
  if (!entry || expired(entry, finishedAtMs, policy)) return undefined;
  if (finishedAtMs - entry.lastUpdateMs >= entry.delayMs) return undefined;
  return entry.lastUpdateMs + entry.delayMs;
}

/** The entry after a restart at nowMs: base on the first (or after expiry), else doubled. */
export function nextBackoff(
  entry: BackoffEntry | undefined,
  nowMs: number,
  policy: BackoffPolicy,
): BackoffEntry {
  if (!entry || expired(entry, nowMs, policy))
    return { delayMs: policy.baseMs, lastUpdateMs: nowMs };
  return { delayMs: Math.min(entry.delayMs * 2, policy.maxMs), lastUpdateMs: nowMs };
}
