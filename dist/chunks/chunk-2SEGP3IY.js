import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  belongsToConfig,
  liveRoutes,
  stillRoutedTo
} from "./chunk-XYJMAW5Z.js";
import {
  pruneObjects,
  readLive
} from "./chunk-BSK7IOA7.js";
import {
  refOf
} from "./chunk-LT4LYPIC.js";
import {
  configIdentity
} from "./chunk-YOXCTENX.js";
import {
  withClient
} from "./chunk-ZF2MBM3L.js";
import {
  DeployError,
  describeKubeError
} from "./chunk-FZVE6M4T.js";

// src/commands/delete.ts
function selectForDelete(live, configId, names, all) {
  const ours = live.filter((o) => belongsToConfig(o, configId));
  if (all) return { objects: ours, problems: [] };
  const objects = [];
  const problems = [];
  for (const name of names) {
    const mine = ours.filter((o) => o.metadata.name === name);
    if (mine.length > 0) {
      objects.push(...mine);
      continue;
    }
    const other = live.find((o) => o.metadata.name === name);
    problems.push(
      other ? `${refOf(other)} was not deployed from this cortex.yaml (config id ${configId}); not deleting it` : `no API named ${name} in this namespace`
    );
  }
  return { objects, problems };
}
async function deleteApis(opts) {
  if (!opts.all && opts.names.length === 0)
    throw new DeployError("name the API(s) to delete, or pass --all");
  if (opts.all && opts.names.length > 0) throw new DeployError("give API names or --all, not both");
  const identity = configIdentity(opts.configFile, opts.configId);
  return withClient(opts, async (client) => {
    const live = await readLive(client, opts.namespace);
    const selected = selectForDelete(live, identity.id, opts.names, opts.all);
    const { objects } = selected;
    const problems = [...selected.problems, ...stillRoutedTo(objects, liveRoutes(live, objects))];
    if (problems.length > 0) {
      throw new DeployError(
        `${problems.join("\n")}
Nothing was deleted (namespace ${opts.namespace}).`
      );
    }
    const refs = objects.map(refOf);
    if (opts.dryRun) {
      for (const ref of refs) opts.log.info(`${ref}: would be deleted (dry run)`);
      opts.log.info(
        refs.length === 0 ? `nothing to delete: no APIs of this cortex.yaml in namespace ${opts.namespace}` : `dry run: nothing was deleted (namespace ${opts.namespace})`
      );
      return refs;
    }
    if (refs.length > 0 && opts.confirm && !await opts.confirm(refs))
      throw new DeployError(`not confirmed; nothing was deleted (namespace ${opts.namespace})`);
    const deleted = [];
    const skipped = [];
    for (const outcome of await pruneObjects(client, objects)) {
      if (outcome.error)
        throw new DeployError(describeKubeError(outcome.error, refOf(outcome.object)));
      if (outcome.skipped !== void 0) {
        skipped.push(`${refOf(outcome.object)}: not deleted: ${outcome.skipped}`);
        continue;
      }
      deleted.push(refOf(outcome.object));
      opts.log.info(`${refOf(outcome.object)}: deleted`);
    }
    if (skipped.length > 0)
      throw new DeployError(`${skipped.join("\n")}
Run delete again to delete it as it is now.`);
    if (deleted.length === 0)
      opts.log.info(
        `nothing to delete: no APIs of this cortex.yaml in namespace ${opts.namespace}`
      );
    return deleted;
  });
}

export {
  selectForDelete,
  deleteApis
};
