// The few GitHub REST calls the Action makes: find, create and update the sticky PR comment;
// create GitHub Deployments, list them, and set their statuses. Failures become GitHubApiError
// with a sentence that names the missing permission, since that is nearly always the cause.
// Everything sent is redacted first (masked.ts): the runner masks the job log only.
import { getOctokit } from "@actions/github";
import { isCommentFor } from "./comment.ts";
import { redact, redactDeep } from "./masked.ts";
import type { Comparison } from "./older-commit.ts";

type Octokit = ReturnType<typeof getOctokit>;

/** What addresses a request rather than being its text: the route and the client's settings. */
const TRANSPORT = new Set(["method", "url", "baseUrl", "headers", "mediaType", "request"]);

/**
 * Redacts every text a request carries (a comment's body, a Deployment's description, payload and
 * URLs, whatever a later call adds), in place, before Octokit sends it. The route's own
 * parameters (`{owner}`, `{issue_number}`...) address the resource and are left as they are.
 */
export function redactRequest(options: Record<string, unknown>): void {
  const url = typeof options.url === "string" ? options.url : "";
  const route = new Set([...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  for (const [key, value] of Object.entries(options)) {
    if (TRANSPORT.has(key) || route.has(key)) continue;
    options[key] = redactDeep(value);
  }
}

export class GitHubApiError extends Error {
  override name = "GitHubApiError";
}

const PERMISSION = {
  comment: "pull-requests: write",
  deployment: "deployments: write",
  pulls: "pull-requests: read",
  contents: "contents: read",
};

function explain(err: unknown, doing: string, area: keyof typeof PERMISSION): GitHubApiError {
  const status = (err as { status?: unknown }).status;
  const message = (err as Error).message ?? String(err);
  if (status === 401) {
    return new GitHubApiError(
      `${doing}: GitHub refused the token (401). Check the github-token input.`,
    );
  }
  if (status === 403 || status === 404) {
    return new GitHubApiError(
      `${doing}: GitHub answered ${status} (${message}). The token needs \`permissions: ` +
        `${PERMISSION[area]}\` in the workflow; pull requests from forks only get a read-only token.`,
    );
  }
  const code = typeof status === "number" ? ` (HTTP ${status})` : "";
  return new GitHubApiError(`${doing}: ${message}${code}`);
}

interface CommentAuthor {
  login: string;
  type: string;
}

export type DeploymentState = "in_progress" | "success" | "failure" | "error" | "inactive";

export interface DeploymentRequest {
  ref: string;
  environment: string;
  description: string;
  payload: Record<string, string>;
}

export interface DeploymentStatusRequest {
  state: DeploymentState;
  description: string;
  environmentUrl?: string | undefined;
  logUrl?: string | undefined;
}

export interface PullRequestNow {
  state: "open" | "closed";
  headSha: string;
}

export class GitHubApi {
  private readonly octokit: Octokit;
  private readonly owner: string;
  private readonly repo: string;

  /** The user a personal access token acts for; undefined for GITHUB_TOKEN and app tokens. */
  private tokenUser: Promise<string | undefined> | undefined;

  constructor(token: string, repository: string, apiUrl: string) {
    const [owner = "", repo = ""] = repository.split("/");
    this.owner = owner;
    this.repo = repo;
    this.octokit = getOctokit(token, { baseUrl: apiUrl });
    this.octokit.hook.before("request", (options) => redactRequest(options));
  }

  /**
   * Whether a comment was written by the account this token acts for. Anyone can comment on a
   * pull request, so the marker alone would let a stranger's comment receive the preview's URL.
   * GET /user names a person's token; GitHub refuses it for GITHUB_TOKEN and app installation
   * tokens, whose comments come from a bot account, which only an installed app can write as.
   */
  private async writtenByUs(): Promise<(user: CommentAuthor | null | undefined) => boolean> {
    this.tokenUser ??= this.octokit.rest.users.getAuthenticated().then(
      (res) => res.data.login,
      () => undefined,
    );
    const login = await this.tokenUser;
    return (user) => (login === undefined ? user?.type === "Bot" : user?.login === login);
  }

  /** This config's comment, written by us, if any (every page: long threads happen). */
  async findComment(
    issue: number,
    configPath: string,
  ): Promise<{ id: number; body: string } | undefined> {
    try {
      const ours = await this.writtenByUs();
      const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
        owner: this.owner,
        repo: this.repo,
        issue_number: issue,
        per_page: 100,
      });
      const found = comments.find((c) => ours(c.user) && isCommentFor(c.body, configPath));
      return found ? { id: found.id, body: found.body ?? "" } : undefined;
    } catch (err) {
      throw explain(err, `reading the comments of #${issue}`, "comment");
    }
  }

  /** Updates this config's comment in place, or creates it; returns its id and what it did. */
  async upsertComment(
    issue: number,
    configPath: string,
    body: string,
  ): Promise<{ id: number; created: boolean }> {
    const existing = await this.findComment(issue, configPath);
    try {
      if (existing) {
        // GitHub holds the redacted text: compared as it would be sent, it is not rewritten.
        if (existing.body !== redact(body)) {
          await this.octokit.rest.issues.updateComment({
            owner: this.owner,
            repo: this.repo,
            comment_id: existing.id,
            body,
          });
        }
        return { id: existing.id, created: false };
      }
      const made = await this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: issue,
        body,
      });
      return { id: made.data.id, created: true };
    } catch (err) {
      throw explain(err, `writing the preview comment on #${issue}`, "comment");
    }
  }

  async createDeployment(req: DeploymentRequest): Promise<number> {
    try {
      const res = await this.octokit.rest.repos.createDeployment({
        owner: this.owner,
        repo: this.repo,
        ref: req.ref,
        environment: req.environment,
        description: req.description,
        payload: req.payload,
        // A preview must not merge the default branch in, nor wait for the PR's own checks.
        auto_merge: false,
        required_contexts: [],
        transient_environment: true,
        production_environment: false,
      });
      if (!("id" in res.data)) throw new Error(res.data.message ?? "no deployment was created");
      return res.data.id;
    } catch (err) {
      throw explain(err, `creating the GitHub Deployment for ${req.environment}`, "deployment");
    }
  }

  async setDeploymentStatus(id: number, req: DeploymentStatusRequest): Promise<void> {
    try {
      await this.octokit.rest.repos.createDeploymentStatus({
        owner: this.owner,
        repo: this.repo,
        deployment_id: id,
        state: req.state,
        // Redacted before it is cut short: the half of a masked value would not be recognised.
        description: redact(req.description).slice(0, 140),
        ...(req.environmentUrl ? { environment_url: req.environmentUrl } : {}),
        ...(req.logUrl ? { log_url: req.logUrl } : {}),
        auto_inactive: true,
      });
    } catch (err) {
      throw explain(err, `setting deployment ${id} to ${req.state}`, "deployment");
    }
  }

  /**
   * A pull request as GitHub has it now (the event's payload may be old: a re-run): open or
   * closed, and its head commit ("" when the answer names none).
   */
  async pullRequestNow(pullRequest: number): Promise<PullRequestNow> {
    try {
      const res = await this.octokit.rest.pulls.get({
        owner: this.owner,
        repo: this.repo,
        pull_number: pullRequest,
      });
      const headSha: unknown = res.data.head?.sha;
      return {
        state: res.data.state === "closed" ? "closed" : "open",
        headSha: typeof headSha === "string" ? headSha : "",
      };
    } catch (err) {
      throw explain(err, `asking GitHub whether #${pullRequest} is still open`, "pulls");
    }
  }

  /** Whether a pull request is open or closed now. */
  async pullRequestState(pullRequest: number): Promise<"open" | "closed"> {
    return (await this.pullRequestNow(pullRequest)).state;
  }

  /** How `head` stands to `base` in this repository's history. */
  async compareCommits(base: string, head: string): Promise<Comparison> {
    try {
      const res = await this.octokit.rest.repos.compareCommitsWithBasehead({
        owner: this.owner,
        repo: this.repo,
        basehead: `${base}...${head}`,
        per_page: 1,
      });
      return res.data.status;
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (status === 404 || status === 422) {
        throw new GitHubApiError(
          `GitHub does not know one of the commits (HTTP ${status}); was one deployed from a clone?`,
        );
      }
      throw explain(err, `comparing ${base.slice(0, 12)}...${head.slice(0, 12)}`, "contents");
    }
  }

  /** The deployments of an environment, newest first (one page: a preview has few). */
  async listDeployments(environment: string): Promise<number[]> {
    try {
      const res = await this.octokit.rest.repos.listDeployments({
        owner: this.owner,
        repo: this.repo,
        environment,
        per_page: 100,
      });
      return res.data.map((d) => d.id);
    } catch (err) {
      throw explain(err, `listing the GitHub Deployments of ${environment}`, "deployment");
    }
  }
}
