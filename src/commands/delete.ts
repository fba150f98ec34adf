// `delete NAME|--all`: remove APIs this cortex.yaml deployed (by its config label), never others.
import { pruneObjects, readLive } from "../kube/apply.ts";
import { belongsToConfig, liveRoutes, stillRoutedTo } from "../kube/changes.ts";
import { configIdentity } from "../kube/config-id.ts";
import { DeployError, describeKubeError } from "../kube/errors.ts";
import type { Live } from "../kube/objects.ts";
import { refOf } from "../kube/render.ts";
import { type ClusterOptions, type Reporter, withClient } from "./common.ts";

export interface DeleteOptions extends ClusterOptions {
  /** cortex.yaml, whose identity says which objects are ours (the file need not exist). */
  configFile: string;
  configId?: string | undefined;
  names: readonly string[];
  all: boolean;
  log: Reporter;
  /** List what would be deleted, and delete nothing. */
  dryRun?: boolean | undefined;
  /**
   * Asked with what is about to be deleted, after it was read and checked (the CLI's prompt);
   * false deletes nothing. Not called when there is nothing to delete.
   */
  confirm?: ((refs: readonly string[]) => Promise<boolean>) | undefined;
}

/** The objects to delete, or the reasons not to (pure). */
export function selectForDelete(
  live: readonly Live[],
  configId: string,
  names: readonly string[],
  all: boolean,
): { objects: Live[]; problems: string[] } {
  const ours = live.filter((o) => belongsToConfig(o, configId));
  if (all) return { objects: ours, problems: [] };
  const objects: Live[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const mine = ours.filter((o) => o.metadata.name === name);
    if (mine.length > 0) {
      objects.push(...mine);
      continue;
    }
    const other = live.find((o) => o.metadata.name === name);
    problems.push(
      other
        ? `${refOf(other)} was not deployed from this cortex.yaml (config id ${configId}); not deleting it`
        : `no API named ${name} in this namespace`,
    );
  }
  return { objects, problems };
}

/** The objects deleted ("realtimeapi/iris"); with dryRun, those that would be. */
export async function deleteApis(opts: DeleteOptions): Promise<string[]> {
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
        `${problems.join("\n")}\nNothing was deleted (namespace ${opts.namespace}).`,
      );
    }
    const refs = objects.map(refOf);
    if (opts.dryRun) {
      for (const ref of refs) opts.log.info(`${ref}: would be deleted (dry run)`);
      opts.log.info(
        refs.length === 0
          ? `nothing to delete: no APIs of this cortex.yaml in namespace ${opts.namespace}`
          : `dry run: nothing was deleted (namespace ${opts.namespace})`,
      );
      return refs;
    }
    if (refs.length > 0 && opts.confirm && !(await opts.confirm(refs)))
      throw new DeployError(`not confirmed; nothing was deleted (namespace ${opts.namespace})`);
    const deleted: string[] = [];
    const skipped: string[] = [];
    for (const outcome of await pruneObjects(client, objects)) {
      if (outcome.error)
        throw new DeployError(describeKubeError(outcome.error, refOf(outcome.object)));
      if (outcome.skipped !== undefined) {
        skipped.push(`${refOf(outcome.object)}: not deleted: ${outcome.skipped}`);
        continue;
      }
      deleted.push(refOf(outcome.object));
      opts.log.info(`${refOf(outcome.object)}: deleted`);
    }
    // Someone deployed it between our read and the delete: not what the user chose to delete.
    if (skipped.length > 0)
      throw new DeployError(`${skipped.join("\n")}\nRun delete again to delete it as it is now.`);
    if (deleted.length === 0)
      opts.log.info(
        `nothing to delete: no APIs of this cortex.yaml in namespace ${opts.namespace}`,
      );
    return deleted;
  });
}
