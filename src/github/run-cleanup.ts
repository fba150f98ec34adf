// `command: cleanup` (schedule): delete this repository's previews whose expiry has passed (the
// TTL counts from each preview's latest push), mark their PR comments torn down and their GitHub
// Deployments inactive. With `dry-run: true` it lists what it would delete and deletes nothing.
// Outputs: expired-previews (found past expiry) and removed-previews (deleted), JSON lists.
import * as core from "@actions/core";
import { withClient } from "../commands/common.ts";
import { DeployError } from "../kube/errors.ts";
import { bestEffort, failureOf, finish, githubFor } from "./flow-common.ts";
import { formatUtc } from "./format.ts";
import type { ActionInputs } from "./inputs.ts";
import type { PhaseClock } from "./phases.ts";
import { deleteNamespace, listNamespaces } from "./preview-cluster.ts";
import { type ExpiredPreview, previewSelector, selectExpired } from "./preview-namespace.ts";
import type { RunContext } from "./run-context.ts";
import type { RunReport } from "./run-report.ts";
import { markTornDown } from "./run-teardown.ts";

export interface CleanupEntry {
  namespace: string;
  pullRequest: number;
  expiresAt: string;
}

const entry = (p: ExpiredPreview): CleanupEntry => ({
  namespace: p.namespace,
  pullRequest: p.pullRequest,
  expiresAt: p.expiresAt,
});

/** The summary's table of previews (pure). */
export function cleanupTable(
  expired: readonly ExpiredPreview[],
  removed: ReadonlySet<string>,
  dryRun: boolean,
): string {
  if (expired.length === 0) return "No preview is past its expiry.";
  const action = (p: ExpiredPreview) =>
    dryRun
      ? "would delete (dry run)"
      : removed.has(p.namespace)
        ? "deleted"
        : "not deleted (see the log)";
  return [
    "| namespace | pull request | expired | action |",
    "|---|---|---|---|",
    ...expired.map(
      (p) =>
        `| \`${p.namespace}\` | #${p.pullRequest} | ${formatUtc(new Date(p.expiresAt))} | ${action(p)} |`,
    ),
  ].join("\n");
}

export async function runCleanup(
  inputs: ActionInputs,
  ctx: RunContext,
  clock: PhaseClock,
  now: Date = new Date(),
): Promise<void> {
  const report: RunReport = {
    command: "cleanup",
    title: `cortex-deploy: cleanup of expired previews${inputs.dryRun ? " (dry run)" : ""}`,
    namespace: "",
    commit: ctx.sha,
    apis: [],
    phases: clock.phases,
    notes: [],
  };
  let expired: ExpiredPreview[] = [];
  const removed = new Set<string>();
  try {
    if (ctx.repository === "") {
      throw new DeployError(
        "cleanup needs GITHUB_REPOSITORY to know which previews are this repository's; run it in a workflow.",
      );
    }
    await withClient(
      { namespace: "default", kubeconfig: inputs.kubeconfig || undefined },
      async (client) => {
        const all = await clock.time("find expired previews", () =>
          listNamespaces(client, previewSelector(ctx.repository)),
        );
        expired = selectExpired(
          all.map((n) => n.metadata),
          ctx.repository,
          now,
        );
        core.info(
          `${all.length} preview(s) of ${ctx.repository}; ${expired.length} past expiry at ${now.toISOString()}`,
        );
        if (inputs.dryRun) {
          for (const p of expired)
            core.info(
              `would delete namespace/${p.namespace} (#${p.pullRequest}, expired ${p.expiresAt})`,
            );
          return;
        }
        await clock.time(
          "delete expired previews",
          async () => {
            for (const p of expired) {
              try {
                await deleteNamespace(client, p.namespace, p.uid);
                removed.add(p.namespace);
                core.info(
                  `namespace/${p.namespace}: deleted (#${p.pullRequest}, expired ${p.expiresAt})`,
                );
              } catch (err) {
                core.warning(`namespace/${p.namespace}: not deleted: ${failureOf(err)}`);
              }
            }
          },
          true,
        );
      },
    );
  } catch (err) {
    report.failure = failureOf(err);
  }
  if (expired.length > removed.size && !inputs.dryRun && report.failure === undefined) {
    report.failure = `${expired.length - removed.size} expired preview(s) could not be deleted; see the warnings.`;
  }

  const github = removed.size > 0 ? githubFor(inputs, ctx) : undefined;
  if (github) {
    await clock.time("GitHub comments and deployments", async () => {
      for (const p of expired.filter((e) => removed.has(e.namespace))) {
        for (const configPath of Object.values(p.configs)) {
          await bestEffort(() =>
            markTornDown(github, {
              pullRequest: p.pullRequest,
              configPath,
              namespace: p.namespace,
              reason: `it expired on ${formatUtc(new Date(p.expiresAt))} (preview-ttl)`,
              deleted: [],
              namespaceDeleted: true,
              lastCommit: "",
              ctx,
            }),
          );
        }
      }
    });
  }
  report.notes.push(cleanupTable(expired, removed, inputs.dryRun));
  await finish(report, ctx, {
    "expired-previews": JSON.stringify(expired.map(entry)),
    "removed-previews": JSON.stringify(expired.filter((p) => removed.has(p.namespace)).map(entry)),
  });
}
