import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  podSelector,
  streamApiLogs
} from "./chunk-CVHTUD5U.js";
import "./chunk-JV4CEZL6.js";
import {
  getResource
} from "./chunk-5JMQ7LUJ.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-IJQPKFB2.js";
import {
  withClient
} from "./chunk-ZF2MBM3L.js";
import "./chunk-7VA77F3F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import {
  DeployError
} from "./chunk-FZVE6M4T.js";
import {
  isNotFound
} from "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";

// src/commands/logs.ts
async function logs(opts) {
  return withClient(opts, async (client) => {
    const kind = await kindOf(client, opts.namespace, opts.name);
    if (kind === void 0) {
      throw new DeployError(
        `no RealtimeAPI or TrafficSplitter named ${opts.name} in namespace ${opts.namespace}`
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
      gone: () => getResource(client, kind, opts.namespace, opts.name).then(
        () => false,
        (err) => {
          if (isNotFound(err)) return true;
          throw err;
        }
      )
    });
    if (read === 0 && opts.previous) {
      const current = `cortex-deploy logs ${opts.name}${opts.namespace === "default" ? "" : ` -n ${opts.namespace}`}`;
      opts.log.warn(
        `${opts.name}: no container has restarted, so there is no previous log; \`${current}\` shows the current ones`
      );
    } else if (read === 0 && !opts.follow) {
      opts.log.warn(
        `${opts.name}: no container has started yet; \`kubectl get pods -n ${opts.namespace} -l ${podSelector(kind, opts.name)}\` shows its pods`
      );
    }
    return read;
  });
}
async function kindOf(client, namespace, name) {
  for (const kind of ["RealtimeAPI", "TrafficSplitter"]) {
    try {
      await getResource(client, kind, namespace, name);
      return kind;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return void 0;
}
export {
  logs
};
