// The leader election loop around lease.ts: reads the Lease every retry period, acts on the
// decision, and tells the controller when it starts and stops leading. Writes carry the Lease's
// resourceVersion, so two candidates racing for it cannot both win. On shutdown the leader
// releases the Lease, so a standby takes over within one retry period instead of a lease duration.

import { isApiError, type KubeClient } from "../../../../src/kube/client.ts";
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

export interface ElectorOptions {
  client: KubeClient;
  namespace: string;
  name: string;
  identity: string;
  timings: LeaseTimings;
  log: Logger;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
  now?: () => number;
}

export class LeaderElector {
  private leading = false;
  private lastRenew = 0;
  private observation: Observation | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly o: ElectorOptions) {}

  get isLeader(): boolean {
    return this.leading;
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

  private setLeading(value: boolean): void {
    if (value === this.leading) return;
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
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.o.timings.retryPeriodMs);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  private async read(): Promise<Lease | undefined> {
    try {
      return await this.o.client.get<Lease>(this.path(this.o.name));
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  }

  private async tryAcquireOrRenew(): Promise<void> {
    const lease = await this.read();
    const now = this.now();
    this.observation = observe(this.observation, lease, now);
    const action = leaseAction(lease, this.observation, this.o.identity, now, this.o.timings);
    if (action.kind === "wait") {
      this.setLeading(false);
      return;
    }
    const spec = nextLeaseSpec(lease, action.kind, this.o.identity, now, this.o.timings);
    try {
      if (action.kind === "create") {
        await this.o.client.create(
          this.path(),
          {
            apiVersion: "coordination.k8s.io/v1",
            kind: "Lease",
            metadata: { name: this.o.name, namespace: this.o.namespace },
            spec,
          },
          "cortex-deploy-controller",
        );
      } else {
        await this.o.client.replace(
          this.path(this.o.name),
          { ...(lease as Lease), spec },
          "cortex-deploy-controller",
        );
      }
    } catch (err) {
      // 409: someone else wrote the Lease first; we will see who on the next read.
      if (isApiError(err, 409)) return;
      throw err;
    }
    this.lastRenew = now;
    this.setLeading(true);
  }

  private async release(): Promise<void> {
    const lease = await this.read();
    if (lease?.spec?.holderIdentity !== this.o.identity) return;
    await this.o.client.replace(
      this.path(this.o.name),
      {
        ...lease,
        spec: { ...lease.spec, holderIdentity: "", leaseDurationSeconds: 1, renewTime: null },
      },
      "cortex-deploy-controller",
    );
  }
}
