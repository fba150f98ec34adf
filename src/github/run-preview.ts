// `command: preview` (pull_request opened / synchronize / reopened): deploy the pull request's
// cortex.yaml into its own namespace `<namespace>-pr-<N>` with small replica counts, then keep one
// PR comment and a GitHub Deployment current. Fork pull requests are refused unless allowed.
import * as core from "@actions/core";
import { withClient } from "../commands/common.ts";
import type { CortexConfig } from "../config/index.ts";
import { configIdentity } from "../kube/config-id.ts";
import { DeployError } from "../kube/errors.ts";
import { gitMetadataFromEnv } from "../kube/git-meta.ts";
import { checkCheckout, readCheckout } from "./checkout-head.ts";
import { renderPreviewComment } from "./comment.ts";
import { deployAndReport } from "./deploy-and-report.ts";
import { bestEffort, failureOf, finish, githubFor } from "./flow-common.ts";
import type { GitHubApi, PullRequestNow } from "./github-api.ts";
import { type ActionInputs, clusterOf } from "./inputs.ts";
import type { PhaseClock } from "./phases.ts";
import {
  claimPreviewNamespace,
  isTerminating,
  readNamespace,
  stillDeleting,
} from "./preview-cluster.ts";
import { checkPreviewCompute, computeRefusal, describeLimits } from "./preview-compute.ts";
import {
  checkOwnership,
  expiryFrom,
  previewEnvironment,
  previewNamespaceName,
} from "./preview-namespace.ts";
import { describeCap, previewConfig } from "./preview-replicas.ts";
import { type RunningPreview, readRunningPreview } from "./preview-running.ts";
import { copyArtifactsSecret, describeSecretCopy } from "./preview-secret.ts";
import {
  closedMessage,
  forkRefusalMessage,
  headMoved,
  type PullRequestInfo,
  pullRequestFromPayload,
  supersededMessage,
} from "./pull-request.ts";
import { annotateConfigErrors, failBeforeChanges } from "./report.ts";
import type { RunContext } from "./run-context.ts";
import type { RunReport } from "./run-report.ts";

export interface EventInput {
  name: string;
  payload: unknown;
}

/**
 * Thrown before the first write when GitHub says the pull request is closed, or at another head
 * commit than this run's: what this run would deploy is no longer wanted.
 */
export class NotWanted extends Error {
  constructor(
    /** The job summary's heading. */
    readonly title: string,
    /** The annotation's title. */
    readonly annotationTitle: string,
    message: string,
    /** A notice when nothing was started; a warning when the run had begun (its upload). */
    readonly level: "notice" | "warning" = "warning",
  ) {
    super(message);
  }
}

/**
 * The pull request as GitHub has it now: a run may be a re-run of an old event, its teardown may
 * have finished while it uploaded, or a newer commit may have been pushed. A failed question is a
 * warning, and the preview goes on as if open at this run's commit.
 */
export async function askPullRequest(
  github: GitHubApi,
  pullRequest: number,
): Promise<PullRequestNow | undefined> {
  try {
    return await github.pullRequestNow(pullRequest);
  } catch (err) {
    core.warning(
      `${(err as Error).message}; deploying the preview without knowing whether #${pullRequest} is still open and at this run's commit.`,
    );
    return undefined;
  }
}

/**
 * Why the run must deploy nothing, or undefined. Asked before the upload (a re-run after the
 * close, or of an older head, then writes nothing at all) and again before the first write to
 * the cluster (a close or a push may have happened during the upload).
 */
export function notWanted(
  pr: Pick<PullRequestInfo, "number" | "headSha">,
  now: PullRequestNow | undefined,
  when: "before upload" | "before write",
): NotWanted | undefined {
  if (now === undefined) return undefined;
  if (now.state === "closed") {
    const title = `cortex-deploy: no preview of #${pr.number} (closed)`;
    return when === "before upload"
      ? new NotWanted(
          title,
          "cortex-deploy: pull request closed",
          closedMessage(pr.number, pr.headSha),
          "notice",
        )
      : new NotWanted(
          title,
          "cortex-deploy: pull request closed",
          `PR #${pr.number} was closed while this run uploaded; no preview deployed.`,
        );
  }
  if (!headMoved(pr.headSha, now.headSha)) return undefined;
  return new NotWanted(
    `cortex-deploy: no preview of #${pr.number} (superseded by ${now.headSha.slice(0, 7)})`,
    "cortex-deploy: pull request moved on",
    supersededMessage(pr.number, pr.headSha, now.headSha),
  );
}

export async function runPreview(
  inputs: ActionInputs,
  config: CortexConfig,
  event: EventInput,
  ctx: RunContext,
  clock: PhaseClock,
  now: Date = new Date(),
): Promise<void> {
  const parsed = pullRequestFromPayload(event.payload, event.name);
  if (!parsed.ok) {
    await failBeforeChanges(parsed.message);
    return;
  }
  const pr = parsed.pullRequest;
  const report: RunReport = {
    command: "preview",
    title: `cortex-deploy: preview of #${pr.number}`,
    namespace: "",
    commit: pr.headSha,
    apis: [],
    phases: clock.phases,
    notes: [],
  };
  if (pr.fromFork && !inputs.allowForkPreviews) {
    const message = forkRefusalMessage(pr);
    core.warning(message, { title: "cortex-deploy: no preview for a fork" });
    report.title = `cortex-deploy: no preview of #${pr.number} (fork)`;
    report.notes.push(message);
    await finish(report, ctx);
    return;
  }
  if (event.name === "pull_request_target") {
    const check = checkCheckout(pr.headSha, await readCheckout(config.dir), config.dir);
    if (!check.ok) {
      await failBeforeChanges(check.message);
      return;
    }
    if (check.warning) core.warning(check.warning);
  }

  const namespace = previewNamespaceName(inputs.namespace, pr.number);
  report.namespace = namespace;
  const identity = configIdentity(config.file, inputs.configId);
  const environment = previewEnvironment(pr.number, identity.path);
  const expiresAt = expiryFrom(now, inputs.previewTtlSeconds);
  core.info(`preview of #${pr.number} (${pr.headSha.slice(0, 12)}) → namespace ${namespace}`);

  const github = githubFor(inputs, ctx);
  // The run may be for a closed pull request or an earlier head (a re-run of an old run): it then
  // touches nothing, not S3, the cluster, the comment or a Deployment. Asked again before the
  // first write (below), for a close or a push that happens while this run uploads.
  const early = github
    ? notWanted(pr, await askPullRequest(github, pr.number), "before upload")
    : undefined;
  if (early) {
    await skip(early, report, ctx);
    return;
  }
  // Whether this run wrote the namespace's expiry: the comment names it only then.
  let stamped = false;
  // The PR comment (and the Deployment's last status), then the outputs and the job summary.
  const publish = async (deploymentId: number | undefined): Promise<void> => {
    report.previewUrl = inputs.endpointUrlTemplate ? (report.apis[0]?.endpoint ?? "") : "";
    // A failure before any API was written (refused, or applied and undone) leaves the earlier
    // preview serving: the comment and the summary keep showing it.
    const running =
      report.failure !== undefined && report.apis.length === 0
        ? await stillRunning(inputs, ctx, pr.number, namespace, identity.id)
        : undefined;
    if (running) {
      const commits = running.commits.map((c) => c.slice(0, 7)).join(", ") || "an earlier commit";
      report.notes.push(
        `The preview of ${commits} is still running${running.previewUrl ? ` at ${running.previewUrl}` : ""}.`,
      );
    }
    if (github) {
      await clock.time("GitHub comment", async () => {
        const body = renderPreviewComment({
          configPath: identity.path,
          pullRequest: pr.number,
          namespace,
          headSha: pr.headSha,
          apis: report.apis,
          artifacts: report.artifacts,
          expiresAt: stamped ? expiresAt : undefined,
          previewUrl: report.previewUrl,
          failure: report.failure,
          running,
          ctx,
        });
        const comment = await bestEffort(() =>
          github.upsertComment(pr.number, identity.path, body),
        );
        if (comment)
          core.info(`PR comment ${comment.id}: ${comment.created ? "created" : "updated"}`);
        if (deploymentId !== undefined) {
          await bestEffort(() =>
            github.setDeploymentStatus(deploymentId, {
              state: report.failure === undefined ? "success" : "failure",
              description:
                report.failure === undefined ? `deployed to ${namespace}` : report.failure,
              environmentUrl: report.previewUrl,
              logUrl: ctx.runUrl,
            }),
          );
        }
      });
    }
    await finish(report, ctx);
  };

  // Pods too big for a preview: refused before the Deployment, the namespace and the upload.
  const tooBig = checkPreviewCompute(config, inputs.previewMaxCompute);
  if (tooBig.length > 0) {
    annotateConfigErrors(tooBig, ctx.workspace);
    report.failure = computeRefusal(config.file, tooBig);
    await publish(undefined);
    return;
  }
  if (inputs.previewMaxCompute.length > 0) {
    core.info(
      `every container is within preview-max-compute (${describeLimits(inputs.previewMaxCompute)})`,
    );
  }

  const { config: small, capped } = previewConfig(config, inputs.previewReplicas);
  for (const c of capped) core.info(describeCap(c));
  if (capped.length > 0) {
    report.notes.push(
      `Replicas capped for the preview: ${capped.map((c) => `${c.name} ${c.to.min}–${c.to.max}`).join(", ")} ` +
        "(`preview-replicas` input; `config` keeps cortex.yaml's).",
    );
  }

  const deploymentId = github
    ? await clock.time("GitHub deployment", () =>
        bestEffort(async () => {
          const id = await github.createDeployment({
            ref: pr.headSha || ctx.sha,
            environment,
            description: `cortex-deploy preview of #${pr.number} in ${namespace}`,
            payload: { namespace, config: identity.path },
          });
          await github.setDeploymentStatus(id, {
            state: "in_progress",
            description: `deploying to ${namespace}`,
            logUrl: ctx.runUrl,
          });
          return id;
        }),
      )
    : undefined;

  let skipped: NotWanted | undefined;
  try {
    await withClient(clusterOf(inputs, namespace), async (client) => {
      // Read only: a namespace that is not this preview is refused before the upload. Nothing is
      // written to the cluster until the upload is done and the pull request is known open.
      await clock.time("namespace", async () => {
        const live = await readNamespace(client, namespace);
        const owned = checkOwnership(live?.metadata, ctx.repository, pr.number, ctx.repositoryId);
        if (!owned.ok) throw new DeployError(owned.message);
        if (live && isTerminating(live)) throw new DeployError(stillDeleting(namespace));
      });
      const prepareNamespace = async (): Promise<boolean> => {
        const late =
          github && notWanted(pr, await askPullRequest(github, pr.number), "before write");
        if (late) throw late;
        const created = await claimPreviewNamespace(client, {
          namespace,
          repository: ctx.repository,
          repositoryId: ctx.repositoryId,
          pullRequest: pr.number,
          headSha: pr.headSha,
          expiresAt,
          runUrl: ctx.runUrl,
          configId: identity.id,
          configPath: identity.path,
        });
        stamped = true;
        core.info(
          `namespace/${namespace}: ${created ? "created" : "labels refreshed"} (expires ${expiresAt.toISOString()})`,
        );
        if (inputs.previewCopySecret) {
          const copy = await copyArtifactsSecret(client, inputs.namespace, namespace);
          const said = describeSecretCopy(copy, inputs.namespace, namespace);
          if (said.warning) {
            core.warning(said.message, { title: "cortex-deploy: preview without S3 credentials" });
          } else core.info(said.message);
        }
        return created;
      };
      const git = {
        ...gitMetadataFromEnv(process.env),
        ...(pr.headSha ? { commit: pr.headSha } : {}),
      };
      const done = await deployAndReport({
        client,
        inputs,
        config: small,
        namespace,
        git,
        clock,
        signal: ctx.signal,
        prepareNamespace,
        // What was uploaded, kept when a later step fails (the comment and outputs show it).
        onUploaded: (summary) => {
          report.artifacts = summary;
        },
        // TrafficSplitters run at most the cap's max pods (the controller's default is 2).
        splitterMaxReplicas:
          inputs.previewReplicas === "config" ? undefined : inputs.previewReplicas.max,
      });
      report.apis = done.apis;
      report.artifacts = done.result?.upload;
      report.failure = done.failure;
    });
  } catch (err) {
    if (err instanceof NotWanted) skipped = err;
    else report.failure = failureOf(err);
  }
  if (skipped) {
    // The teardown or the newest run keeps the comment and the earlier Deployments; this run's
    // own Deployment becomes inactive, not left in progress.
    if (github && deploymentId !== undefined) {
      await bestEffort(() =>
        github.setDeploymentStatus(deploymentId, {
          state: "inactive",
          description: skipped.message,
          logUrl: ctx.runUrl,
        }),
      );
    }
    report.apis = [];
    await skip(skipped, report, ctx);
    return;
  }
  await publish(deploymentId);
}

/** What the preview namespace still serves after a failed update; a failed read says so. */
async function stillRunning(
  inputs: ActionInputs,
  ctx: RunContext,
  pullRequest: number,
  namespace: string,
  configId: string,
): Promise<RunningPreview | undefined> {
  try {
    return await withClient(clusterOf(inputs, namespace), (client) =>
      readRunningPreview(client, {
        namespace,
        repository: ctx.repository,
        repositoryId: ctx.repositoryId,
        pullRequest,
        configId,
        template: inputs.endpointUrlTemplate,
      }),
    );
  } catch (err) {
    core.warning(
      `could not read what ${namespace} still runs, so the comment cannot show it: ${(err as Error).message}`,
    );
    return undefined;
  }
}

/** Ends a run that deployed nothing because it is not wanted: a notice or warning, and success. */
async function skip(why: NotWanted, report: RunReport, ctx: RunContext): Promise<void> {
  const say = why.level === "notice" ? core.notice : core.warning;
  say(why.message, { title: why.annotationTitle });
  report.title = why.title;
  report.notes.push(why.message);
  await finish(report, ctx);
}
