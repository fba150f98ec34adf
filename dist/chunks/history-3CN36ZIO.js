import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  listRevisions
} from "./chunk-FNGN2WSP.js";
import "./chunk-JV4CEZL6.js";
import {
  getResource,
  splitterHasNoRevisions
} from "./chunk-5JMQ7LUJ.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-VP4HWAEJ.js";
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

// src/commands/history.ts
async function history(opts) {
  return withClient(opts, async (client) => {
    const api = await getResource(client, "RealtimeAPI", opts.namespace, opts.name).catch(
      async (err) => {
        if (isNotFound(err))
          throw new DeployError(
            await splitterHasNoRevisions(client, opts.namespace, opts.name) ?? `no RealtimeAPI named ${opts.name} in namespace ${opts.namespace}`
          );
        throw err;
      }
    );
    const revisions = await listRevisions(client, opts.namespace, opts.name, api.metadata.uid);
    return { name: opts.name, currentRevision: api.status?.currentRevision, revisions };
  });
}
export {
  history
};
