// `history NAME`: the API's revisions (number, age, commit, artifact manifest, result), from the
// controller's ControllerRevisions.
import { isNotFound } from "../kube/client.ts";
import { DeployError } from "../kube/errors.ts";
import { getResource, splitterHasNoRevisions } from "../kube/objects.ts";
import { listRevisions, type RevisionInfo } from "../kube/revisions.ts";
import { type ClusterOptions, withClient } from "./common.ts";

export interface HistoryResult {
  name: string;
  currentRevision: number | undefined;
  revisions: RevisionInfo[];
}

export async function history(opts: ClusterOptions & { name: string }): Promise<HistoryResult> {
  return withClient(opts, async (client) => {
    const api = await getResource(client, "RealtimeAPI", opts.namespace, opts.name).catch(
      async (err: unknown) => {
        if (isNotFound(err))
          throw new DeployError(
            (await splitterHasNoRevisions(client, opts.namespace, opts.name)) ??
              `no RealtimeAPI named ${opts.name} in namespace ${opts.namespace}`,
          );
        throw err;
      },
    );
    const revisions = await listRevisions(client, opts.namespace, opts.name, api.metadata.uid);
    return { name: opts.name, currentRevision: api.status?.currentRevision, revisions };
  });
}
