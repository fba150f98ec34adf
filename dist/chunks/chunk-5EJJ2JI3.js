import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  isPrevious,
  listRevisions,
  pickRevision,
  untouchedByLastDeploy
} from "./chunk-FNGN2WSP.js";
import {
  runnerOf,
  undoReport,
  waitAndExplain
} from "./chunk-OGNQYPIA.js";
import {
  interrupted
} from "./chunk-EQ45TEFW.js";
import {
  decideAction
} from "./chunk-XYJMAW5Z.js";
import {
  applyChanges,
  undoApplies
} from "./chunk-BSK7IOA7.js";
import {
  getResource,
  splitterHasNoRevisions
} from "./chunk-5JMQ7LUJ.js";
import {
  buildRealtimeApi,
  refOf,
  standardLabels
} from "./chunk-LT4LYPIC.js";
import {
  withClient
} from "./chunk-ZF2MBM3L.js";
import {
  DeployError,
  describeKubeError
} from "./chunk-FZVE6M4T.js";
import {
  isNotFound
} from "./chunk-6XWRUFJL.js";
import {
  ANNOTATIONS,
  LABELS,
  MANAGED_BY
} from "./chunk-332YSSNY.js";

// src/commands/rollback.ts
async function load(client, opts, name) {
  let live;
  try {
    live = await getResource(client, "RealtimeAPI", opts.namespace, name);
  } catch (err) {
    if (isNotFound(err))
      return await splitterHasNoRevisions(client, opts.namespace, name) ?? `${name}: no RealtimeAPI of that name in namespace ${opts.namespace}`;
    throw err;
  }
  if (live.metadata.labels?.[LABELS.managedBy] !== MANAGED_BY) {
    return `${name}: was not deployed by cortex-deploy; not rolling it back`;
  }
  return { live, revisions: await listRevisions(client, opts.namespace, name, live.metadata.uid) };
}
async function artifactsProblem(opts, target) {
  const ref = target.revision.spec.artifacts;
  if (!ref) return void 0;
  const { checkManifest } = await import("./manifest-check-2B73VPDY.js");
  const check = await checkManifest(ref, { endpoint: opts.s3Endpoint, region: opts.region });
  if (check.ok) return void 0;
  return `${target.live.metadata.name}: cannot roll back to revision ${target.revision.number}: ${check.message}`;
}
function chooseTargets(apis, to) {
  const several = isPrevious(to) && apis.length > 1;
  const left = several ? untouchedByLastDeploy(
    apis.map(({ live, revisions }) => ({
      name: live.metadata.name,
      commit: live.metadata.annotations?.[ANNOTATIONS.commit],
      current: live.status?.currentRevision,
      revisions
    }))
  ) : /* @__PURE__ */ new Map();
  const targets = [];
  const problems = [];
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
async function rollback(opts) {
  if (opts.names.length === 0) throw new DeployError("name the API(s) to roll back");
  return withClient(opts, async (client) => {
    const found = await Promise.all(opts.names.map((n) => load(client, opts, n)));
    const missing = found.filter((f) => typeof f === "string");
    if (missing.length > 0) throw new DeployError(`${missing.join("\n")}
Nothing was changed.`);
    const loaded = found;
    const { targets, left, problems } = chooseTargets(loaded, opts.to);
    const artifactProblems = await Promise.all(targets.map((t) => artifactsProblem(opts, t)));
    problems.push(...artifactProblems.filter((p) => p !== void 0));
    if (problems.length > 0) throw new DeployError(`${problems.join("\n")}
Nothing was changed.`);
    if (targets.length === 0) {
      const why = [...left].map(([name, reason]) => `${name}: ${reason}`).join("\n");
      throw new DeployError(`nothing to roll back to 'previous':
${why}
Nothing was changed.`);
    }
    const by = opts.by ?? await runnerOf(process.cwd(), process.env);
    const changes = targets.map(({ live, revision }) => {
      const name = live.metadata.name;
      const notes = {
        commit: revision.commit,
        ref: revision.ref,
        runUrl: revision.runUrl,
        actor: revision.actor
      };
      const resource = buildRealtimeApi({
        name,
        namespace: opts.namespace,
        spec: revision.spec,
        labels: standardLabels(name, live.metadata.labels?.[LABELS.config] ?? ""),
        git: notes,
        configPath: live.metadata.annotations?.[ANNOTATIONS.configPath],
        // The notes say which code runs; the mark says that a rollback put it there.
        rollback: { revision: revision.number, ...by }
      });
      return decideAction(resource, live);
    });
    const toWrite = changes.filter((c) => c.action !== "unchanged");
    const generations = /* @__PURE__ */ new Map();
    if (toWrite.length > 0) {
      const describe = (o) => describeKubeError(o.error, refOf(o.change.resource));
      const dry = await applyChanges(client, toWrite, { dryRun: true, force: opts.forceConflicts });
      const refused = dry.filter((o) => o.error !== void 0);
      if (refused.length > 0) {
        throw new DeployError(`${refused.map(describe).join("\n")}
Nothing was changed.`);
      }
      const stopped = interrupted(opts.signal, "nothing was changed");
      if (stopped) throw stopped;
      const outcomes = await applyChanges(client, toWrite, { force: opts.forceConflicts });
      const failed = outcomes.filter((o) => o.error !== void 0);
      if (failed.length > 0) {
        const undone = await undoApplies(
          client,
          outcomes.filter((o) => o.error === void 0)
        );
        throw new DeployError([...failed.map(describe), undoReport(undone)].join("\n"));
      }
      for (const o of outcomes)
        generations.set(o.change.resource.metadata.name, o.result?.metadata.generation);
    }
    const apis = targets.map(({ live, revision }, i) => {
      const action = changes[i]?.action ?? "update";
      opts.log.info(
        action === "unchanged" ? `${refOf(live)}: already runs the spec of revision ${revision.number}` : `${refOf(live)}: re-applied the spec of revision ${revision.number}` + (revision.commit ? ` (commit ${revision.commit.slice(0, 12)})` : "")
      );
      return {
        name: live.metadata.name,
        kind: "RealtimeAPI",
        action,
        endpoint: revision.spec.networking.endpoint,
        // A re-applied spec gets the newest number from the controller (revision N is renamed),
        // so the number is known only once the controller has seen it: the wait reads it.
        revision: action === "unchanged" ? revision.number : void 0,
        generation: action === "unchanged" ? live.metadata.generation : generations.get(live.metadata.name),
        target: revision.number
      };
    });
    for (const { live } of loaded) {
      const reason = left.get(live.metadata.name);
      if (reason === void 0) continue;
      const current = live.status?.currentRevision;
      opts.log.info(
        `${refOf(live)}: left as it is${current === void 0 ? "" : ` at revision ${current}`}: ${reason}`
      );
      apis.push({
        name: live.metadata.name,
        kind: "RealtimeAPI",
        action: "unchanged",
        endpoint: live.spec.networking.endpoint,
        revision: current,
        generation: live.metadata.generation,
        target: current,
        left: reason
      });
    }
    const order = (a) => opts.names.indexOf(a.name);
    apis.sort((a, b) => order(a) - order(b));
    const result = { namespace: opts.namespace, apis };
    if (opts.wait) result.failure = await waitAndExplain(client, opts, apis);
    return result;
  });
}

export {
  rollback
};
