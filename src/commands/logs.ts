// `logs NAME [--follow]`: the API's pod logs through the API server, each line prefixed with its pod.
import { isNotFound } from "../kube/client.ts";
import { DeployError } from "../kube/errors.ts";
import { streamApiLogs } from "../kube/logs.ts";
import { getResource } from "../kube/objects.ts";
import { type ClusterOptions, type Reporter, withClient } from "./common.ts";

export interface LogsOptions extends ClusterOptions {
  name: string;
  follow: boolean;
  tailLines?: number | undefined;
  write: (line: string) => void;
  log: Reporter;
  signal?: AbortSignal | undefined;
}

export async function logs(opts: LogsOptions): Promise<number> {
  return withClient(opts, async (client) => {
    try {
      await getResource(client, "RealtimeAPI", opts.namespace, opts.name);
    } catch (err) {
      if (isNotFound(err)) {
        throw new DeployError(`no RealtimeAPI named ${opts.name} in namespace ${opts.namespace}`);
      }
      throw err;
    }
    const read = await streamApiLogs(client, {
      namespace: opts.namespace,
      name: opts.name,
      follow: opts.follow,
      tailLines: opts.tailLines,
      write: opts.write,
      signal: opts.signal,
    });
    if (read === 0 && !opts.follow) opts.log.warn(`${opts.name}: no running pods yet`);
    return read;
  });
}
