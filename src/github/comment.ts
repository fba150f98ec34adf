// The sticky pull request comment (pure): one per cortex.yaml, found again by a hidden marker that
// names the config, and rewritten in place on every push, so a pull request carries one current
// view of its preview instead of a comment per push.

import type { UploadSummary } from "../artifacts/progress.ts";
import { cell, codeSpan, quoteBlock } from "../text/markdown.ts";
import { plural } from "../text/plural.ts";
import { endpointCell, formatBytes, formatUtc, statusText } from "./format.ts";
import type { RunningPreview } from "./preview-running.ts";
import { commitLink, type RunContext } from "./run-context.ts";
import { type ApiReport, formatReplicas } from "./run-report.ts";

/** The hidden first line; the path is URI-encoded so no path can end the HTML comment early. */
export function commentMarker(configPath: string): string {
  return `<!-- cortex-deploy:preview config=${encodeURI(configPath)} -->`;
}

export function isCommentFor(body: string | undefined, configPath: string): boolean {
  return (body ?? "").split("\n", 1)[0]?.trim() === commentMarker(configPath);
}

export interface PreviewCommentInput {
  configPath: string;
  pullRequest: number;
  namespace: string;
  headSha: string;
  apis: readonly ApiReport[];
  artifacts?: UploadSummary | undefined;
  /** When this run stamped the namespace's expiry; absent when it stopped before that. */
  expiresAt?: Date | undefined;
  previewUrl?: string | undefined;
  failure?: string | undefined;
  /**
   * With a failure: what the namespace still serves, when this run changed none of its APIs (an
   * update refused before it applied, or applied and undone). The comment keeps showing it.
   */
  running?: RunningPreview | undefined;
  ctx: Pick<RunContext, "serverUrl" | "repository" | "runUrl">;
}

function artifactsLine(a: UploadSummary | undefined): string {
  if (a === undefined || a.uploadedFiles + a.skippedFiles === 0) return "no artifacts";
  return (
    `${plural(a.uploadedFiles, "file")} uploaded (${formatBytes(a.uploadedBytes)}), ` +
    `${a.skippedFiles} already in S3`
  );
}

function footer(ctx: PreviewCommentInput["ctx"], configPath: string): string {
  const run = ctx.runUrl ? ` in [this run](${ctx.runUrl})` : "";
  return `<sub>cortex-deploy · ${codeSpan(configPath)} · updated${run}</sub>`;
}

/** One row per API; nothing for none (a run refused before it applied: no empty table). */
function apiTable(apis: readonly ApiReport[]): string[] {
  if (apis.length === 0) return [];
  return [
    "",
    "| API | kind | status | endpoint | revision | replicas |",
    "|---|---|---|---|---|---|",
    ...apis.map(
      (a) =>
        `| ${cell(a.name)} | ${a.kind} | ${statusText(a.state, a.change)} | ` +
        `${endpointCell(a.endpoint)} | ${a.revision ?? "-"} | ${formatReplicas(a.replicas)} |`,
    ),
  ];
}

const expiry = (at: Date | undefined) =>
  at ? ` · expires ${formatUtc(at)} unless pushed again` : "";

export function renderPreviewComment(input: PreviewCommentInput): string {
  const failed = input.failure !== undefined;
  if (failed && input.running) return renderFailedUpdate(input, input.running);
  const heading = failed
    ? `### ❌ Preview of #${input.pullRequest} failed`
    : `### Preview of #${input.pullRequest} is deployed`;
  const lines = [
    commentMarker(input.configPath),
    heading,
    "",
    `Namespace ${codeSpan(input.namespace)} · commit ${commitLink(input.ctx, input.headSha)} · ` +
      `artifacts: ${artifactsLine(input.artifacts)}${expiry(input.expiresAt)}`,
  ];
  if (input.previewUrl) lines.push("", `**Preview:** ${input.previewUrl}`);
  if (failed) lines.push("", quoteBlock(input.failure ?? ""));
  lines.push(...apiTable(input.apis));
  lines.push("", footer(input.ctx, input.configPath));
  return `${lines.join("\n")}\n`;
}

/** This run's commit failed to deploy, and the preview it would have replaced still serves. */
function renderFailedUpdate(input: PreviewCommentInput, running: RunningPreview): string {
  const link = (sha: string) => commitLink(input.ctx, sha);
  const serving =
    running.commits.length === 0
      ? "the preview deployed before is"
      : `the preview of ${running.commits.length === 1 ? "commit" : "commits"} ${running.commits.map(link).join(", ")} is`;
  const lines = [
    commentMarker(input.configPath),
    `### ❌ Update of the preview of #${input.pullRequest} failed`,
    "",
    `The update to commit ${link(input.headSha)} failed; ${serving} still running.`,
    "",
    quoteBlock(input.failure ?? ""),
    "",
    `Namespace ${codeSpan(input.namespace)}${expiry(running.expiresAt)}`,
  ];
  if (running.previewUrl) lines.push("", `**Preview:** ${running.previewUrl}`);
  lines.push(...apiTable(running.apis));
  lines.push("", footer(input.ctx, input.configPath));
  return `${lines.join("\n")}\n`;
}

export interface TornDownCommentInput {
  configPath: string;
  pullRequest: number;
  namespace: string;
  /** Why: "the pull request was closed" or "it expired on …". */
  reason: string;
  deleted: readonly string[];
  /** The namespace was deleted (false: other configs still use it; only our APIs went). */
  namespaceDeleted: boolean;
  lastCommit: string;
  ctx: PreviewCommentInput["ctx"];
}

export function renderTornDownComment(input: TornDownCommentInput): string {
  const what = input.namespaceDeleted
    ? `Namespace ${codeSpan(input.namespace)} and everything in it were deleted`
    : `The APIs of this config were deleted from ${codeSpan(input.namespace)} (other configs still use it)`;
  const lines = [
    commentMarker(input.configPath),
    `### Preview of #${input.pullRequest} was torn down`,
    "",
    `${what} because ${input.reason}.`,
  ];
  if (input.deleted.length > 0) {
    lines.push("", `Deleted: ${input.deleted.map((d) => codeSpan(d)).join(", ")}.`);
  }
  if (input.lastCommit) {
    lines.push("", `Last previewed commit: ${commitLink(input.ctx, input.lastCommit)}.`);
  }
  lines.push("", footer(input.ctx, input.configPath));
  return `${lines.join("\n")}\n`;
}
