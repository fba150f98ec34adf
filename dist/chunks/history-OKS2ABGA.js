import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  listRevisions
} from "./chunk-NBDJLGHS.js";
import "./chunk-EJ3R4IMW.js";
import {
  getResource,
  splitterHasNoRevisions
} from "./chunk-OKNXQM4Z.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-VP4HWAEJ.js";
import {
  withClient
} from "./chunk-WVEKD7WX.js";
import {
  DeployError
} from "./chunk-JYJVQZ72.js";
import {
  isNotFound
} from "./chunk-MMNFD47T.js";
import "./chunk-GMWZZHGP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-CMLN5EX3.js";
import "./chunk-332YSSNY.js";
import "./chunk-RVCX6DLI.js";
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
