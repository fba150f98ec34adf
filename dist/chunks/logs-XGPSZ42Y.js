import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  streamApiLogs
} from "./chunk-USLIQAKI.js";
import {
  withClient
} from "./chunk-7ITEMARL.js";
import "./chunk-77YCEPPZ.js";
import {
  getResource
} from "./chunk-YQ6PU4JC.js";
import {
  DeployError,
  isNotFound
} from "./chunk-4WTDKO2W.js";
import "./chunk-JHSAL5PI.js";
import "./chunk-5ZXHR5OE.js";

// src/commands/logs.ts
async function logs(opts) {
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
      signal: opts.signal
    });
    if (read === 0 && !opts.follow) opts.log.warn(`${opts.name}: no running pods yet`);
    return read;
  });
}
export {
  logs
};
