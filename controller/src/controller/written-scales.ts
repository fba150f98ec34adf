// The autoscaler's view of a Deployment includes its own latest scale write until the cache
// catches up. The scale subresource answers with a Scale, not the Deployment, so the write cannot
// be put into the cache as it is; until the watch brings the new Deployment, the cache still shows
// the old replica count, and the loop would write the same count again every decision interval
// (an audit saw `scaled 4→3` 115 times while a watch was dead). The written count stands while
// the cached Deployment is unchanged (same resourceVersion), for at most `windowMs`: a write that
// was somehow lost is made again after that.
import type { Deployment } from "./kube/types.ts";

export class WrittenScales {
  private readonly written = new Map<
    string,
    { replicas: number; version: string | undefined; at: number }
  >();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The autoscaler wrote `replicas` to the Deployment `key` while the cache held `before`. */
  record(key: string, replicas: number, before: Deployment | undefined): void {
    const at = this.now();
    // Entries past their window mean nothing; dropping them here also forgets deleted APIs,
    // which are never viewed again.
    for (const [k, w] of this.written) if (at - w.at >= this.windowMs) this.written.delete(k);
    this.written.set(key, { replicas, version: before?.metadata.resourceVersion, at });
  }

  /** How many writes are remembered (for tests). */
  get size(): number {
    return this.written.size;
  }

  /** The Deployment as the autoscaler should see it. */
  view(key: string, d: Deployment | undefined): Deployment | undefined {
    const w = this.written.get(key);
    if (w === undefined || d === undefined) return d;
    if (d.metadata.resourceVersion !== w.version || this.now() - w.at >= this.windowMs) {
      this.written.delete(key);
      return d;
    }
    return { ...d, spec: { ...d.spec, replicas: w.replicas } };
  }
}
