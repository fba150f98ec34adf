// Kubernetes' arithmetic for RollingUpdate's maxSurge and maxUnavailable: a percentage of the
// replica count, surge rounded up, unavailable rounded down, and never both zero.

/** The value of an int-or-percent for `total` replicas. */
export function scaledValue(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const m = /^(\d+)%$/.exec(value);
  if (m === null) {
    const n = Number(value);
    return Number.isInteger(n) ? n : 0;
  }
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable as pod counts, as the Deployment controller resolves them. */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  replicas: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? "25%", replicas, true);
  let unavailable = scaledValue(maxUnavailable ?? "25%", replicas, false);
  // The Deployment controller's rule: a rollout must be able to move.
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
