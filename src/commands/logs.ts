// `logs NAME [--follow] [--since D] [--previous]`: the pod logs of an API or a TrafficSplitter
// through the API server, each line prefixed with its pod.
import { isNotFound, type KubeClient } from "../kube/client.ts";
import { DeployError } from "../kube/errors.ts";
import { podSelector, streamApiLogs } from "../kube/logs.ts";
import { getResource } from "../kube/objects.ts";
import type { ResourceKind } from "../kube/resource.ts";
import { type ClusterOptions, type Reporter, withClient } from "./common.ts";

export interface LogsOptions extends ClusterOptions {
  name: string;
  follow: boolean;
  tailLines?: number | undefined;
  sinceSeconds?: number | undefined;
  /** Each restarted container's previous run instead of its current one (not with follow). */
  previous?: boolean | undefined;
  write: (line: string) => void;
  log: Reporter;
  signal?: AbortSignal | undefined;
}

export async function logs(opts: LogsOptions): Promise<number> {
  return withClient(opts, async (client) => {
    const kind = await kindOf(client, opts.namespace, opts.name);
    if (kind === undefined) {
      throw new DeployError(
        `no RealtimeAPI or TrafficSplitter named ${opts.name} in namespace ${opts.namespace}`,
      );
    }
    const read = await streamApiLogs(client, {
      namespace: opts.namespace,
      kind,
      name: opts.name,
      follow: opts.follow,
      tailLines: opts.tailLines,
      sinceSeconds: opts.sinceSeconds,
      previous: opts.previous,
      write: opts.write,
      signal: opts.signal,
      gone: () =>
        getResource(client, kind, opts.namespace, opts.name).then(
          () => false,
          (err: unknown) => {
            if (isNotFound(err)) return true;
            throw err;
          },
        ),
    });
    if (read === 0 && opts.previous) {
      const current = `cortex-deploy logs ${opts.name}${opts.namespace === "default" ? "" : ` -n ${opts.namespace}`}`;
      opts.log.warn(
        `${opts.name}: no container has restarted, so there is no previous log; \`${current}\` shows the current ones`,
      );
    } else if (read === 0 && !opts.follow) {
      opts.log.warn(
        `${opts.name}: no container has started yet; \`kubectl get pods -n ${opts.namespace} -l ${podSelector(kind, opts.name)}\` shows its pods`,
      );
    }
    return read;
  });
}

/** Which kind of object `name` is, looking for an API first. */
async function kindOf(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<ResourceKind | undefined> {
  for (const kind of ["RealtimeAPI", "TrafficSplitter"] as const) {
    try {
      await getResource(client, kind, namespace, name);
      return kind;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return undefined;
}
