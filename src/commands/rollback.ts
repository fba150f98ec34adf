// `rollback [NAME...] --to previous|N|SHA` (and the Action's `command: rollback`): re-apply an
// earlier revision's spec exactly, then wait. Everything is checked first (the API exists, the
// revision exists, its artifact manifest is still in S3) so a rollback that cannot work changes
// nothing.
import { type ApplyOutcome, applyChanges } from "../kube/apply.ts";
import { decideAction } from "../kube/changes.ts";
import { isNotFound, type KubeClient } from "../kube/client.ts";
import { DeployError, describeKubeError } from "../kube/errors.ts";
import { getResource, type Live, splitterHasNoRevisions } from "../kube/objects.ts";
import { buildRealtimeApi, refOf, standardLabels } from "../kube/render.ts";
import { ANNOTATIONS, LABELS, MANAGED_BY, type RealtimeApiResource } from "../kube/resource.ts";
import { listRevisions, pickRevision, type RevisionInfo } from "../kube/revisions.ts";
import { type ClusterOptions, type Reporter, withClient } from "./common.ts";
import { type DeployedApi, waitAndExplain } from "./deploy.ts";

export interface RollbackOptions extends ClusterOptions {
  names: readonly string[];
  /** previous, a revision number or a commit SHA (prefix). */
  to: string;
  wait: boolean;
  timeoutSeconds: number;
  forceConflicts: boolean;
  /** For the S3 check when a revision's reference names no endpoint. */
  s3Endpoint?: string | undefined;
  region?: string | undefined;
  log: Reporter;
}

export interface RolledBackApi extends DeployedApi {
  /** The revision whose spec was re-applied. */
  target: number;
}

export interface RollbackResult {
  namespace: string;
  apis: RolledBackApi[];
  failure?: string | undefined;
}

interface Target {
  live: Live<RealtimeApiResource>;
  revision: RevisionInfo;
}

async function findTarget(
  client: KubeClient,
  opts: RollbackOptions,
  name: string,
): Promise<Target | string> {
  let live: Live<RealtimeApiResource>;
  try {
    live = await getResource(client, "RealtimeAPI", opts.namespace, name);
  } catch (err) {
    if (isNotFound(err))
      return (
        (await splitterHasNoRevisions(client, opts.namespace, name)) ??
        `${name}: no RealtimeAPI of that name in namespace ${opts.namespace}`
      );
    throw err;
  }
  if (live.metadata.labels?.[LABELS.managedBy] !== MANAGED_BY) {
    return `${name}: was not deployed by cortex-deploy; not rolling it back`;
  }
  const revisions = await listRevisions(client, opts.namespace, name, live.metadata.uid);
  const pick = pickRevision(revisions, opts.to, live.status?.currentRevision);
  if (!pick.ok) return `${name}: cannot roll back to '${opts.to}': ${pick.message}`;
  const ref = pick.revision.spec.artifacts;
  if (ref) {
    // Loaded here: the S3 client is needed only for revisions with artifacts.
    const { checkManifest } = await import("../kube/manifest-check.ts");
    const check = await checkManifest(ref, { endpoint: opts.s3Endpoint, region: opts.region });
    if (!check.ok)
      return `${name}: cannot roll back to revision ${pick.revision.number}: ${check.message}`;
  }
  return { live, revision: pick.revision };
}

export async function rollback(opts: RollbackOptions): Promise<RollbackResult> {
  if (opts.names.length === 0) throw new DeployError("name the API(s) to roll back");
  return withClient(opts, async (client) => {
    const found = await Promise.all(opts.names.map((n) => findTarget(client, opts, n)));
    const problems = found.filter((f): f is string => typeof f === "string");
    if (problems.length > 0) throw new DeployError(`${problems.join("\n")}\nNothing was changed.`);
    const targets = found as Target[];

    const changes = targets.map(({ live, revision }) => {
      const name = live.metadata.name;
      const notes = {
        commit: revision.commit,
        ref: revision.ref,
        runUrl: revision.runUrl,
        actor: revision.actor,
      };
      const resource = buildRealtimeApi({
        name,
        namespace: opts.namespace,
        spec: revision.spec,
        labels: standardLabels(name, live.metadata.labels?.[LABELS.config] ?? ""),
        git: notes,
        configPath: live.metadata.annotations?.[ANNOTATIONS.configPath],
      });
      return decideAction(resource, live);
    });
    const toWrite = changes.filter((c) => c.action !== "unchanged");
    if (toWrite.length > 0) {
      const describe = (o: ApplyOutcome) => describeKubeError(o.error, refOf(o.change.resource));
      const dry = await applyChanges(client, toWrite, { dryRun: true, force: opts.forceConflicts });
      const refused = dry.filter((o) => o.error !== undefined);
      if (refused.length > 0) {
        throw new DeployError(`${refused.map(describe).join("\n")}\nNothing was changed.`);
      }
      const outcomes = await applyChanges(client, toWrite, { force: opts.forceConflicts });
      const failed = outcomes.filter((o) => o.error !== undefined);
      if (failed.length > 0) throw new DeployError(failed.map(describe).join("\n"));
    }
    const apis: RolledBackApi[] = targets.map(({ live, revision }, i) => {
      const action = changes[i]?.action ?? "update";
      opts.log.info(
        action === "unchanged"
          ? `${refOf(live)}: already runs the spec of revision ${revision.number}`
          : `${refOf(live)}: re-applied the spec of revision ${revision.number}` +
              (revision.commit ? ` (commit ${revision.commit.slice(0, 12)})` : ""),
      );
      return {
        name: live.metadata.name,
        kind: "RealtimeAPI",
        action,
        endpoint: revision.spec.networking.endpoint,
        // A re-applied spec gets the newest number from the controller (revision N is renamed),
        // so the number is known only once the controller has seen it: the wait reads it.
        revision: action === "unchanged" ? revision.number : undefined,
        target: revision.number,
      };
    });
    const result: RollbackResult = { namespace: opts.namespace, apis };
    if (opts.wait) result.failure = await waitAndExplain(client, opts, apis);
    return result;
  });
}
