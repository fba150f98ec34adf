// Where an API can be reached: the ready addresses in the EndpointSlices of its Service, which the
// real endpointslice controller keeps up to date as pods become ready or start terminating. The
// sandbox has no kube-proxy, so clients pick a ready pod themselves, as a service mesh would.
import type { KubeClient } from "../../src/kube/client.ts";

export interface EndpointSlice {
  metadata: { name: string };
  endpoints?: {
    addresses: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    targetRef?: { kind?: string; name?: string };
  }[];
  ports?: { name?: string; port?: number }[];
}

export interface Endpoint {
  ip: string;
  pod: string | undefined;
}

/** Ready, not terminating endpoints of the slices, sorted by IP, each address once. */
export function readyEndpoints(slices: readonly EndpointSlice[]): Endpoint[] {
  const byIp = new Map<string, Endpoint>();
  for (const slice of slices) {
    for (const e of slice.endpoints ?? []) {
      // A nil `ready` means ready (the EndpointSlice API's rule); terminating never is.
      if (e.conditions?.ready === false || e.conditions?.terminating === true) continue;
      for (const ip of e.addresses) byIp.set(ip, { ip, pod: e.targetRef?.name });
    }
  }
  return [...byIp.values()].sort((a, b) => a.ip.localeCompare(b.ip, "en", { numeric: true }));
}

export async function listEndpointSlices(
  client: KubeClient,
  namespace: string,
  service: string,
): Promise<EndpointSlice[]> {
  const list = await client.request<{ items: EndpointSlice[] }>(
    "GET",
    `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/endpointslices`,
    { query: { labelSelector: `kubernetes.io/service-name=${service}` } },
  );
  return list.items;
}

/**
 * Keeps a Service's ready endpoints fresh by polling every `intervalMs` (a watch would be quicker
 * but needs reconnect logic; half a second is well inside the proxies' 5 s drain delay).
 */
export class EndpointWatcher {
  private endpoints: Endpoint[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private polling: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: KubeClient,
    readonly namespace: string,
    readonly service: string,
    private readonly intervalMs = 500,
  ) {}

  /** Polls once (so `ips()` is current when this resolves), then keeps polling. */
  async start(): Promise<void> {
    await this.poll();
    this.schedule();
  }

  ips(): string[] {
    return this.endpoints.map((e) => e.ip);
  }

  current(): Endpoint[] {
    return [...this.endpoints];
  }

  /** Polls now; resolves when the list is fresh. */
  refresh(): Promise<void> {
    return this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule());
    }, this.intervalMs);
  }

  private poll(): Promise<void> {
    this.polling = listEndpointSlices(this.client, this.namespace, this.service).then(
      (slices) => {
        this.endpoints = readyEndpoints(slices);
      },
      // A failed poll keeps the last list: the API server being slow is not the pods' fault.
      () => {},
    );
    return this.polling;
  }
}
