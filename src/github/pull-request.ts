// The pull request a preview or teardown is for, read from the webhook payload (pure), and the
// fork check: a preview runs the pull request's code with this workflow's deploy credentials.

export interface PullRequestInfo {
  number: number;
  /** The pull request's head commit (not the merge commit GITHUB_SHA points at). */
  headSha: string;
  headRef: string;
  /** owner/name of the repository the head branch lives in; "" when that fork was deleted. */
  headRepository: string;
  baseRepository: string;
  /** The head branch lives in another repository than the base (a fork). */
  fromFork: boolean;
  url: string;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export type PullRequestResult =
  | { ok: true; pullRequest: PullRequestInfo }
  | { ok: false; message: string };

/** Reads a pull_request (or pull_request_target) payload. */
export function pullRequestFromPayload(payload: unknown, eventName: string): PullRequestResult {
  const pr = obj(obj(payload)?.pull_request);
  const number = Number(pr?.number ?? obj(payload)?.number);
  if (!pr || !Number.isInteger(number) || number <= 0) {
    return {
      ok: false,
      message:
        `previews and teardowns are for pull requests, and this run's event (${eventName || "none"}) ` +
        "carries no pull request. Run this step on `pull_request` events.",
    };
  }
  const head = obj(pr.head);
  const base = obj(pr.base);
  const headRepo = obj(head?.repo);
  const baseRepository =
    str(obj(base?.repo)?.full_name) || str(obj(obj(payload)?.repository)?.full_name);
  const headRepository = str(headRepo?.full_name);
  // Compared by name, not by head.repo.fork: a repository that is itself a fork of another has
  // fork: true on its own branches. A deleted fork leaves head.repo null.
  const fromFork = headRepository === "" || headRepository !== baseRepository;
  return {
    ok: true,
    pullRequest: {
      number,
      headSha: str(head?.sha),
      headRef: str(head?.ref),
      headRepository,
      baseRepository,
      fromFork,
      url: str(pr.html_url),
    },
  };
}

/** Why a fork's pull request gets no preview, for the log and the job summary. */
export function forkRefusalMessage(pr: PullRequestInfo): string {
  const from = pr.headRepository === "" ? "a deleted fork" : `the fork ${pr.headRepository}`;
  return (
    `No preview for pull request #${pr.number}: its code comes from ${from}. A preview runs the ` +
    "pull request's code and cortex.yaml with this workflow's deploy credentials (kubeconfig, " +
    "cloud role), so anyone able to open a pull request could use them. Nothing was deployed. " +
    "To preview it, a maintainer can review the change and push the branch to this repository; " +
    "or, if the cluster and bucket this workflow can reach are safe to hand to fork authors, " +
    "set `allow-fork-previews: true`."
  );
}

/** GitHub's head of the pull request is another commit than the run's (both known). */
export function headMoved(runHead: string, currentHead: string): boolean {
  return runHead !== "" && currentHead !== "" && runHead !== currentHead;
}

/** Why a preview run for a commit the pull request has moved on from deployed nothing. */
export function supersededMessage(
  pullRequest: number,
  runHead: string,
  currentHead: string,
): string {
  const [now, ours] = [currentHead.slice(0, 7), runHead.slice(0, 7)];
  return (
    `Pull request #${pullRequest} is now at ${now}, and this run is for ${ours}, an earlier head ` +
    "of it: nothing was deployed, and the preview and its comment stay as the newest run leaves " +
    `them. To deploy again, re-run the newest run of #${pullRequest} instead.`
  );
}

/** Why a preview run for a pull request that is already closed wrote nothing. */
export function closedMessage(pullRequest: number, runHead: string): string {
  const of = runHead ? ` of ${runHead.slice(0, 7)}` : "";
  return (
    `Pull request #${pullRequest} is closed, so this run deployed no preview${of} and wrote ` +
    "nothing (no upload, namespace, comment or Deployment); reopen it to preview it again."
  );
}
