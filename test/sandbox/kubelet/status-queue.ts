// Pod status writes: one pending patch per pod (a newer one replaces an unsent one), a few in
// flight at once, retried on transient errors. Thousands of ready-only pods become a steady
// stream of PATCHes over a handful of keep-alive connections instead of a burst.
import { type KubeClient, KubeError } from "./kube-client.ts";
import type { PodStatus } from "./kube-types.ts";

const RETRY_MAX_MS = 5000;

interface Pending {
  namespace: string;
  name: string;
  uid: string;
  status: PodStatus;
}

export class StatusQueue {
  private readonly pending = new Map<string, Pending>();
  private readonly order: string[] = [];
  private readonly inFlight = new Set<string>();
  /** Pods dropped while their patch was in flight: stop retrying it. */
  private readonly dropped = new Set<string>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly client: KubeClient,
    private readonly concurrency: number,
    private readonly log: (message: string) => void,
  ) {}

  set(namespace: string, name: string, uid: string, status: PodStatus): void {
    if (!this.pending.has(uid)) this.order.push(uid);
    this.pending.set(uid, { namespace, name, uid, status });
    this.pump();
  }

  drop(uid: string): void {
    this.pending.delete(uid);
    if (this.inFlight.has(uid)) this.dropped.add(uid);
  }

  /** Resolves once nothing is pending or in flight. */
  idle(): Promise<void> {
    if (this.pending.size === 0 && this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.inFlight.size < this.concurrency) {
      // A pod whose previous patch is still in flight waits, so patches stay in order.
      const index = this.order.findIndex((uid) => !this.inFlight.has(uid));
      if (index < 0) break;
      const [uid] = this.order.splice(index, 1);
      const item = uid === undefined ? undefined : this.pending.get(uid);
      if (!item || uid === undefined) continue;
      this.pending.delete(uid);
      this.inFlight.add(uid);
      this.send(item).finally(() => {
        this.inFlight.delete(uid);
        this.dropped.delete(uid);
        this.pump();
        if (this.pending.size === 0 && this.inFlight.size === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const w of waiters) w();
        }
      });
    }
  }

  private async send(item: Pending): Promise<void> {
    const path = `/api/v1/namespaces/${item.namespace}/pods/${item.name}/status`;
    // The uid in the patch makes the API server refuse it for a new pod of the same name.
    const body = { metadata: { uid: item.uid }, status: item.status };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.patch(path, body, "strategic");
        return;
      } catch (err) {
        const status = err instanceof KubeError ? err.status : 0;
        if (status === 404 || status === 409 || status === 422) {
          if (status !== 404) this.log(`status of ${item.namespace}/${item.name}: ${String(err)}`);
          return;
        }
        // Other errors pass (the API server restarting, overloaded): retried until sent, since
        // a status given up on stays stale (a pod Ready meanwhile would never be seen Ready).
        if (attempt === 5)
          this.log(`status of ${item.namespace}/${item.name}: ${String(err)}; still retrying`);
        // A newer status for this pod supersedes the one we are retrying.
        if (this.pending.has(item.uid) || this.dropped.has(item.uid)) return;
        await new Promise((r) => setTimeout(r, Math.min(RETRY_MAX_MS, 200 * 2 ** attempt)));
        if (this.pending.has(item.uid) || this.dropped.has(item.uid)) return;
      }
    }
  }
}
