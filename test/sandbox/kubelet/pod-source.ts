// The pods bound to this node: list, then watch from the list's resourceVersion; a watch that
// ends is resumed from the last version seen, one that expired (410 Gone) starts over with a
// list, and errors back off briefly. Each list is delivered whole so the kubelet can also notice
// pods deleted while it was not watching.
import { setTimeout as sleep } from "node:timers/promises";
import { type KubeClient, KubeError } from "./kube-client.ts";
import type { List, Pod, Status } from "./kube-types.ts";

export interface PodHandlers {
  synced(pods: Pod[]): void;
  upserted(pod: Pod): void;
  deleted(pod: Pod): void;
}

export class PodSource {
  private stopped = false;
  private abort: () => void = () => {};

  constructor(
    private readonly client: KubeClient,
    private readonly nodeName: string,
    private readonly handlers: PodHandlers,
    private readonly log: (message: string) => void,
  ) {}

  private selector(): string {
    return `fieldSelector=${encodeURIComponent(`spec.nodeName=${this.nodeName}`)}`;
  }

  private async list(): Promise<string> {
    const pods: Pod[] = [];
    let next = "";
    let version = "";
    do {
      const page = await this.client.get<List<Pod>>(
        `/api/v1/pods?${this.selector()}&limit=500${next ? `&continue=${encodeURIComponent(next)}` : ""}`,
      );
      pods.push(...page.items);
      next = page.metadata.continue ?? "";
      version = page.metadata.resourceVersion ?? "";
    } while (next);
    this.handlers.synced(pods);
    return version;
  }

  /** Runs until stop(); resolves after the first list has been delivered. */
  async start(): Promise<void> {
    const version = await this.list();
    void this.loop(version);
  }

  private async loop(initial: string): Promise<void> {
    let version = initial;
    let failures = 0;
    while (!this.stopped) {
      let gone = false;
      const handle = this.client.watch<Pod>(
        `/api/v1/pods?${this.selector()}&watch=true&allowWatchBookmarks=true&timeoutSeconds=${300 + Math.floor(Math.random() * 60)}&resourceVersion=${version}`,
        (event) => {
          if (event.type === "ERROR") {
            const status = event.object as Status;
            if (status.code === 410) gone = true;
            else this.log(`pod watch error: ${status.message ?? JSON.stringify(status)}`);
            return;
          }
          const pod = event.object as Pod;
          if (pod.metadata.resourceVersion) version = pod.metadata.resourceVersion;
          if (event.type === "ADDED" || event.type === "MODIFIED") this.handlers.upserted(pod);
          else if (event.type === "DELETED") this.handlers.deleted(pod);
        },
      );
      this.abort = handle.abort;
      const { error } = await handle.done;
      if (this.stopped) return;
      if (error instanceof KubeError && error.status === 410) gone = true;
      if (error && !gone) {
        failures++;
        if (failures % 10 === 1) this.log(`pod watch: ${error.message}; retrying`);
        await sleep(Math.min(5000, 250 * failures));
      } else {
        failures = 0;
      }
      if (gone) {
        try {
          version = await this.list();
        } catch (err) {
          this.log(`pod list: ${String(err)}`);
          await sleep(1000);
        }
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.abort();
  }
}
