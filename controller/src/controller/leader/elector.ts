// The leader election loop around lease.ts: reads the Lease every retry period, acts on the
// decision, and tells the controller when it starts and stops leading. Writes carry the Lease's
// resourceVersion, so two candidates racing for it cannot both win. On shutdown the leader
// releases the Lease, so a standby takes over within one retry period instead of a lease duration.
// A leader stops leading the moment its renew deadline passes (a timer, not the end of a pending
// call), and each Lease call is cut off at that deadline: another replica may take the Lease a
// lease duration after the last renewal, and the two must never act at once.

import { isApiError, type RequestOptions } from "../../../../src/kube/client.ts";
import type { Logger } from "../../lib/log.ts";
import { RESOURCES, resourcePath } from "../kube/paths.ts";
import type { Lease } from "../kube/types.ts";
import {
  type LeaseTimings,
  leaseAction,
  nextLeaseSpec,
  type Observation,
  observe,
} from "./lease.ts";

/** The one call the elector makes; KubeClient is one, tests pass a fake. */
export interface LeaseClient {
  request<R>(method: string, path: string, options?: RequestOptions): Promise<R>;
}

export interface ElectorTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: ElectorTimers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ElectorOptions {
  client: LeaseClient;
  namespace: string;
  name: string;
  identity: string;
  timings: LeaseTimings;
  log: Logger;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
  now?: () => number;
  timers?: ElectorTimers;
}

export class LeaderElector {
  private leading = false;
  private lastRenew = 0;
  private observation: Observation | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  /** Fires at the renew deadline: the leader stops leading unless it renewed meanwhile. */
  private deadline: unknown;

  constructor(private readonly o: ElectorOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /**
   * Leads and is still within the renew deadline of its last renewal, by the clock: true only
   * while no other replica can have taken the Lease. Checked before writes, since a timer that
   * came due in a freeze may run before the deadline's own.
   */
  holdsLease(): boolean {
    return this.leading && this.now() < this.lastRenew + this.o.timings.renewDeadlineMs;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops campaigning; a leader stops leading and releases the Lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    if (this.leading) {
      this.setLeading(false);
      await this.release().catch((err: unknown) =>
        this.o.log.warn("cannot release the lease", { err }),
      );
    }
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private path(name?: string): string {
    return resourcePath(RESOURCES.leases, this.o.namespace, name);
  }

  private timers(): ElectorTimers {
    return this.o.timers ?? realTimers;
  }

  /** Stops leading at lastRenew + renewDeadline, whatever a pending call is doing. */
  private armDeadline(): void {
    const timers = this.timers();
    if (this.deadline !== undefined) timers.clear(this.deadline);
    const at = this.lastRenew + this.o.timings.renewDeadlineMs;
    this.deadline = timers.set(
      () => {
        this.deadline = undefined;
        if (this.leading && this.now() >= at) {
          this.o.log.warn("lease not renewed within the renew deadline", {
            renew_deadline_ms: this.o.timings.renewDeadlineMs,
          });
          this.setLeading(false);
        }
      },
      Math.max(0, at - this.now()),
    );
  }

  /**
   * Aborts the Lease calls of one attempt when they could no longer count: at the renew deadline
   * (a leader), or a renew deadline from now (a candidate); not at the client's request timeout.
   */
  private callBound(): { signal: AbortSignal; done: () => void } {
    const left = this.leading
      ? this.lastRenew + this.o.timings.renewDeadlineMs - this.now()
      : this.o.timings.renewDeadlineMs;
    const controller = new AbortController();
    const timers = this.timers();
    const handle = timers.set(
      () => controller.abort(new Error("lease call cut off at the renew deadline")),
      Math.max(1, left),
    );
    return { signal: controller.signal, done: () => timers.clear(handle) };
  }

  private setLeading(value: boolean): void {
    if (value === this.leading) return;
    if (!value && this.deadline !== undefined) {
      this.timers().clear(this.deadline);
      this.deadline = undefined;
    }
    this.leading = value;
    this.o.log.info(value ? "became the leader" : "stopped leading", {
      lease: `${this.o.namespace}/${this.o.name}`,
      identity: this.o.identity,
    });
    if (value) this.o.onStartedLeading();
    else this.o.onStoppedLeading();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.tryAcquireOrRenew();
      } catch (err) {
        this.o.log.warn("lease update failed", { err });
      }
      if (this.leading && this.now() - this.lastRenew > this.o.timings.renewDeadlineMs) {
        // Another replica may hold the Lease by now: stop acting before it starts.
        this.setLeading(false);
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timers = this.timers();
        const t = timers.set(resolve, this.o.timings.retryPeriodMs);
        this.wake = () => {
          timers.clear(t);
          resolve();
        };
      });
    }
  }

  private async read(signal?: AbortSignal): Promise<Lease | undefined> {
    try {
      return await this.o.client.request<Lease>("GET", this.path(this.o.name), {
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  }

  private async tryAcquireOrRenew(): Promise<void> {
    const bound = this.callBound();
    try {
      await this.attempt(bound.signal);
    } finally {
      bound.done();
    }
  }

  private async attempt(signal: AbortSignal): Promise<void> {
    const lease = await this.read(signal);
    const now = this.now();
    this.observation = observe(this.observation, lease, now);
    const action = leaseAction(lease, this.observation, this.o.identity, now, this.o.timings);
    if (action.kind === "wait") {
      this.setLeading(false);
      return;
    }
    const spec = nextLeaseSpec(lease, action.kind, this.o.identity, now, this.o.timings);
    try {
      const query = { fieldManager: "cortex-deploy-controller" };
      if (action.kind === "create") {
        await this.o.client.request("POST", this.path(), {
          body: {
            apiVersion: "coordination.k8s.io/v1",
            kind: "Lease",
            metadata: { name: this.o.name, namespace: this.o.namespace },
            spec,
          },
          query,
          signal,
        });
      } else {
        await this.o.client.request("PUT", this.path(this.o.name), {
          body: { ...(lease as Lease), spec },
          query,
          signal,
        });
      }
    } catch (err) {
      // 409: someone else wrote the Lease first; we will see who on the next read.
      if (isApiError(err, 409)) return;
      throw err;
    }
    // A call that returns after the renew deadline (a freeze) counts for nothing: the Lease may be
    // another's by now.
    if (this.now() >= now + this.o.timings.renewDeadlineMs) {
      this.setLeading(false);
      return;
    }
    this.lastRenew = now;
    this.armDeadline();
    this.setLeading(true);
  }

  private async release(): Promise<void> {
    const lease = await this.read();
    if (lease?.spec?.holderIdentity !== this.o.identity) return;
    await this.o.client.request("PUT", this.path(this.o.name), {
      body: {
        ...lease,
        spec: { ...lease.spec, holderIdentity: "", leaseDurationSeconds: 1, renewTime: null },
      },
      query: { fieldManager: "cortex-deploy-controller" },
      signal: AbortSignal.timeout(this.o.timings.renewDeadlineMs),
    });
  }
}
