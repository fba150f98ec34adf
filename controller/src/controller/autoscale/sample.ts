// Which proxies to scrape and what their answers say about the whole API. Like Knative, at most a
// fixed number of ready pods is sampled each second, so the cost stays flat as an API grows; the
// sampled sum is scaled up by ready/answered. Pure (the random source is passed in).

/** Why one proxy's scrape gave no value, as "GET http://ip:15000/metrics: connect ECONNREFUSED …". */
export interface ScrapeFailure {
  error: string;
}

export interface ScrapeTarget {
  pod: string;
  ip: string;
}

/** Up to `max` targets, chosen uniformly at random (partial Fisher–Yates). */
export function sampleTargets(
  targets: readonly ScrapeTarget[],
  max: number,
  random: () => number,
): ScrapeTarget[] {
  const pool = [...targets];
  const n = Math.min(max, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as ScrapeTarget, pool[i] as ScrapeTarget];
  }
  return pool.slice(0, n);
}

/**
 * The API's total in-flight from the sampled answers (undefined = no answer). Undefined when fewer
 * than half the sampled proxies answered: missing metrics hold the replica count instead of
 * reading as the load of the few that answered (the overloaded ones are the likeliest to time out).
 */
export function estimateTotal(
  answers: readonly (number | undefined)[],
  readyPods: number,
): number | undefined {
  const got = answers.filter((a): a is number => a !== undefined && Number.isFinite(a) && a >= 0);
  if (got.length === 0 || got.length * 2 < answers.length) return undefined;
  const sum = got.reduce((s, v) => s + v, 0);
  return (sum * Math.max(readyPods, got.length)) / got.length;
}
