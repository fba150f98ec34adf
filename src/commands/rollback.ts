// `rollback [NAME...] --to previous|N|SHA` (and the Action's `command: rollback`): re-apply an
// earlier revision's spec exactly, then wait. Everything is checked first (the API exists, the
// revision exists, its artifact manifest is still in S3) so a rollback that cannot work changes
// nothing.
import { type ApplyOutcome, applyChanges, undoApplies } from "../kube/apply.ts";
import { decideAction } from "../kube/changes.ts";
import { isNotFound, type KubeClient } from "../kube/client.ts";
import { DeployError, describeKubeError } from "../kube/errors.ts";
import { type Runner, runnerOf } from "../kube/git-meta.ts";
import { getResource, type Live, splitterHasNoRevisions } from "../kube/objects.ts";
import { buildRealtimeApi, refOf, standardLabels } from "../kube/render.ts";
import { ANNOTATIONS, LABELS, MANAGED_BY, type RealtimeApiResource } from "../kube/resource.ts";
import {
  isPrevious,
  listRevisions,
  pickRevision,
  type RevisionInfo,
  untouchedByLastDeploy,
} from "../kube/revisions.ts";
import { type ClusterOptions, type Reporter, withClient } from "./common.ts";
import { type DeployedApi, undoReport, waitAndExplain } from "./deploy.ts";
import { interrupted } from "./interrupt.ts";

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
  /** Ctrl-C, a cancelled job: nothing more is applied, the wait ends. */
  signal?: AbortSignal | undefined;
  /** Who rolls back and from which run, for the rollback mark; read as deploy reads its actor
   * (GitHub's env, else git) when absent. */
  by?: Runner | undefined;
}

export interface RolledBackApi extends DeployedApi {
  /** The revision whose spec was re-applied (or, for an API left alone, its current one). */
  target: number | undefined;
  /** Why `previous` left this API as it is, when it did. */
  left?: string;
}

export interface RollbackResult {
  namespace: string;
  apis: RolledBackApi[];
  failure?: string | undefined;
}

interface Loaded {
  live: Live<RealtimeApiResource>;
  revisions: RevisionInfo[];
}

interface Target {
  live: Live<RealtimeApiResource>;
  revision: RevisionInfo;
}

async function load(
  client: KubeClient,
  opts: RollbackOptions,
  name: string,
): Promise<Loaded | string> {
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
  return { live, revisions: await listRevisions(client, opts.namespace, name, live.metadata.uid) };
}

/** A problem with the target revision's artifacts, or undefined when its manifest is in S3. */
async function artifactsProblem(
  opts: RollbackOptions,
  target: Target,
): Promise<string | undefined> {
  const ref = target.revision.spec.artifacts;
  if (!ref) return undefined;
  // Loaded here: the S3 client is needed only for revisions with artifacts.
  const { checkManifest } = await import("../kube/manifest-check.ts");
  const check = await checkManifest(ref, { endpoint: opts.s3Endpoint, region: opts.region });
  if (check.ok) return undefined;
  return `${target.live.metadata.name}: cannot roll back to revision ${target.revision.number}: ${check.message}`;
}

/**
 * Each API's target revision, and the APIs `previous` leaves alone: over several APIs it undoes
 * the last deploy, so one that deploy did not change, or one with no earlier revision (new in it),
 * keeps its spec. Every problem is collected, so one message names them all.
 */
function chooseTargets(
  apis: readonly Loaded[],
  to: string,
): { targets: Target[]; left: Map<string, string>; problems: string[] } {
  const several = isPrevious(to) && apis.length > 1;
  const left = several
    ? untouchedByLastDeploy(
        apis.map(({ live, revisions }) => ({
          name: live.metadata.name,
          commit: live.metadata.annotations?.[ANNOTATIONS.commit],
          current: live.status?.currentRevision,
          revisions,
        })),
      )
    : new Map<string, string>();
  const targets: Target[] = [];
  const problems: string[] = [];
  for (const { live, revisions } of apis) {
    const name = live.metadata.name;
    const current = live.status?.currentRevision;
    if (left.has(name)) continue;
    const pick = pickRevision(revisions, to, current);
    if (pick.ok) targets.push({ live, revision: pick.revision });
    else if (several && pick.nothingBefore) left.set(name, "it has no earlier revision");
    else problems.push(`${name}: cannot roll back to '${to}': ${pick.message}`);
  }
  return { targets, left, problems };
}

export async function rollback(opts: RollbackOptions): Promise<RollbackResult> {
  if (opts.names.length === 0) throw new DeployError("name the API(s) to roll back");
  return withClient(opts, async (client) => {
    const found = await Promise.all(opts.names.map((n) => load(client, opts, n)));
    const missing = found.filter((f): f is string => typeof f === "string");
    if (missing.length > 0) throw new DeployError(`${missing.join("\n")}\nNothing was changed.`);
    const loaded = found as Loaded[];
    const { targets, left, problems } = chooseTargets(loaded, opts.to);
    const artifactProblems = await Promise.all(targets.map((t) => artifactsProblem(opts, t)));
    problems.push(...artifactProblems.filter((p): p is string => p !== undefined));
    if (problems.length > 0) throw new DeployError(`${problems.join("\n")}\nNothing was changed.`);
    if (targets.length === 0) {
      const why = [...left].map(([name, reason]) => `${name}: ${reason}`).join("\n");
      throw new DeployError(`nothing to roll back to 'previous':\n${why}\nNothing was changed.`);
    }

    const by = opts.by ?? (await runnerOf(process.cwd(), process.env));
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
        // The notes say which code runs; the mark says that a rollback put it there.
        rollback: { revision: revision.number, ...by },
      });
      return decideAction(resource, live);
    });
    const toWrite = changes.filter((c) => c.action !== "unchanged");
    // The generation each re-applied spec got: the wait reports on it, not on a later deploy's.
    const generations = new Map<string, number | undefined>();
    if (toWrite.length > 0) {
      const describe = (o: ApplyOutcome) => describeKubeError(o.error, refOf(o.change.resource));
      const dry = await applyChanges(client, toWrite, { dryRun: true, force: opts.forceConflicts });
      const refused = dry.filter((o) => o.error !== undefined);
      if (refused.length > 0) {
        throw new DeployError(`${refused.map(describe).join("\n")}\nNothing was changed.`);
      }
      const stopped = interrupted(opts.signal, "nothing was changed");
      if (stopped) throw stopped;
      // All or nothing, as deploy: what the server refused after its dry run passed puts back
      // the APIs already rolled back, so no set is left half on the old revision.
      const outcomes = await applyChanges(client, toWrite, { force: opts.forceConflicts });
      const failed = outcomes.filter((o) => o.error !== undefined);
      if (failed.length > 0) {
        const undone = await undoApplies(
          client,
          outcomes.filter((o) => o.error === undefined),
        );
        throw new DeployError([...failed.map(describe), undoReport(undone)].join("\n"));
      }
      for (const o of outcomes)
        generations.set(o.change.resource.metadata.name, o.result?.metadata.generation);
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
        generation:
          action === "unchanged" ? live.metadata.generation : generations.get(live.metadata.name),
        target: revision.number,
      };
    });
    for (const { live } of loaded) {
      const reason = left.get(live.metadata.name);
      if (reason === undefined) continue;
      const current = live.status?.currentRevision;
      opts.log.info(
        `${refOf(live)}: left as it is${current === undefined ? "" : ` at revision ${current}`}: ${reason}`,
      );
      apis.push({
        name: live.metadata.name,
        kind: "RealtimeAPI",
        action: "unchanged",
        endpoint: live.spec.networking.endpoint,
        revision: current,
        generation: live.metadata.generation,
        target: current,
        left: reason,
      });
    }
    // In the order asked for (cortex.yaml's), whether rolled back or left.
    const order = (a: RolledBackApi) => opts.names.indexOf(a.name);
    apis.sort((a, b) => order(a) - order(b));
    const result: RollbackResult = { namespace: opts.namespace, apis };
    if (opts.wait) result.failure = await waitAndExplain(client, opts, apis);
    return result;
  });
}
