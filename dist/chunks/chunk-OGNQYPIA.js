import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  readLogTail,
  watchCollection
} from "./chunk-CVHTUD5U.js";
import {
  CONTROLLER_LEASE,
  checkController,
  noControllerLine,
  noControllerReason
} from "./chunk-UWZLKIEG.js";
import {
  eventTime,
  failingContainers,
  formatConditions,
  formatEvents,
  formatUnreadyPods,
  stalledContainers
} from "./chunk-JV4CEZL6.js";
import {
  LEFT_WAITING,
  interrupted
} from "./chunk-EQ45TEFW.js";
import {
  TAKEOVER_REFUSED,
  computeChanges,
  describeTakeover,
  findTakeovers,
  kindClashes,
  prunedButRouted,
  routesOf,
  selectPrunable
} from "./chunk-XYJMAW5Z.js";
import {
  ConcurrentChange,
  DELETED_WHILE_WAITING,
  applyChanges,
  dryRunPrune,
  isSettledPhase,
  isTerminal,
  progressOf,
  pruneObjects,
  readLive,
  supersededProgress,
  undoApplies
} from "./chunk-BSK7IOA7.js";
import {
  collectionPath,
  getResource,
  listResources
} from "./chunk-5JMQ7LUJ.js";
import {
  uploadRefs
} from "./chunk-ZRT6AH67.js";
import {
  refOf,
  refusalMessage,
  renderApis
} from "./chunk-LT4LYPIC.js";
import {
  configIdentity
} from "./chunk-YOXCTENX.js";
import {
  failureMessage,
  isExpectedFailure,
  withClient
} from "./chunk-ZF2MBM3L.js";
import {
  DeployError,
  describeKubeError
} from "./chunk-FZVE6M4T.js";
import {
  KubeApiError,
  ensureNamespace,
  isNotFound,
  namespaceState,
  terminatingNamespace
} from "./chunk-6XWRUFJL.js";
import {
  ANNOTATIONS,
  LABELS
} from "./chunk-332YSSNY.js";

// src/commands/deploy.ts
import { setTimeout as sleep } from "node:timers/promises";

// src/kube/container-log-note.ts
var CONTAINER_LOG_REASON = "ContainerLog";
function noteHeader(ref) {
  return `last lines of ${ref.pod}/${ref.container}`;
}
function isLogNoteOf(note, ref) {
  return note.startsWith(`${noteHeader(ref)}:`) || note.startsWith(`${noteHeader(ref)} (`);
}

// src/kube/diagnose.ts
var EVENTS = 10;
var LOG_LINES = 20;
var MAX_LOGS = 3;
var MAX_PODS = 5;
async function listApiPods(client, namespace, name) {
  const list = await client.request(
    "GET",
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
    { query: { labelSelector: `${LABELS.api}=${name}` } }
  );
  return list.items;
}
async function eventsFor(client, namespace, fieldSelector) {
  const list = await client.request(
    "GET",
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`,
    { query: { fieldSelector } }
  );
  return list.items;
}
async function diagnoseApi(client, namespace, name, api, opts = {}) {
  const lines = [];
  const conditions = formatConditions(api?.status?.conditions);
  if (conditions.length > 0) lines.push("conditions:", ...conditions.map((c) => `  ${c}`));
  try {
    const pods = await listApiPods(client, namespace, name);
    const selectors = [
      `involvedObject.name=${name}`,
      ...pods.slice(0, MAX_PODS).map((p) => `involvedObject.name=${p.metadata.name}`)
    ];
    const uid = api?.metadata.uid;
    const otherLife = (e) => {
      const other = e.involvedObject?.uid;
      return e.involvedObject?.name === name && !!uid && !!other && other !== uid;
    };
    const all = (await Promise.all(selectors.map((s) => eventsFor(client, namespace, s)))).flat().filter((e) => !otherLife(e)).filter((e) => opts.since === void 0 || eventTime(e) === 0 || eventTime(e) >= opts.since);
    const keptLogs = all.filter((e) => e.reason === CONTAINER_LOG_REASON && e.message).map((e) => e.message).slice(-MAX_LOGS);
    const events = all.filter((e) => e.reason !== CONTAINER_LOG_REASON);
    if (events.length > 0) {
      lines.push(
        "recent events:",
        ...formatEvents(events, EVENTS, Date.now()).map((e) => `  ${e}`)
      );
    }
    const unready = formatUnreadyPods(pods, Date.now()).slice(0, MAX_PODS);
    if (unready.length > 0) lines.push("pods not ready:", ...unready.map((p) => `  ${p}`));
    for (const note of keptLogs) {
      const [head = "", ...body] = note.split("\n");
      lines.push(
        `${head.replace(/:$/, "")}, kept by the controller:`,
        ...body.map((l) => `  ${l}`)
      );
    }
    const suspects = [...failingContainers(pods), ...stalledContainers(pods)].filter(
      (f) => !keptLogs.some((note) => isLogNoteOf(note, f))
    );
    for (const f of suspects.slice(0, MAX_LOGS - keptLogs.length)) {
      lines.push(
        `logs of ${f.pod}/${f.container} (${f.reason})${f.previous ? ", previous run" : ""}:`
      );
      try {
        const tail = await readLogTail(client, namespace, f.pod, f.container, {
          tailLines: LOG_LINES,
          previous: f.previous
        });
        lines.push(
          ...tail.trim() === "" ? ["  (no output)"] : tail.trimEnd().split("\n").map((l) => `  ${l}`)
        );
      } catch (err) {
        lines.push(`  (cannot read the logs: ${describeKubeError(err)})`);
      }
    }
  } catch (err) {
    lines.push(`(cannot read pods and events: ${describeKubeError(err)})`);
  }
  return lines;
}

// src/kube/field-path.ts
function specFieldSegments(field) {
  const trimmed = field.replace(/^\./, "");
  if (!trimmed.startsWith("spec.") && trimmed !== "spec") return void 0;
  const segments = [];
  const re = /\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\[([a-z_]+)="([^"]*)"\]/g;
  for (const m of trimmed.slice(4).matchAll(re)) {
    if (m[1] !== void 0) segments.push(m[1]);
    else if (m[2] !== void 0) segments.push(Number(m[2]));
    else break;
  }
  return segments;
}
function configPathOf(field, apiIndex) {
  const segments = specFieldSegments(field);
  return segments === void 0 ? void 0 : [apiIndex, ...segments];
}

// src/kube/git-meta.ts
import { execFile } from "node:child_process";
function gitMetadataFromEnv(env) {
  const meta = {};
  if (env.GITHUB_SHA) meta.commit = env.GITHUB_SHA;
  if (env.GITHUB_REF) meta.ref = env.GITHUB_REF;
  if (env.GITHUB_ACTOR) meta.actor = env.GITHUB_ACTOR;
  if (env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    const server = env.GITHUB_SERVER_URL || "https://github.com";
    meta.runUrl = `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return meta;
}
function git(args, cwd) {
  return new Promise((resolve) => {
    execFile("git", args, { cwd, timeout: 5e3 }, (err, stdout) => {
      resolve(err ? void 0 : stdout.trim() || void 0);
    });
  });
}
async function localActor(dir, env) {
  return await git(["config", "user.name"], dir) ?? (env.USER || env.USERNAME || void 0);
}
async function gitMetadataFromGit(dir, env) {
  const [commit, ref, actor, changes] = await Promise.all([
    git(["rev-parse", "HEAD"], dir),
    git(["symbolic-ref", "-q", "HEAD"], dir),
    localActor(dir, env),
    git(["status", "--porcelain", "--", "."], dir)
  ]);
  const meta = {};
  if (commit) meta.commit = commit;
  if (commit && changes) meta.dirty = true;
  if (ref) meta.ref = ref;
  if (actor) meta.actor = actor;
  return meta;
}
async function gitMetadata(dir, env) {
  return env.GITHUB_ACTIONS === "true" ? gitMetadataFromEnv(env) : gitMetadataFromGit(dir, env);
}
async function runnerOf(dir, env) {
  if (env.GITHUB_ACTIONS === "true") {
    const { actor: actor2, runUrl } = gitMetadataFromEnv(env);
    return { actor: actor2, runUrl };
  }
  const actor = await localActor(dir, env);
  return actor ? { actor } : {};
}

// src/kube/wait.ts
var WATCH_SECONDS = 300;
async function waitForApis(client, opts) {
  const wanted = new Set(opts.names);
  const results = /* @__PURE__ */ new Map();
  const printed = /* @__PURE__ */ new Map();
  const update = (name, object) => {
    if (!wanted.has(name)) return;
    const progress = object === void 0 ? DELETED_WHILE_WAITING : supersededProgress(object, opts.generations?.get(name)) ?? progressOf(object);
    results.set(name, { name, progress, object });
    if (printed.get(name) !== progress.message) {
      printed.set(name, progress.message);
      opts.onProgress?.(`${name}: ${progress.message}`, progress, name);
    }
  };
  const allDone = () => opts.names.every((n) => {
    const r = results.get(n);
    return r !== void 0 && isTerminal(r.progress.state);
  });
  const deadline = Date.now() + opts.timeoutSeconds * 1e3;
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, opts.timeoutSeconds * 1e3);
  const signal = opts.signal ? AbortSignal.any([stop.signal, opts.signal]) : stop.signal;
  try {
    opts.signal?.throwIfAborted();
    while (!signal.aborted) {
      const list = await listResources(client, opts.kind, opts.namespace);
      const seen = /* @__PURE__ */ new Set();
      for (const item of list.items) {
        seen.add(item.metadata.name);
        update(item.metadata.name, item);
      }
      for (const name of opts.names) if (!seen.has(name)) update(name, void 0);
      if (allDone()) break;
      const remaining = Math.ceil((deadline - Date.now()) / 1e3);
      if (remaining <= 0) {
        timedOut = true;
        break;
      }
      try {
        await watchCollection(
          client,
          collectionPath(opts.kind, opts.namespace),
          {
            resourceVersion: list.resourceVersion,
            timeoutSeconds: Math.min(remaining, WATCH_SECONDS),
            signal
          },
          (event) => {
            if (event.type === "BOOKMARK") return;
            const name = event.object.metadata.name;
            update(name, event.type === "DELETED" ? void 0 : event.object);
            if (allDone()) stop.abort();
          }
        );
      } catch (err) {
        if (!(err instanceof KubeApiError && err.status === 410)) throw err;
      }
      if (allDone()) break;
    }
    opts.signal?.throwIfAborted();
  } finally {
    clearTimeout(timer);
  }
  const apis = opts.names.map(
    (name) => results.get(name) ?? {
      name,
      progress: { state: "pending", message: "no status yet" },
      object: void 0
    }
  );
  return { timedOut: timedOut && !allDone(), apis };
}

// src/commands/targets.ts
function externalTargets(apis) {
  const local = new Set(apis.filter((a) => a.kind === "RealtimeAPI").map((a) => a.name));
  const out = /* @__PURE__ */ new Map();
  for (const api of apis) {
    if (api.kind !== "TrafficSplitter") continue;
    for (const target of api.apis) {
      if (local.has(target.name)) continue;
      out.set(target.name, [...out.get(target.name) ?? [], api.name]);
    }
  }
  return out;
}
async function missingTargets(client, namespace, apis) {
  const external = externalTargets(apis);
  const missing = await Promise.all(
    [...external].map(async ([target, splitters]) => {
      try {
        await getResource(client, "RealtimeAPI", namespace, target);
        return void 0;
      } catch (err) {
        if (!isNotFound(err)) throw err;
        return `trafficsplitter/${splitters.join(", trafficsplitter/")} routes to ${target}, which is neither a RealtimeAPI in cortex.yaml nor deployed in namespace ${namespace}`;
      }
    })
  );
  return missing.filter((m) => m !== void 0);
}

// src/commands/deploy.ts
var CONTROLLER_GRACE_MS = 3e4;
var CLOCK_SLACK_MS = 5e3;
var PAST = {
  create: "created",
  update: "configured",
  unchanged: "up to date"
};
function undoReport(undone, namespaceNote = "") {
  const stuck = undone.filter((u) => u.error !== void 0);
  const skipped = undone.filter((u) => u.error === void 0 && u.skipped !== void 0);
  const back = undone.filter((u) => u.error === void 0 && u.skipped === void 0).map((u) => refOf(u.change.resource));
  const were = back.length === 1 ? "was" : "were";
  if (stuck.length === 0 && skipped.length === 0) {
    if (back.length === 0) return `Nothing was applied${namespaceNote}.`;
    return `Nothing is left applied${namespaceNote}. ${back.join(", ")} ${were} written and put back as before.`;
  }
  const out = [];
  if (back.length > 0) out.push(`${back.join(", ")} ${were} written and put back as before.`);
  if (skipped.length > 0) {
    const lines = skipped.map((u) => `  ${refOf(u.change.resource)}: ${u.skipped}`);
    out.push(
      `Changed by someone else after this deploy wrote them, so left as they are:
${lines.join("\n")}`
    );
  }
  if (stuck.length > 0) {
    const lines = stuck.map((u) => `  ${refOf(u.change.resource)}: ${describeKubeError(u.error)}`);
    out.push(
      `Some objects were applied and could not be put back; deploy again to finish:
${lines.join("\n")}`
    );
  }
  out.push("Nothing was pruned.");
  return out.join("\n");
}
function notPrunedReport(failed, written) {
  const lines = failed.map((p) => `  ${refOf(p.object)}: ${describeKubeError(p.error)}`);
  const applied = written.length === 0 ? "Nothing else was changed" : `${written.join(", ")} ${written.length === 1 ? "was" : "were"} applied`;
  return [
    `Not pruned (no longer in cortex.yaml, left running):`,
    ...lines,
    `${applied}; deploy again to prune, or delete ${failed.length === 1 ? "it" : "them"} by hand.`
  ].join("\n");
}
function meanwhileNote(errors) {
  return errors.some((e) => e instanceof ConcurrentChange) ? [
    "Another deploy (or a rollback, or kubectl) wrote these APIs while this deploy ran; deploy again once it is done, to act on what it left."
  ] : [];
}
function locatorFor(config) {
  return (resource, field) => {
    const index = config.apis.findIndex((a) => a.name === resource.metadata.name);
    if (index < 0) return void 0;
    const path = configPathOf(field, index);
    if (path === void 0) return void 0;
    const { line, column } = config.locate(path);
    return `${config.file}:${line}:${column}`;
  };
}
async function deploy(opts) {
  const { config, log, namespace } = opts;
  const refusal = refusalMessage(config.apis);
  if (refusal) throw new DeployError(refusal);
  const identity = configIdentity(config.file, opts.configId);
  const git2 = opts.git ?? await gitMetadata(config.dir, process.env);
  if (git2.dirty && git2.commit) {
    log.warn(
      `files under ${config.dir} differ from commit ${git2.commit.slice(0, 12)} (uncommitted changes); this deploy is recorded under that commit all the same, so name its revision by number in rollback --to`
    );
  }
  return withClient(opts, async (client) => {
    const [missing, live, nsState] = await Promise.all([
      missingTargets(client, namespace, config.apis),
      readLive(client, namespace),
      namespaceState(client, namespace)
    ]);
    if (nsState === "terminating")
      throw new DeployError(`${terminatingNamespace(namespace)}.
Nothing was applied.`);
    const named = config.apis.map((a) => ({ kind: a.kind, metadata: { name: a.name } }));
    const leaving = opts.prune ? selectPrunable(live, named, identity.id) : [];
    const clashes = kindClashes(named, live, leaving);
    const own = config.apis.flatMap(
      (a) => a.kind === "TrafficSplitter" ? [routesOf(a.name, a.apis)] : []
    );
    const routed = prunedButRouted(leaving, own, named, live);
    const refused = [...missing, ...clashes, ...routed];
    if (refused.length > 0) throw new DeployError(`${refused.join("\n")}
Nothing was applied.`);
    const takeovers = findTakeovers(
      named.map((n) => ({
        ...n,
        metadata: { ...n.metadata, annotations: { [ANNOTATIONS.configPath]: identity.path } }
      })),
      live,
      identity.id
    );
    if (takeovers.length > 0 && !opts.forceConflicts) {
      throw new DeployError(
        `${takeovers.map(describeTakeover).join("\n")}
Nothing was applied.
${TAKEOVER_REFUSED}.`
      );
    }
    await opts.checkLive?.(live, identity.id);
    const { refs, summary } = await uploadRefs(config, opts, (line) => log.info(line)).catch(
      (err) => {
        const stopped2 = interrupted(
          opts.signal,
          "nothing was applied (uploads in flight were aborted)"
        );
        if (stopped2) throw stopped2;
        if (!isExpectedFailure(err)) throw err;
        throw new DeployError(`${failureMessage(err)}
Nothing was applied to the cluster.`, {
          cause: err
        });
      }
    );
    if (summary) opts.onUploaded?.(summary);
    const stopped = interrupted(opts.signal, "nothing was applied");
    if (stopped) throw stopped;
    const rendered = renderApis(config.apis, {
      namespace,
      configId: identity.id,
      configPath: identity.path,
      git: git2,
      artifacts: refs,
      splitterMaxReplicas: opts.splitterMaxReplicas
    });
    const set = computeChanges(rendered, live, identity.id);
    const createdNamespace = opts.prepareNamespace ? await opts.prepareNamespace(client) : await ensureNamespace(client, namespace);
    if (createdNamespace && !opts.prepareNamespace) log.info(`namespace/${namespace}: created`);
    const namespaceNote = createdNamespace ? ` (namespace/${namespace} was created and is left empty)` : "";
    const toWrite = set.changes.filter((c) => c.action !== "unchanged");
    const toPrune = opts.prune ? set.prune : [];
    const applied = /* @__PURE__ */ new Map();
    const locate = locatorFor(config);
    const describe = (resource, err) => describeKubeError(err, refOf(resource), (field) => locate(resource, field));
    if (toWrite.length > 0 || toPrune.length > 0) {
      const [dry, dryPrune] = await Promise.all([
        applyChanges(client, toWrite, { dryRun: true, force: opts.forceConflicts }),
        dryRunPrune(client, toPrune)
      ]);
      const refused2 = dry.filter((o) => o.error !== void 0);
      const unprunable = dryPrune.filter((p) => p.error !== void 0);
      if (refused2.length + unprunable.length > 0) {
        throw new DeployError(
          [
            ...refused2.map((o) => describe(o.change.resource, o.error)),
            ...unprunable.map((p) => describeKubeError(p.error, `pruning ${refOf(p.object)}`)),
            ...meanwhileNote(refused2.map((o) => o.error)),
            `Nothing was applied${namespaceNote}.`,
            ...unprunable.length > 0 ? [
              "To deploy and keep what cortex.yaml no longer lists, use --no-prune (Action input prune: false)."
            ] : []
          ].join("\n")
        );
      }
    }
    if (toWrite.length > 0) {
      const outcomes = await applyChanges(client, toWrite, { force: opts.forceConflicts });
      const failed = outcomes.filter((o) => o.error !== void 0);
      if (failed.length > 0) {
        const reasons = failed.map((o) => describe(o.change.resource, o.error));
        const undone = await undoApplies(
          client,
          outcomes.filter((o) => o.error === void 0)
        );
        throw new DeployError(
          [
            ...reasons,
            ...meanwhileNote(failed.map((o) => o.error)),
            undoReport(undone, namespaceNote)
          ].join("\n")
        );
      }
      for (const o of outcomes) if (o.result) applied.set(refOf(o.change.resource), o.result);
    }
    for (const c of set.changes) {
      log.info(`${refOf(c.resource)}: ${PAST[c.action]}${c.note ? ` (${c.note})` : ""}`);
    }
    const pruned = [];
    const prunesFailed = [];
    for (const p of await pruneObjects(client, toPrune)) {
      if (p.error) {
        prunesFailed.push(p);
        log.warn(describeKubeError(p.error, `pruning ${refOf(p.object)}`));
        continue;
      }
      if (p.skipped !== void 0) {
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
    const apis = set.changes.map((c) => {
      const current = applied.get(refOf(c.resource)) ?? c.live;
      const status = c.action === "unchanged" && current?.kind === "RealtimeAPI" ? current.status : void 0;
      return {
        name: c.resource.metadata.name,
        kind: c.resource.kind,
        action: c.action,
        endpoint: c.resource.spec.networking.endpoint,
        revision: status?.currentRevision,
        generation: current?.metadata.generation,
        ...c.retry === void 0 ? {} : { retried: true }
      };
    });
    const result = {
      namespace,
      configId: identity.id,
      apis,
      pruned,
      upload: summary
    };
    const pruneFailure = prunesFailed.length > 0 ? notPrunedReport(
      prunesFailed,
      toWrite.map((c) => refOf(c.resource))
    ) : void 0;
    const waitFailure = opts.wait ? await waitAndExplain(client, opts, apis) : void 0;
    result.failure = joinFailures(waitFailure, pruneFailure);
    return result;
  });
}
function joinFailures(...failures) {
  const all = failures.filter((f) => f !== void 0);
  return all.length === 0 ? void 0 : all.join("\n");
}
async function waitAndExplain(client, opts, apis) {
  return waitAndDiagnose(client, opts, apis).catch((err) => {
    throw interrupted(opts.signal, LEFT_WAITING) ?? err;
  });
}
async function waitAndDiagnose(client, opts, apis) {
  const named = (kind) => apis.filter((a) => a.kind === kind).map((a) => a.name);
  const [realtime, splitters] = [named("RealtimeAPI"), named("TrafficSplitter")];
  if (realtime.length + splitters.length === 0) return void 0;
  const since = Date.now() - CLOCK_SLACK_MS;
  opts.log.info(
    `waiting up to ${opts.timeoutSeconds}s for ${[...realtime, ...splitters].join(", ")} to be Ready`
  );
  const pending = new Map([...realtime, ...splitters].map((n) => [n, true]));
  const waitFor = async (kind, names) => {
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
        apis.flatMap(
          (a) => a.kind === kind && a.generation !== void 0 ? [[a.name, a.generation]] : []
        )
      )
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
  const early = warnIfNoController(
    client,
    opts,
    lease,
    grace.signal,
    () => [...pending].flatMap(([name, p]) => p ? [name] : [])
  );
  const [forApis, forSplitters] = await Promise.all([
    waitFor("RealtimeAPI", realtime),
    waitFor("TrafficSplitter", splitters)
  ]).finally(() => grace.abort());
  await early;
  const notReady = (rs) => rs.filter((r) => r.progress.state !== "ready");
  const [badApis, badSplitters] = [notReady(forApis.apis), notReady(forSplitters.apis)];
  const bad = [...badApis, ...badSplitters];
  if (bad.length === 0) return void 0;
  for (const r of badApis) {
    const lines = r.progress.superseded ? [] : await diagnoseApi(client, opts.namespace, r.name, r.object, { since });
    opts.log.warn([`${r.name}: ${r.progress.message}`, ...lines.map((l) => `  ${l}`)].join("\n"));
  }
  for (const r of badSplitters) opts.log.warn(`${r.name}: ${r.progress.message}`);
  const list = (rs) => rs.map((r) => `${r.name} (${r.progress.message})`).join("; ");
  const superseded = bad.filter((r) => r.progress.superseded);
  const failed = bad.filter((r) => !r.progress.superseded);
  const reasons = [];
  if (failed.length > 0 && (forApis.timedOut || forSplitters.timedOut)) {
    let hint = "";
    if (failed.every((r) => r.progress.state === "pending")) {
      const presence = await checkController(client, lease, opts.signal);
      hint = presence.state === "none" ? `. No status was reported: ${noControllerReason(presence.why)}` : ". No status was reported: is the cortex-deploy controller running? (cortex-deploy install --with-controller)";
    }
    reasons.push(`${timedOutWaiting(opts.timeoutSeconds, failed.map(nameAndState))}${hint}`);
  } else if (failed.length > 0) reasons.push(`not Ready: ${list(failed)}`);
  if (superseded.length > 0) reasons.push(`changed by someone else: ${list(superseded)}`);
  const rolling = forApis.timedOut ? badApis.filter((r) => !r.progress.superseded && r.progress.state === "progressing") : [];
  const left = (state) => stillRollingOut(
    rolling.filter((r) => leftAfterTimeout(r.object?.status) === state).map((r) => r.name),
    state
  );
  return [
    reasons.join("; "),
    left("previousServes"),
    left("noneServes"),
    left("firstRollout"),
    left("settledNotServing")
  ].filter((line) => line !== "").join("\n");
}
function nameAndState(r) {
  return { name: r.name, state: r.progress.message };
}
function timedOutWaiting(seconds, objects) {
  const names = objects.map((o) => o.name);
  const what = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const states = objects.length === 1 ? objects[0]?.state ?? "" : objects.map((o) => `${o.name}: ${o.state}`).join("; ");
  return `timed out after ${seconds}s waiting for ${what} to be Ready (${states})`;
}
function leftAfterTimeout(status) {
  if (isSettledPhase(status?.phase)) return "settledNotServing";
  if (status?.lastReadyRevision === void 0) return "firstRollout";
  return (status.readyReplicas ?? 0) > 0 ? "previousServes" : "noneServes";
}
function stillRollingOut(names, state) {
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
      const previous = one ? "its previous Ready revision has" : "their previous Ready revisions have";
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
async function warnIfNoController(client, opts, lease, signal, stillPending) {
  const graceMs = opts.advanced?.controllerGraceMs ?? CONTROLLER_GRACE_MS;
  const waited = await sleep(graceMs, true, { signal }).catch(() => false);
  const names = stillPending();
  if (!waited || names.length === 0) return;
  const presence = await checkController(client, lease, signal);
  if (presence.state === "none" && !signal.aborted)
    opts.log.warn(noControllerLine(presence.why, names.join(", ")));
}

export {
  gitMetadataFromEnv,
  gitMetadata,
  runnerOf,
  missingTargets,
  undoReport,
  notPrunedReport,
  meanwhileNote,
  locatorFor,
  deploy,
  joinFailures,
  waitAndExplain,
  timedOutWaiting,
  leftAfterTimeout,
  stillRollingOut
};
