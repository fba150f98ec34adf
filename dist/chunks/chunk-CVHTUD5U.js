import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  failingContainers
} from "./chunk-JV4CEZL6.js";
import {
  PROXY_CONTAINER
} from "./chunk-G4TVXNY4.js";
import {
  KubeApiError,
  isApiError
} from "./chunk-6XWRUFJL.js";
import {
  LABELS
} from "./chunk-332YSSNY.js";

// src/kube/watch.ts
async function watchCollection(client, path, opts, onEvent) {
  let res;
  try {
    res = await client.stream(path, {
      query: {
        watch: 1,
        allowWatchBookmarks: true,
        resourceVersion: opts.resourceVersion,
        labelSelector: opts.labelSelector,
        fieldSelector: opts.fieldSelector,
        timeoutSeconds: opts.timeoutSeconds
      },
      signal: opts.signal
    });
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw err;
  }
  let buffered = "";
  try {
    for await (const chunk of res) {
      buffered += chunk.toString("utf8");
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf("\n");
        if (line === "") continue;
        const event = JSON.parse(line);
        if (event.type === "ERROR") {
          const status = event.object;
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

// src/kube/logs.ts
function logPath(namespace, pod) {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
}
async function readLogTail(client, namespace, pod, container, opts) {
  const res = await client.stream(logPath(namespace, pod), {
    query: { container, tailLines: opts.tailLines, previous: opts.previous ? true : void 0 },
    ...opts.signal ? { signal: opts.signal } : {}
  });
  const chunks = [];
  for await (const chunk of res) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
var LinePrefixer = class {
  constructor(prefix) {
    this.prefix = prefix;
  }
  prefix;
  partial = "";
  push(chunk) {
    const text = this.partial + chunk;
    const parts = text.split("\n");
    this.partial = parts.pop() ?? "";
    return parts.map((l) => `${this.prefix}${l.replace(/\r$/, "")}`);
  }
  flush() {
    const rest = this.partial;
    this.partial = "";
    return rest === "" ? [] : [`${this.prefix}${rest}`];
  }
};
function statusOf(pod, container) {
  const { containerStatuses = [], initContainerStatuses = [] } = pod.status ?? {};
  return [...containerStatuses, ...initContainerStatuses].find((c) => c.name === container);
}
function apiContainers(pod) {
  const own = (pod.spec?.containers ?? []).map((c) => c.name).filter((n) => n !== PROXY_CONTAINER);
  const failing = new Set(failingContainers([pod]).map((f) => f.container));
  const init = (pod.spec?.initContainers ?? []).map((c) => c.name).filter((n) => failing.has(n));
  return [...init, ...own];
}
function hasStarted(pod, container) {
  const s = statusOf(pod, container);
  return s?.state?.running !== void 0 || s?.state?.terminated !== void 0 || (s?.restartCount ?? 0) > 0;
}
function runOf(pod, container) {
  return statusOf(pod, container)?.restartCount ?? 0;
}
function podSelector(kind, name) {
  return `${kind === "TrafficSplitter" ? LABELS.splitter : LABELS.api}=${name}`;
}
async function streamApiLogs(client, opts) {
  const selector = podSelector(opts.kind, opts.name);
  const podsPath = `/api/v1/namespaces/${encodeURIComponent(opts.namespace)}/pods`;
  const list = await client.request("GET", podsPath, { query: { labelSelector: selector } });
  const attached = /* @__PURE__ */ new Set();
  const read = /* @__PURE__ */ new Set();
  const streams = [];
  const stop = new AbortController();
  let refused;
  const signal = opts.signal ? AbortSignal.any([stop.signal, opts.signal]) : stop.signal;
  const attach = (pod) => {
    const containers = apiContainers(pod);
    for (const container of containers) {
      const key = `${pod.metadata.name}/${container}`;
      const run = opts.follow ? `${key}#${runOf(pod, container)}` : key;
      if (attached.has(run) || !hasStarted(pod, container)) continue;
      if (opts.previous && runOf(pod, container) === 0) continue;
      attached.add(run);
      read.add(key);
      const prefix = containers.length > 1 ? `${key} ` : `${pod.metadata.name} `;
      streams.push(
        followOne(client, { ...opts, signal }, pod.metadata.name, container, prefix).catch(
          (err) => {
            refused ??= err;
            stop.abort();
          }
        )
      );
    }
  };
  for (const pod of list.items) attach(pod);
  if (opts.follow) {
    const pods = new Set(list.items.map((p) => p.metadata.name));
    await watchCollection(
      client,
      podsPath,
      {
        labelSelector: selector,
        resourceVersion: list.metadata?.resourceVersion,
        signal
      },
      (event) => {
        if (event.type === "ADDED" || event.type === "MODIFIED") {
          pods.add(event.object.metadata.name);
          attach(event.object);
        }
        if (event.type === "DELETED") {
          pods.delete(event.object.metadata.name);
          if (pods.size === 0 && opts.gone)
            void opts.gone().then((gone) => {
              if (gone && pods.size === 0) {
                opts.write(`(${opts.name} was deleted)`);
                stop.abort();
              }
            }).catch(() => void 0);
        }
      }
    );
  }
  await Promise.all(streams);
  if (refused !== void 0) throw refused;
  return read.size;
}
async function followOne(client, opts, pod, container, prefix) {
  const lines = new LinePrefixer(prefix);
  try {
    const res = await client.stream(logPath(opts.namespace, pod), {
      query: {
        container,
        follow: opts.follow ? true : void 0,
        tailLines: opts.tailLines,
        // Whole seconds only; rounded up, as kubectl does, so no line in the window is left out.
        sinceSeconds: opts.sinceSeconds === void 0 ? void 0 : Math.ceil(opts.sinceSeconds),
        previous: opts.previous ? true : void 0
      },
      signal: opts.signal
    });
    for await (const chunk of res)
      for (const l of lines.push(chunk.toString("utf8"))) opts.write(l);
  } catch (err) {
    if (opts.signal?.aborted) return;
    if (isApiError(err, 403)) throw err;
    opts.write(`${prefix}(log stream ended: ${err.message})`);
  } finally {
    for (const l of lines.flush()) opts.write(l);
  }
}

export {
  watchCollection,
  readLogTail,
  podSelector,
  streamApiLogs
};
