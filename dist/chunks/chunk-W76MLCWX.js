import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  listRevisions,
  pickRevision
} from "./chunk-RDCSYLMP.js";
import {
  waitAndExplain
} from "./chunk-QB3N5LLC.js";
import {
  decideAction
} from "./chunk-OJ5DXWPU.js";
import {
  applyChanges
} from "./chunk-R7UXBKNO.js";
import {
  getResource,
  splitterHasNoRevisions
} from "./chunk-E5ZOTLEY.js";
import {
  buildRealtimeApi,
  refOf,
  standardLabels
} from "./chunk-2UFWVGAS.js";
import {
  withClient
} from "./chunk-SJAQIIRH.js";
import {
  DeployError,
  describeKubeError,
  isNotFound
} from "./chunk-65QILXQ2.js";
import {
  ANNOTATIONS,
  LABELS,
  MANAGED_BY
} from "./chunk-PUABCNCY.js";

// src/commands/rollback.ts
async function findTarget(client, opts, name) {
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
  const revisions = await listRevisions(client, opts.namespace, name, live.metadata.uid);
  const pick = pickRevision(revisions, opts.to, live.status?.currentRevision);
  if (!pick.ok) return `${name}: cannot roll back to '${opts.to}': ${pick.message}`;
  const ref = pick.revision.spec.artifacts;
  if (ref) {
    const { checkManifest } = await import("./manifest-check-UA6IYQPY.js");
    const check = await checkManifest(ref, { endpoint: opts.s3Endpoint, region: opts.region });
    if (!check.ok)
      return `${name}: cannot roll back to revision ${pick.revision.number}: ${check.message}`;
  }
  return { live, revision: pick.revision };
}
async function rollback(opts) {
  if (opts.names.length === 0) throw new DeployError("name the API(s) to roll back");
  return withClient(opts, async (client) => {
    const found = await Promise.all(opts.names.map((n) => findTarget(client, opts, n)));
    const problems = found.filter((f) => typeof f === "string");
    if (problems.length > 0) throw new DeployError(`${problems.join("\n")}
Nothing was changed.`);
    const targets = found;
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
        configPath: live.metadata.annotations?.[ANNOTATIONS.configPath]
      });
      return decideAction(resource, live);
    });
    const toWrite = changes.filter((c) => c.action !== "unchanged");
    if (toWrite.length > 0) {
      const describe = (o) => describeKubeError(o.error, refOf(o.change.resource));
      const dry = await applyChanges(client, toWrite, { dryRun: true, force: opts.forceConflicts });
      const refused = dry.filter((o) => o.error !== void 0);
      if (refused.length > 0) {
        throw new DeployError(`${refused.map(describe).join("\n")}
Nothing was changed.`);
      }
      const outcomes = await applyChanges(client, toWrite, { force: opts.forceConflicts });
      const failed = outcomes.filter((o) => o.error !== void 0);
      if (failed.length > 0) throw new DeployError(failed.map(describe).join("\n"));
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
        target: revision.number
      };
    });
    const result = { namespace: opts.namespace, apis };
    if (opts.wait) result.failure = await waitAndExplain(client, opts, apis);
    return result;
  });
}

export {
  rollback
};
