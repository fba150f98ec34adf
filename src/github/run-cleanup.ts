// `command: cleanup` (schedule): delete this repository's previews whose expiry has passed (the
// TTL counts from each preview's latest push) or whose pull request GitHub says is closed (its
// teardown failed or never ran), mark their PR comments torn down and their GitHub Deployments
// inactive. With `dry-run: true` it lists what it would delete, and why, and deletes nothing.
// Outputs: expired-previews (found past expiry), closed-previews (found with their pull request
// closed) and removed-previews (deleted), JSON lists; all empty when it could not list them.
import * as core from "@actions/core";
import { withClient } from "../commands/common.ts";
import { DeployError } from "../kube/errors.ts";
import { plural } from "../text/plural.ts";
import { bestEffort, failureOf, finish, githubFor } from "./flow-common.ts";
import { formatUtc } from "./format.ts";
import type { GitHubApi } from "./github-api.ts";
import { type ActionInputs, clusterOf } from "./inputs.ts";
import type { PhaseClock } from "./phases.ts";
import { deleteNamespace, listNamespaces } from "./preview-cluster.ts";
import {
  type CleanupReason,
  type ExpiredPreview,
  previewSelector,
  previewSelectorById,
  pullRequestsToAsk,
  repositoryPreviews,
  selectForCleanup,
} from "./preview-namespace.ts";
import type { RunContext } from "./run-context.ts";
import type { RunReport } from "./run-report.ts";
import { markTornDown } from "./run-teardown.ts";

export interface CleanupEntry {
  namespace: string;
  pullRequest: number;
  expiresAt: string;
  reason: CleanupReason;
}

const entry = (p: ExpiredPreview): CleanupEntry => ({
  namespace: p.namespace,
  pullRequest: p.pullRequest,
  expiresAt: p.expiresAt,
  reason: p.reason ?? "expired",
});

/** Why, for the log and the table: "expired 2025-01-02 00:00 UTC" or "closed". */
export function why(p: ExpiredPreview): string {
  return p.reason === "closed" ? "closed" : `expired ${formatUtc(new Date(p.expiresAt))}`;
}

/** After this many failures in a row (a refused token, GitHub down) cleanup stops asking. */
const MAX_FAILURES_IN_A_ROW = 3;

/**
 * The pull requests GitHub says are closed, one GET each. Without a token, or for the pull
 * requests GitHub did not answer about, previews go by expiry alone (one warning says so).
 */
export async function closedPullRequests(
  github: GitHubApi | undefined,
  numbers: readonly number[],
): Promise<Set<number>> {
  const closed = new Set<number>();
  if (numbers.length === 0) return closed;
  if (github === undefined) {
    core.warning(
      "cleanup cannot ask GitHub whether pull requests are closed (no github-token); it deletes " +
        "only previews past their expiry.",
    );
    return closed;
  }
  const unknown: number[] = [];
  let firstError = "";
  let inARow = 0;
  for (const n of numbers) {
    if (inARow >= MAX_FAILURES_IN_A_ROW) {
      unknown.push(n);
      continue;
    }
    try {
      if ((await github.pullRequestState(n)) === "closed") closed.add(n);
      inARow = 0;
    } catch (err) {
      firstError ||= (err as Error).message;
      inARow++;
      unknown.push(n);
    }
  }
  if (unknown.length > 0) {
    core.warning(
      `GitHub did not say whether ${unknown.map((n) => `#${n}`).join(", ")} ${unknown.length === 1 ? "is" : "are"} ` +
        `still open (${firstError}); cleanup deletes only previews past their expiry for them.`,
    );
  }
  return closed;
}

/** The summary's table of previews (pure). */
export function cleanupTable(
  expired: readonly ExpiredPreview[],
  removed: ReadonlySet<string>,
  dryRun: boolean,
): string {
  if (expired.length === 0) return "No preview is past its expiry or has its pull request closed.";
  const action = (p: ExpiredPreview) =>
    dryRun
      ? "would delete (dry run)"
      : removed.has(p.namespace)
        ? "deleted"
        : "not deleted (see the log)";
  return [
    "| namespace | pull request | why | action |",
    "|---|---|---|---|",
    ...expired.map((p) => `| \`${p.namespace}\` | #${p.pullRequest} | ${why(p)} | ${action(p)} |`),
  ].join("\n");
}

const CLEANUP_OUTPUT_NAMES = ["expired-previews", "closed-previews", "removed-previews"] as const;

/**
 * The cleanup outputs, JSON lists; all empty when `expired` is undefined: cleanup stopped before
 * it could list the previews (as gc's outputs when gc failed), and `[]` would claim it found none.
 */
export function cleanupOutputs(
  expired: readonly ExpiredPreview[] | undefined,
  removed: ReadonlySet<string>,
): Record<string, string> {
  if (expired === undefined) return Object.fromEntries(CLEANUP_OUTPUT_NAMES.map((n) => [n, ""]));
  const list = (pick: (p: ExpiredPreview) => boolean) =>
    JSON.stringify(expired.filter(pick).map(entry));
  return {
    "expired-previews": list((p) => p.reason === "expired"),
    "closed-previews": list((p) => p.reason === "closed"),
    "removed-previews": list((p) => removed.has(p.namespace)),
  };
}

export async function runCleanup(
  inputs: ActionInputs,
  ctx: RunContext,
  clock: PhaseClock,
  now: Date = new Date(),
): Promise<void> {
  const report: RunReport = {
    command: "cleanup",
    title: `cortex-deploy: cleanup of expired and closed previews${inputs.dryRun ? " (dry run)" : ""}`,
    namespace: "",
    commit: ctx.sha,
    apis: [],
    phases: clock.phases,
    notes: [],
  };
  // Undefined until the previews are listed: a cleanup that stops before knows of none.
  let found: ExpiredPreview[] | undefined;
  const removed = new Set<string>();
  let github: GitHubApi | undefined;
  try {
    if (ctx.repository === "") {
      throw new DeployError(
        "cleanup needs GITHUB_REPOSITORY to know which previews are this repository's; run it in a workflow.",
      );
    }
    await withClient(clusterOf(inputs, "default"), async (client) => {
      // By name, and by id: a preview made before a rename or transfer has the old name.
      const all = await clock.time("find expired previews", async () => [
        ...(await listNamespaces(client, previewSelector(ctx.repository))),
        ...(ctx.repositoryId
          ? await listNamespaces(client, previewSelectorById(ctx.repositoryId))
          : []),
      ]);
      const previews = repositoryPreviews(
        all.map((n) => n.metadata),
        ctx.repository,
        ctx.repositoryId,
      );
      const ask = pullRequestsToAsk(previews, now);
      if (ask.length > 0) github = githubFor(inputs, ctx);
      const closed = await clock.time("ask GitHub which pull requests are closed", () =>
        closedPullRequests(github, ask),
      );
      const expired = selectForCleanup(previews, now, closed);
      found = expired;
      const count = (r: string) => expired.filter((p) => p.reason === r).length;
      core.info(
        `${plural(previews.length, "preview")} of ${ctx.repository}; ${count("expired")} past expiry at ` +
          `${now.toISOString()}, ${count("closed")} with their pull request closed`,
      );
      if (inputs.dryRun) {
        for (const p of expired)
          core.info(`would delete namespace/${p.namespace} (#${p.pullRequest}, ${why(p)})`);
        return;
      }
      await clock.time(
        "delete expired previews",
        async () => {
          for (const p of expired) {
            try {
              await deleteNamespace(client, p.namespace, p.uid);
              removed.add(p.namespace);
              core.info(`namespace/${p.namespace}: deleted (#${p.pullRequest}, ${why(p)})`);
            } catch (err) {
              core.warning(`namespace/${p.namespace}: not deleted: ${failureOf(err)}`);
            }
          }
        },
        true,
      );
    });
  } catch (err) {
    report.failure = failureOf(err);
  }
  const expired = found ?? [];
  if (expired.length > removed.size && !inputs.dryRun && report.failure === undefined) {
    report.failure = `${plural(expired.length - removed.size, "preview")} could not be deleted; see the warnings.`;
  }

  if (removed.size > 0) github ??= githubFor(inputs, ctx);
  if (github && removed.size > 0) {
    const gh = github;
    await clock.time("GitHub comments and deployments", async () => {
      for (const p of expired.filter((e) => removed.has(e.namespace))) {
        for (const configPath of Object.values(p.configs)) {
          await bestEffort(() =>
            markTornDown(gh, {
              pullRequest: p.pullRequest,
              configPath,
              namespace: p.namespace,
              reason:
                p.reason === "closed"
                  ? "the pull request was closed"
                  : `it expired on ${formatUtc(new Date(p.expiresAt))} (preview-ttl)`,
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
  // A cleanup that could not list the previews has no table: "no preview is past its expiry"
  // would be a guess. One whose deletes failed has, saying which.
  if (found !== undefined) report.notes.push(cleanupTable(found, removed, inputs.dryRun));
  await finish(report, ctx, cleanupOutputs(found, removed));
}
