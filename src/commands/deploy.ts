// `deploy` (the CLI command and the Action's `command: deploy`): refuse kinds we cannot deploy →
// read the cluster (CRDs present, TrafficSplitter targets exist) → upload artifacts → render →
// ensure the namespace → dry-run every changed object (nothing is written if the server rejects
// one) → server-side apply → prune → wait for the rollouts, explaining any that fail.
import { setTimeout as sleep } from "node:timers/promises";
import type { UploadSummary } from "../artifacts/progress.ts";
import type { CortexConfig } from "../config/index.ts";
import {
  applyChanges,
  dryRunPrune,
  type PruneOutcome,
  pruneObjects,
  readLive,
  type UndoOutcome,
  undoApplies,
} from "../kube/apply.ts";
import {
  type Action,
  computeChanges,
  describeTakeover,
  findTakeovers,
  kindClashes,
  prunedButRouted,
  routesOf,
  selectPrunable,
  TAKEOVER_REFUSED,
} from "../kube/changes.ts";
import type { KubeClient } from "../kube/client.ts";
import { configIdentity } from "../kube/config-id.ts";
import {
  CONTROLLER_LEASE,
  checkController,
  type LeaseRef,
  noControllerLine,
  noControllerReason,
} from "../kube/controller-presence.ts";
import { diagnoseApi } from "../kube/diagnose.ts";
import { DeployError, describeKubeError } from "../kube/errors.ts";
import { configPathOf } from "../kube/field-path.ts";
import { type GitMetadata, gitMetadata } from "../kube/git-meta.ts";
import { ConcurrentChange } from "../kube/meanwhile.ts";
import { ensureNamespace, namespaceState, terminatingNamespace } from "../kube/namespace.ts";
import type { Live } from "../kube/objects.ts";
import {
  isSettledPhase,
  isTerminal,
  type RolloutProgress,
  type RolloutState,
} from "../kube/readiness.ts";
import { refOf, refusalMessage, renderApis } from "../kube/render.ts";
import {
  ANNOTATIONS,
  type ApiResource,
  type RealtimeApiStatus,
  type ResourceKind,
} from "../kube/resource.ts";
import { waitForApis } from "../kube/wait.ts";
import { uploadRefs } from "./artifact-refs.ts";
import {
  type ClusterOptions,
  failureMessage,
  isExpectedFailure,
  type Reporter,
  type S3Options,
  withClient,
} from "./common.ts";
import { interrupted, LEFT_WAITING } from "./interrupt.ts";
import { missingTargets } from "./targets.ts";

export interface DeployOptions extends ClusterOptions, S3Options {
  config: CortexConfig;
  wait: boolean;
  timeoutSeconds: number;
  prune: boolean;
  forceConflicts: boolean;
  /** Overrides the identity derived from the config's path. */
  configId?: string | undefined;
  /** Where the deploy came from; read from GitHub's env or git when absent. */
  git?: GitMetadata | undefined;
  log: Reporter;
  /**
   * Replaces ensureNamespace: called once, after the upload and just before the first write to
   * the cluster; returns whether it created the namespace. A preview creates its namespace with
   * its marks here (never bare) and may stop the deploy by throwing (its pull request closed).
   */
  prepareNamespace?: ((client: KubeClient) => Promise<boolean>) | undefined;
  /** The most pods of each TrafficSplitter (a preview's replica cap); unset: the controller's. */
  splitterMaxReplicas?: number | undefined;
  /**
   * Called with the namespace's live APIs once the cluster is read, before anything is uploaded;
   * a DeployError it throws stops the deploy with nothing changed (the Action refuses to deploy
   * an older commit over a newer one here).
   */
  checkLive?: ((live: readonly Live[], configId: string) => Promise<void>) | undefined;
  /**
   * Called with what the upload sent and skipped as soon as it is done, before anything is
   * applied: a deploy that fails later (a refused apply, a closed pull request) returns no
   * result, and its report must still say what reached S3.
   */
  onUploaded?: ((summary: UploadSummary) => void) | undefined;
  /** Tuning and tests. */
  advanced?: WaitTuning | undefined;
}

export interface WaitTuning {
  /** How long the APIs may have no status before the controller's Lease is read (30 s). */
  controllerGraceMs?: number;
  /** The controller's leader Lease (tests use their own). */
  controllerLease?: LeaseRef;
}

const CONTROLLER_GRACE_MS = 30_000;
/** How far the cluster's clocks may run behind ours when telling this rollout's events apart. */
const CLOCK_SLACK_MS = 5_000;

export interface DeployedApi {
  name: string;
  kind: ApiResource["kind"];
  action: Action;
  endpoint: string;
  revision?: number | undefined;
  /** After waiting: ready, failed, rolledBack, progressing or pending. */
  state?: RolloutState | undefined;
  /** The same spec, rolled out again because its rollout had failed. */
  retried?: boolean;
  /** The object's generation once applied: the wait reports on this spec, not a later one. */
  generation?: number | undefined;
  /** Someone else changed or deleted it while the wait ran: its outcome is not this run's. */
  superseded?: boolean | undefined;
}

export interface DeployResult {
  namespace: string;
  configId: string;
  apis: DeployedApi[];
  pruned: string[];
  upload?: UploadSummary | undefined;
  /**
   * Set when a rollout failed or timed out, or when a prune failed after the apply went through
   * (its dry run had passed); the objects were applied.
   */
  failure?: string | undefined;
}

const PAST: Record<Action, string> = {
  create: "created",
  update: "configured",
  unchanged: "up to date",
};

/** What a failed apply left behind, once its writes were put back. */
export function undoReport(
  undone: readonly UndoOutcome[],
  /** Said of the namespace after "Nothing was applied", e.g. " (… is left empty)". */
  namespaceNote = "",
): string {
  const stuck = undone.filter((u) => u.error !== undefined);
  const skipped = undone.filter((u) => u.error === undefined && u.skipped !== undefined);
  const back = undone
    .filter((u) => u.error === undefined && u.skipped === undefined)
    .map((u) => refOf(u.change.resource));
  const were = back.length === 1 ? "was" : "were";
  if (stuck.length === 0 && skipped.length === 0) {
    if (back.length === 0) return `Nothing was applied${namespaceNote}.`;
    return `Nothing is left applied${namespaceNote}. ${back.join(", ")} ${were} written and put back as before.`;
  }
  const out: string[] = [];
  if (back.length > 0) out.push(`${back.join(", ")} ${were} written and put back as before.`);
  if (skipped.length > 0) {
    const lines = skipped.map((u) => `  ${refOf(u.change.resource)}: ${u.skipped}`);
    out.push(
      `Changed by someone else after this deploy wrote them, so left as they are:\n${lines.join("\n")}`,
    );
  }
  if (stuck.length > 0) {
    const lines = stuck.map((u) => `  ${refOf(u.change.resource)}: ${describeKubeError(u.error)}`);
    out.push(
      `Some objects were applied and could not be put back; deploy again to finish:\n${lines.join("\n")}`,
    );
  }
  out.push("Nothing was pruned.");
  return out.join("\n");
}

/**
 * Why a deploy whose apply went through failed to prune (its dry run had passed: a connection
 * dropped, a permission revoked meanwhile): what was applied stays, what was not pruned runs on.
 */
export function notPrunedReport(
  failed: readonly PruneOutcome[],
  written: readonly string[],
): string {
  const lines = failed.map((p) => `  ${refOf(p.object)}: ${describeKubeError(p.error)}`);
  const applied =
    written.length === 0
      ? "Nothing else was changed"
      : `${written.join(", ")} ${written.length === 1 ? "was" : "were"} applied`;
  return [
    `Not pruned (no longer in cortex.yaml, left running):`,
    ...lines,
    `${applied}; deploy again to prune, or delete ${failed.length === 1 ? "it" : "them"} by hand.`,
  ].join("\n");
}

/** A line for refusals that include another deploy's writes made while this one ran. */
export function meanwhileNote(errors: readonly unknown[]): string[] {
  return errors.some((e) => e instanceof ConcurrentChange)
    ? [
        "Another deploy (or a rollback, or kubectl) wrote these APIs while this deploy ran; deploy " +
          "again once it is done, to act on what it left.",
      ]
    : [];
}

/** "cortex.yaml:4:11" for a field of a rendered object the server rejected. */
export function locatorFor(config: CortexConfig) {
  return (resource: ApiResource, field: string): string | undefined => {
    const index = config.apis.findIndex((a) => a.name === resource.metadata.name);
    if (index < 0) return undefined;
    const path = configPathOf(field, index);
    if (path === undefined) return undefined;
    const { line, column } = config.locate(path);
    return `${config.file}:${line}:${column}`;
  };
}

export async function deploy(opts: DeployOptions): Promise<DeployResult> {
  const { config, log, namespace } = opts;
  const refusal = refusalMessage(config.apis);
  if (refusal) throw new DeployError(refusal);
  const identity = configIdentity(config.file, opts.configId);
  const git = opts.git ?? (await gitMetadata(config.dir, process.env));
  if (git.dirty && git.commit) {
    log.warn(
      `files under ${config.dir} differ from commit ${git.commit.slice(0, 12)} ` +
        "(uncommitted changes); this deploy is recorded under that commit all the same, so " +
        "name its revision by number in rollback --to",
    );
  }

  return withClient(opts, async (client) => {
    // The cluster is read first: missing CRDs, unknown TrafficSplitter targets, an API and a
    // splitter of one name, and names another config holds stop the deploy before anything is
    // uploaded.
    const [missing, live, nsState] = await Promise.all([
      missingTargets(client, namespace, config.apis),
      readLive(client, namespace),
      namespaceState(client, namespace),
    ]);
    if (nsState === "terminating")
      throw new DeployError(`${terminatingNamespace(namespace)}.\nNothing was applied.`);
    const named = config.apis.map((a) => ({ kind: a.kind, metadata: { name: a.name } }));
    const leaving = opts.prune ? selectPrunable(live, named, identity.id) : [];
    const clashes = kindClashes(named, live, leaving);
    const own = config.apis.flatMap((a) =>
      a.kind === "TrafficSplitter" ? [routesOf(a.name, a.apis)] : [],
    );
    const routed = prunedButRouted(leaving, own, named, live);
    const refused = [...missing, ...clashes, ...routed];
    if (refused.length > 0) throw new DeployError(`${refused.join("\n")}\nNothing was applied.`);
    // Names another config holds need no artifacts to be found: refuse before the upload.
    const takeovers = findTakeovers(
      named.map((n) => ({
        ...n,
        metadata: { ...n.metadata, annotations: { [ANNOTATIONS.configPath]: identity.path } },
      })),
      live,
      identity.id,
    );
    if (takeovers.length > 0 && !opts.forceConflicts) {
      throw new DeployError(
        `${takeovers.map(describeTakeover).join("\n")}\n` +
          `Nothing was applied.\n${TAKEOVER_REFUSED}.`,
      );
    }
    await opts.checkLive?.(live, identity.id);

    const { refs, summary } = await uploadRefs(config, opts, (line) => log.info(line)).catch(
      (err: unknown) => {
        const stopped = interrupted(
          opts.signal,
          "nothing was applied (uploads in flight were aborted)",
        );
        if (stopped) throw stopped;
        // The upload comes before any write to the cluster (the namespace included): say so.
        if (!isExpectedFailure(err)) throw err;
        throw new DeployError(`${failureMessage(err)}\nNothing was applied to the cluster.`, {
          cause: err,
        });
      },
    );
    if (summary) opts.onUploaded?.(summary);
    // Stopped while uploading (or just after): the cluster is not touched.
    const stopped = interrupted(opts.signal, "nothing was applied");
    if (stopped) throw stopped;
    const rendered = renderApis(config.apis, {
      namespace,
      configId: identity.id,
      configPath: identity.path,
      git,
      artifacts: refs,
      splitterMaxReplicas: opts.splitterMaxReplicas,
    });
    const set = computeChanges(rendered, live, identity.id);
    const createdNamespace = opts.prepareNamespace
      ? await opts.prepareNamespace(client)
      : await ensureNamespace(client, namespace);
    if (createdNamespace && !opts.prepareNamespace) log.info(`namespace/${namespace}: created`);
    // An empty namespace is left rather than deleted: a re-run would find it still terminating.
    const namespaceNote = createdNamespace
      ? ` (namespace/${namespace} was created and is left empty)`
      : "";

    const toWrite = set.changes.filter((c) => c.action !== "unchanged");
    const toPrune = opts.prune ? set.prune : [];
    const applied = new Map<string, Live>();
    const locate = locatorFor(config);
    const describe = (resource: ApiResource, err: unknown) =>
      describeKubeError(err, refOf(resource), (field) => locate(resource, field));
    if (toWrite.length > 0 || toPrune.length > 0) {
      // A dry run of every object and every prune first: if the server refuses one, nothing is
      // written (a deployer that may apply but not delete would otherwise leave half a deploy).
      // It also finds the objects another deploy wrote since the read above (applyChanges).
      const [dry, dryPrune] = await Promise.all([
        applyChanges(client, toWrite, { dryRun: true, force: opts.forceConflicts }),
        dryRunPrune(client, toPrune),
      ]);
      const refused = dry.filter((o) => o.error !== undefined);
      const unprunable = dryPrune.filter((p) => p.error !== undefined);
      if (refused.length + unprunable.length > 0) {
        throw new DeployError(
          [
            ...refused.map((o) => describe(o.change.resource, o.error)),
            ...unprunable.map((p) => describeKubeError(p.error, `pruning ${refOf(p.object)}`)),
            ...meanwhileNote(refused.map((o) => o.error)),
            `Nothing was applied${namespaceNote}.`,
            ...(unprunable.length > 0
              ? [
                  "To deploy and keep what cortex.yaml no longer lists, use --no-prune (Action input prune: false).",
                ]
              : []),
          ].join("\n"),
        );
      }
    }
    if (toWrite.length > 0) {
      // The server can still refuse what its dry run passed (a quota counts the whole set, a
      // webhook changes its mind, the connection drops): then what was written is put back.
      const outcomes = await applyChanges(client, toWrite, { force: opts.forceConflicts });
      const failed = outcomes.filter((o) => o.error !== undefined);
      if (failed.length > 0) {
        const reasons = failed.map((o) => describe(o.change.resource, o.error));
        const undone = await undoApplies(
          client,
          outcomes.filter((o) => o.error === undefined),
        );
        throw new DeployError(
          [
            ...reasons,
            ...meanwhileNote(failed.map((o) => o.error)),
            undoReport(undone, namespaceNote),
          ].join("\n"),
        );
      }
      for (const o of outcomes) if (o.result) applied.set(refOf(o.change.resource), o.result);
    }
    for (const c of set.changes) {
      log.info(`${refOf(c.resource)}: ${PAST[c.action]}${c.note ? ` (${c.note})` : ""}`);
    }

    // A prune that fails now, after the apply went through, does not undo the apply: the
    // rollouts it started go on, and are waited for; the deploy fails afterwards, naming it.
    const pruned: string[] = [];
    const prunesFailed: PruneOutcome[] = [];
    for (const p of await pruneObjects(client, toPrune)) {
      if (p.error) {
        prunesFailed.push(p);
        log.warn(describeKubeError(p.error, `pruning ${refOf(p.object)}`));
        continue;
      }
      if (p.skipped !== undefined) {
        log.warn(`${refOf(p.object)}: no longer in cortex.yaml, but not deleted: ${p.skipped}`);
        continue;
      }
      pruned.push(refOf(p.object));
      log.info(`${refOf(p.object)}: deleted (no longer in cortex.yaml)`);
    }
    if (!opts.prune) {
      for (const p of set.prune)
        log.info(`${refOf(p)}: no longer in cortex.yaml, kept (--no-prune)`);
    }

    const apis: DeployedApi[] = set.changes.map((c) => {
      const current = applied.get(refOf(c.resource)) ?? c.live;
      // A written spec's revision is known once the controller has seen it (the wait reads it):
      // the status the apply returned still names the revision before it.
      const status =
        c.action === "unchanged" && current?.kind === "RealtimeAPI" ? current.status : undefined;
      return {
        name: c.resource.metadata.name,
        kind: c.resource.kind,
        action: c.action,
        endpoint: c.resource.spec.networking.endpoint,
        revision: status?.currentRevision,
        generation: current?.metadata.generation,
        ...(c.retry === undefined ? {} : { retried: true }),
      };
    });
    const result: DeployResult = {
      namespace,
      configId: identity.id,
      apis,
      pruned,
      upload: summary,
    };
    const pruneFailure =
      prunesFailed.length > 0
        ? notPrunedReport(
            prunesFailed,
            toWrite.map((c) => refOf(c.resource)),
          )
        : undefined;
    const waitFailure = opts.wait ? await waitAndExplain(client, opts, apis) : undefined;
    result.failure = joinFailures(waitFailure, pruneFailure);
    return result;
  });
}

/** The failures of one deploy, one per line; undefined when there is none. */
export function joinFailures(...failures: (string | undefined)[]): string | undefined {
  const all = failures.filter((f): f is string => f !== undefined);
  return all.length === 0 ? undefined : all.join("\n");
}

interface WaitOptions {
  namespace: string;
  timeoutSeconds: number;
  log: Reporter;
  signal?: AbortSignal | undefined;
  advanced?: WaitTuning | undefined;
}

/**
 * Waits for the RealtimeAPIs and TrafficSplitters (both kinds at once); returns why the deploy
 * failed, or undefined when all are Ready. Stopped by `signal` (Ctrl-C, a cancelled job), it
 * throws an InterruptedError saying what was left.
 */
export async function waitAndExplain(
  client: KubeClient,
  opts: WaitOptions,
  apis: DeployedApi[],
): Promise<string | undefined> {
  return waitAndDiagnose(client, opts, apis).catch((err: unknown) => {
    throw interrupted(opts.signal, LEFT_WAITING) ?? err;
  });
}

async function waitAndDiagnose(
  client: KubeClient,
  opts: WaitOptions,
  apis: DeployedApi[],
): Promise<string | undefined> {
  const named = (kind: ResourceKind) => apis.filter((a) => a.kind === kind).map((a) => a.name);
  const [realtime, splitters] = [named("RealtimeAPI"), named("TrafficSplitter")];
  if (realtime.length + splitters.length === 0) return undefined;
  // The objects were applied just now: what the cluster recorded before is an earlier rollout's.
  // A few seconds' slack, as the events carry the controller's and the API server's clocks.
  const since = Date.now() - CLOCK_SLACK_MS;
  opts.log.info(
    `waiting up to ${opts.timeoutSeconds}s for ${[...realtime, ...splitters].join(", ")} to be Ready`,
  );
  // Whether each object still has no status for its generation (none is known at first).
  const pending = new Map([...realtime, ...splitters].map((n) => [n, true]));
  const waitFor = async <K extends ResourceKind>(kind: K, names: string[]) => {
    if (names.length === 0) return { timedOut: false, apis: [] };
    const outcome = await waitForApis(client, {
      kind,
      namespace: opts.namespace,
      names,
      timeoutSeconds: opts.timeoutSeconds,
      // An outcome other than Ready is reported below, with its diagnosis; not twice.
      onProgress: (line, progress, name) => {
        pending.set(name, progress.state === "pending");
        if (progress.state === "ready" || !isTerminal(progress.state)) opts.log.info(line);
      },
      signal: opts.signal,
      generations: new Map(
        apis.flatMap((a) =>
          a.kind === kind && a.generation !== undefined ? [[a.name, a.generation]] : [],
        ),
      ),
    });
    for (const r of outcome.apis) {
      const api = apis.find((a) => a.name === r.name && a.kind === kind);
      if (api) {
        api.state = r.progress.state;
        if (r.progress.superseded) api.superseded = true;
        else api.revision = r.progress.revision ?? api.revision;
      }
    }
    return outcome;
  };
  const lease = opts.advanced?.controllerLease ?? CONTROLLER_LEASE;
  const grace = new AbortController();
  const early = warnIfNoController(client, opts, lease, grace.signal, () =>
    [...pending].flatMap(([name, p]) => (p ? [name] : [])),
  );
  const [forApis, forSplitters] = await Promise.all([
    waitFor("RealtimeAPI", realtime),
    waitFor("TrafficSplitter", splitters),
  ]).finally(() => grace.abort());
  await early;
  const notReady = <T extends { progress: RolloutProgress }>(rs: T[]) =>
    rs.filter((r) => r.progress.state !== "ready");
  const [badApis, badSplitters] = [notReady(forApis.apis), notReady(forSplitters.apis)];
  const bad = [...badApis, ...badSplitters];
  if (bad.length === 0) return undefined;
  // One warning per API, its diagnosis included: in the Action each warning is an annotation,
  // and GitHub shows only the first ten of a step. An API someone else changed meanwhile gets no
  // diagnosis: its conditions, pods and logs are the other change's, not this run's.
  for (const r of badApis) {
    const lines = r.progress.superseded
      ? []
      : await diagnoseApi(client, opts.namespace, r.name, r.object, { since });
    opts.log.warn([`${r.name}: ${r.progress.message}`, ...lines.map((l) => `  ${l}`)].join("\n"));
  }
  // A splitter's status already names what it waits for (its pods, a missing target).
  for (const r of badSplitters) opts.log.warn(`${r.name}: ${r.progress.message}`);
  const list = (rs: typeof bad) => rs.map((r) => `${r.name} (${r.progress.message})`).join("; ");
  const superseded = bad.filter((r) => r.progress.superseded);
  const failed = bad.filter((r) => !r.progress.superseded);
  const reasons: string[] = [];
  if (failed.length > 0 && (forApis.timedOut || forSplitters.timedOut)) {
    let hint = "";
    if (failed.every((r) => r.progress.state === "pending")) {
      // The Lease is read again: a controller may have started, or stopped, since the warning.
      const presence = await checkController(client, lease, opts.signal);
      hint =
        presence.state === "none"
          ? `. No status was reported: ${noControllerReason(presence.why)}`
          : ". No status was reported: is the cortex-deploy controller running? (cortex-deploy install --with-controller)";
    }
    reasons.push(`${timedOutWaiting(opts.timeoutSeconds, failed.map(nameAndState))}${hint}`);
  } else if (failed.length > 0) reasons.push(`not Ready: ${list(failed)}`);
  // Still a failure: what this run was asked to deploy is not what runs.
  if (superseded.length > 0) reasons.push(`changed by someone else: ${list(superseded)}`);
  // What a timeout leaves: the APIs the controller still handles (not those with no status).
  const rolling = forApis.timedOut
    ? badApis.filter((r) => !r.progress.superseded && r.progress.state === "progressing")
    : [];
  const left = (state: LeftAfterTimeout) =>
    stillRollingOut(
      rolling.filter((r) => leftAfterTimeout(r.object?.status) === state).map((r) => r.name),
      state,
    );
  return [
    reasons.join("; "),
    left("previousServes"),
    left("noneServes"),
    left("firstRollout"),
    left("settledNotServing"),
  ]
    .filter((line) => line !== "")
    .join("\n");
}

/** What a timeout says of one object: its name and where it stands. */
function nameAndState(r: { name: string; progress: RolloutProgress }) {
  return { name: r.name, state: r.progress.message };
}

/**
 * "timed out after 30s waiting for a to be Ready (NotReady, 0/1 ready (revision 2): …)": what
 * the wait was for, and where each object stands now, in the controller's words (pure).
 */
export function timedOutWaiting(
  seconds: number,
  objects: readonly { name: string; state: string }[],
): string {
  const names = objects.map((o) => o.name);
  const what =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const states =
    objects.length === 1
      ? (objects[0]?.state ?? "")
      : objects.map((o) => `${o.name}: ${o.state}`).join("; ");
  return `timed out after ${seconds}s waiting for ${what} to be Ready (${states})`;
}

/**
 * Where a RealtimeAPI still rolling out (or not serving) stands when the wait times out, from its
 * status: the last Ready revision still serves, or has no ready replica either; no revision was
 * ever Ready; or the revision is settled (Ready once, so nothing rolls out or back) and serves
 * no more.
 */
export type LeftAfterTimeout =
  | "previousServes"
  | "noneServes"
  | "firstRollout"
  | "settledNotServing";

export function leftAfterTimeout(status: RealtimeApiStatus | undefined): LeftAfterTimeout {
  if (isSettledPhase(status?.phase)) return "settledNotServing";
  if (status?.lastReadyRevision === undefined) return "firstRollout";
  // readyReplicas counts every pod of the Deployment: while the new revision's are not ready,
  // those are the previous revision's.
  return (status.readyReplicas ?? 0) > 0 ? "previousServes" : "noneServes";
}

/**
 * What a wait that timed out leaves of these RealtimeAPIs, by the controller's rules
 * (controller/src/rollout/decide.ts): the spec stays applied; a rollout goes on, and one not
 * Ready by its progress deadline goes back to the last Ready revision (the status's
 * lastReadyRevision), or, with none (a new API), is marked Failed; a settled revision is left
 * as it is. Each says whether anything serves meanwhile.
 */
export function stillRollingOut(names: readonly string[], state: LeftAfterTimeout): string {
  if (names.length === 0) return "";
  const one = names.length === 1;
  const [it, is, its] = one ? ["it", "it is", "its"] : ["them", "they are", "their"];
  const applied = `${names.join(", ")} ${one ? "stays" : "stay"} applied`;
  const subject = `${applied}: the controller keeps rolling ${it} out`;
  const deadline = `if ${is} not Ready by update_strategy.progress_deadline`;
  switch (state) {
    case "previousServes":
      return `${subject} while the previous revision serves, and rolls ${it} back ${deadline}.`;
    case "noneServes": {
      const previous = one
        ? "its previous Ready revision has"
        : "their previous Ready revisions have";
      return `${subject}, and rolls ${it} back ${deadline}; meanwhile nothing serves: ${previous} no ready replica either.`;
    }
    case "firstRollout":
      return `${subject}, and marks ${it} Failed ${deadline} (no revision has been Ready yet: none serves, and there is none to go back to).`;
    case "settledNotServing": {
      const revision = one ? "its current revision was" : "their current revisions were";
      return `${applied}: ${revision} Ready, so the controller neither rolls ${it} out nor back, but none of ${its} replicas is ready, so nothing serves until ${its} pods start (the reason is above).`;
    }
  }
}

/**
 * After the grace period, if some objects still have no status and the controller's Lease says
 * none runs, says so once, long before the timeout would. The wait goes on: a controller may be
 * starting. Aborting `signal` (the wait ended) cancels it, a Lease read in flight too.
 */
async function warnIfNoController(
  client: KubeClient,
  opts: WaitOptions,
  lease: LeaseRef,
  signal: AbortSignal,
  stillPending: () => string[],
): Promise<void> {
  const graceMs = opts.advanced?.controllerGraceMs ?? CONTROLLER_GRACE_MS;
  const waited = await sleep(graceMs, true, { signal }).catch(() => false);
  const names = stillPending();
  if (!waited || names.length === 0) return;
  const presence = await checkController(client, lease, signal);
  if (presence.state === "none" && !signal.aborted)
    opts.log.warn(noControllerLine(presence.why, names.join(", ")));
}
