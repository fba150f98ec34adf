// What a preview namespace serves now, read from its objects, so the PR comment of a failed update
// still shows the preview that runs instead of dropping it. The objects are the source rather
// than the previous comment: they are what serves, an update that was refused (or applied and
// undone) leaves them as they were, and each carries the commit it was deployed from.
import { endpointUrl } from "../commands/action-steps.ts";
import { statusRow } from "../commands/status.ts";
import { readLive } from "../kube/apply.ts";
import { belongsToConfig } from "../kube/changes.ts";
import type { KubeClient } from "../kube/client.ts";
import type { Live } from "../kube/objects.ts";
import { progressOf } from "../kube/readiness.ts";
import { ANNOTATIONS } from "../kube/resource.ts";
import { isTerminating, readNamespace } from "./preview-cluster.ts";
import { checkOwnership } from "./preview-namespace.ts";
import type { ApiReport } from "./run-report.ts";

export interface RunningPreview {
  /** The commits its APIs were deployed from: one, unless an update was only partly undone. */
  commits: string[];
  apis: ApiReport[];
  /** The first API's URL, with endpoint-url-template; else "". */
  previewUrl: string;
  expiresAt?: Date | undefined;
}

function runningRow(o: Live, namespace: string, template: string): ApiReport {
  const row = statusRow(o);
  const bounds =
    o.kind === "RealtimeAPI"
      ? { min: o.spec.autoscaling.min_replicas, max: o.spec.autoscaling.max_replicas }
      : undefined;
  const counts =
    row.ready !== undefined || row.requested !== undefined
      ? { ready: row.ready, desired: row.requested }
      : undefined;
  return {
    name: o.metadata.name,
    kind: o.kind,
    action: "unchanged",
    change: "running",
    state: progressOf(o).state,
    revision: row.revision,
    replicas: bounds || counts ? { ...bounds, ...counts } : undefined,
    endpoint: endpointUrl(template, {
      namespace,
      name: o.metadata.name,
      endpoint: o.spec.networking.endpoint,
    }),
  };
}

/** The config's APIs among the namespace's objects, or undefined when it has none (pure). */
export function runningPreview(
  live: readonly Live[],
  configId: string,
  namespace: string,
  template: string,
): RunningPreview | undefined {
  const ours = live
    .filter((o) => belongsToConfig(o, configId))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name));
  if (ours.length === 0) return undefined;
  const count = new Map<string, number>();
  for (const o of ours) {
    const commit = o.metadata.annotations?.[ANNOTATIONS.commit] ?? "";
    if (commit) count.set(commit, (count.get(commit) ?? 0) + 1);
  }
  const commits = [...count].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const apis = ours.map((o) => runningRow(o, namespace, template));
  return { commits, apis, previewUrl: template ? (apis[0]?.endpoint ?? "") : "" };
}

/**
 * What this pull request's preview namespace runs for the config, or undefined: no such
 * namespace, not this preview's (never shown), being deleted, or none of the config's APIs.
 */
export async function readRunningPreview(
  client: KubeClient,
  opts: {
    namespace: string;
    repository: string;
    repositoryId: string;
    pullRequest: number;
    configId: string;
    template: string;
  },
): Promise<RunningPreview | undefined> {
  const ns = await readNamespace(client, opts.namespace);
  if (ns === undefined || isTerminating(ns)) return undefined;
  const owned = checkOwnership(ns.metadata, opts.repository, opts.pullRequest, opts.repositoryId);
  if (!owned.ok) return undefined;
  const running = runningPreview(
    await readLive(client, opts.namespace),
    opts.configId,
    opts.namespace,
    opts.template,
  );
  return running && { ...running, expiresAt: owned.marks?.expiresAt };
}
