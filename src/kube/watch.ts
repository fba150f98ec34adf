// A watch on a collection: newline-delimited JSON events from `?watch=1`, delivered one by one
// until the server closes the stream, the caller aborts, or the server reports an error.
import { KubeApiError, type KubeClient, type KubeStatus } from "./client.ts";

export interface WatchEvent<T> {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: T;
}

export interface WatchOptions {
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

/** Resolves when the stream ends (server timeout or abort); rejects on an ERROR event. */
export async function watchCollection<T>(
  client: KubeClient,
  path: string,
  opts: WatchOptions,
  onEvent: (event: WatchEvent<T>) => void,
): Promise<void> {
  let res: Awaited<ReturnType<KubeClient["stream"]>>;
  try {
    res = await client.stream(path, {
      query: {
        watch: 1,
        allowWatchBookmarks: true,
        resourceVersion: opts.resourceVersion,
        labelSelector: opts.labelSelector,
        fieldSelector: opts.fieldSelector,
        timeoutSeconds: opts.timeoutSeconds,
      },
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw err;
  }
  let buffered = "";
  try {
    for await (const chunk of res) {
      buffered += (chunk as Buffer).toString("utf8");
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf("\n");
        if (line === "") continue;
        const event = JSON.parse(line) as WatchEvent<T>;
        if (event.type === "ERROR") {
          const status = event.object as KubeStatus;
          throw new KubeApiError("GET", path, status.code ?? 500, status);
        }
        onEvent(event);
      }
    }
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw err;
  }
}
