// `command: teardown` (pull_request closed): delete what this pull request's preview created and
// nothing else: the namespace it labelled, or, when other configs still deploy into it, only this
// config's APIs. Then the PR comment says so and the GitHub Deployments become inactive. A close
// whose pull request GitHub says is open again (a re-run after a reopen) deletes nothing.
// cortex.yaml is not needed (a closed pull request may have deleted or broken it).
import { existsSync } from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import { withClient } from "../commands/common.ts";
import { deleteApis } from "../commands/delete.ts";
import { readLive } from "../kube/apply.ts";
import type { KubeClient } from "../kube/client.ts";
import {
  type ConfigIdentity,
  configIdentity,
  configIdForPath,
  repositoryName,
} from "../kube/config-id.ts";
import { DeployError } from "../kube/errors.ts";
import type { Live } from "../kube/objects.ts";
import { plural } from "../text/plural.ts";
import { renderTornDownComment } from "./comment.ts";
import { actionReporter } from "./deploy-and-report.ts";
import { bestEffort, failureOf, finish, githubFor } from "./flow-common.ts";
import type { GitHubApi } from "./github-api.ts";
import { type ActionInputs, clusterOf } from "./inputs.ts";
import type { PhaseClock } from "./phases.ts";
import {
  deleteNamespace,
  readNamespace,
  releaseConfig,
  waitNamespaceGone,
} from "./preview-cluster.ts";
import { checkOwnership, previewEnvironment, previewNamespaceName } from "./preview-namespace.ts";
import { pullRequestFromPayload } from "./pull-request.ts";
import { failBeforeChanges } from "./report.ts";
import type { RunContext } from "./run-context.ts";
import type { EventInput } from "./run-preview.ts";
import type { ApiReport, RunReport } from "./run-report.ts";

/**
 * The config's identity. Without a checkout only the input's path relative to the workspace is
 * known, while the preview hashed the path from the git root, which differs when the checkout
 * went into a subfolder (`path: repo`). So the namespace's recorded configs are asked first: the
 * one whose repository-relative path is the input's path or its longest trailing part.
 */
export function teardownIdentity(
  configFile: string,
  workspace: string,
  env: NodeJS.ProcessEnv = process.env,
  recorded: Readonly<Record<string, string>> = {},
): ConfigIdentity {
  const absolute = path.resolve(workspace, configFile);
  if (existsSync(absolute)) {
    const own = configIdentity(absolute, undefined, env);
    // The id hashes the repository's name: a preview made before a rename or transfer recorded
    // this same file under the old name's id. The namespace is this repository's (checked by
    // id), so the recorded config of the same path is this one.
    if (own.id in recorded) return own;
    const same = Object.entries(recorded).find(([, p]) => p === own.path);
    return same ? { id: same[0], path: own.path } : own;
  }
  const relative = path.relative(workspace, absolute).split(path.sep).join("/");
  const match = Object.entries(recorded)
    .filter(([, p]) => relative === p || relative.endsWith(`/${p}`))
    .sort(([, a], [, b]) => b.length - a.length)[0];
  if (match) return { id: match[0], path: match[1] };
  return { id: configIdForPath(relative, repositoryName(workspace, env)), path: relative };
}

async function liveApis(client: KubeClient, namespace: string): Promise<Live[]> {
  // No CRDs (never deployed) or no namespace: nothing of ours to list.
  return readLive(client, namespace).catch(() => []);
}

function deletedRow(o: Live): ApiReport {
  return {
    name: o.metadata.name,
    kind: o.kind,
    action: "delete",
    change: "deleted",
    endpoint: o.spec.networking.endpoint,
  };
}

/** Marks this config's comment torn down (when there is one) and its Deployments inactive. */
export async function markTornDown(
  github: GitHubApi,
  opts: {
    pullRequest: number;
    configPath: string;
    namespace: string;
    reason: string;
    deleted: readonly string[];
    namespaceDeleted: boolean;
    lastCommit: string;
    ctx: RunContext;
  },
): Promise<void> {
  const existing = await bestEffort(() => github.findComment(opts.pullRequest, opts.configPath));
  if (existing) {
    const body = renderTornDownComment({ ...opts });
    await bestEffort(() => github.upsertComment(opts.pullRequest, opts.configPath, body));
  }
  const environment = previewEnvironment(opts.pullRequest, opts.configPath);
  const ids = (await bestEffort(() => github.listDeployments(environment))) ?? [];
  for (const id of ids) {
    await bestEffort(() =>
      github.setDeploymentStatus(id, {
        state: "inactive",
        description: `torn down: ${opts.reason}`,
        logUrl: opts.ctx.runUrl,
      }),
    );
  }
}

/** The run is for a close (not a teardown a workflow asks for on another event, e.g. a label). */
function closeEvent(event: EventInput): boolean {
  const payload = event.payload as { action?: unknown } | null;
  return payload?.action === "closed";
}

/**
 * Whether GitHub says the pull request is open again: a re-run of the close event's run after a
 * reopen must not delete the reopened preview. When GitHub cannot be asked, the teardown goes on:
 * a teardown that does not happen leaves the preview's pods running (and billed) until cleanup's
 * TTL, while one that deletes a reopened preview costs only a redeploy on its next push.
 */
async function reopened(github: GitHubApi, pullRequest: number): Promise<boolean> {
  try {
    return (await github.pullRequestState(pullRequest)) === "open";
  } catch (err) {
    core.warning(
      `${(err as Error).message}; tearing the preview down without knowing whether #${pullRequest} was reopened.`,
    );
    return false;
  }
}

export async function runTeardown(
  inputs: ActionInputs,
  event: EventInput,
  ctx: RunContext,
  clock: PhaseClock,
): Promise<void> {
  const parsed = pullRequestFromPayload(event.payload, event.name);
  if (!parsed.ok) {
    await failBeforeChanges(parsed.message);
    return;
  }
  const pr = parsed.pullRequest;
  const namespace = previewNamespaceName(inputs.namespace, pr.number);
  const report: RunReport = {
    command: "teardown",
    title: `cortex-deploy: teardown of #${pr.number}`,
    namespace,
    commit: pr.headSha,
    apis: [],
    phases: clock.phases,
    notes: [],
  };
  if (pr.fromFork && !inputs.allowForkPreviews) {
    // No preview was made, so there is nothing to delete; the credentials are not even needed.
    report.notes.push(`#${pr.number} comes from a fork and got no preview; nothing to tear down.`);
    core.info(report.notes[0] ?? "");
    await finish(report, ctx);
    return;
  }
  const github = githubFor(inputs, ctx);
  if (github && closeEvent(event) && (await reopened(github, pr.number))) {
    const message =
      `Pull request #${pr.number} is open again (reopened after the close this run is for): ` +
      "nothing was deleted, and the preview and its comment stay. Closing it again tears them down.";
    core.warning(message, { title: "cortex-deploy: pull request reopened" });
    report.title = `cortex-deploy: no teardown of #${pr.number} (reopened)`;
    report.notes.push(message);
    await finish(report, ctx);
    return;
  }
  let identity = teardownIdentity(inputs.config, ctx.workspace);
  let namespaceDeleted = false;
  let lastCommit = pr.headSha;
  try {
    await withClient(clusterOf(inputs, namespace), async (client) => {
      const ns = await readNamespace(client, namespace);
      if (ns === undefined) {
        report.notes.push(
          `Namespace \`${namespace}\` does not exist (already torn down, or never deployed).`,
        );
        core.info(`namespace/${namespace}: not found; nothing to delete`);
        namespaceDeleted = true;
        return;
      }
      const owned = checkOwnership(ns.metadata, ctx.repository, pr.number, ctx.repositoryId);
      if (!owned.ok) throw new DeployError(owned.message);
      const marks = owned.marks;
      if (marks && marks.repository !== ctx.repository) {
        core.info(
          `namespace/${namespace}: made as ${marks.repository}'s preview; the same repository ` +
            `(id ${ctx.repositoryId}), renamed or transferred, so it is torn down`,
        );
      }
      lastCommit = marks?.headSha || lastCommit;
      identity = teardownIdentity(inputs.config, ctx.workspace, process.env, marks?.configs);
      const others = Object.keys(marks?.configs ?? {}).filter((id) => id !== identity.id);
      if (others.length > 0) {
        // Other configs deploy into this namespace too: remove only ours.
        const deleted = await clock.time("delete APIs", () =>
          deleteApis({
            client,
            namespace,
            configFile: inputs.config,
            configId: identity.id,
            names: [],
            all: true,
            log: actionReporter,
          }),
        );
        await releaseConfig(client, ns, marks?.configs ?? {}, identity.id);
        report.apis = deleted.map((ref) => {
          const [kind = "", name = ""] = ref.split("/");
          return {
            name,
            kind: kind === "trafficsplitter" ? "TrafficSplitter" : "RealtimeAPI",
            action: "delete",
            change: "deleted",
            endpoint: "",
          };
        });
        report.notes.push(
          `Namespace \`${namespace}\` is kept: ${plural(others.length, "other config")} still ${others.length === 1 ? "deploys" : "deploy"} into it.`,
        );
        return;
      }
      report.apis = (await liveApis(client, namespace)).map(deletedRow);
      await clock.time(
        "delete namespace",
        async () => {
          await deleteNamespace(client, namespace, ns.metadata.uid);
          core.info(`namespace/${namespace}: deleting`);
          if (!inputs.wait) return;
          if (await waitNamespaceGone(client, namespace, inputs.timeoutSeconds)) {
            core.info(`namespace/${namespace}: deleted`);
          } else {
            core.warning(
              `namespace/${namespace} is still terminating after ${inputs.timeoutSeconds}s; ` +
                "Kubernetes finishes deleting it on its own.",
            );
          }
        },
        true,
      );
      namespaceDeleted = true;
    });
  } catch (err) {
    report.failure = failureOf(err);
  }

  if (github && report.failure === undefined) {
    await clock.time("GitHub comment and deployment", () =>
      markTornDown(github, {
        pullRequest: pr.number,
        configPath: identity.path,
        namespace,
        reason: "the pull request was closed",
        deleted: report.apis.map((a) => `${a.kind.toLowerCase()}/${a.name}`),
        namespaceDeleted,
        lastCommit,
        ctx,
      }),
    );
  }
  await finish(report, ctx);
}
