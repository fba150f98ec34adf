// Where this run happens, read once from the runner's GITHUB_* variables (pure: env in, values
// out), so the flows and their tests never read process.env themselves.

export interface RunContext {
  /** owner/name */
  repository: string;
  /**
   * GitHub's numeric id of the repository (GITHUB_REPOSITORY_ID, else the event's
   * repository.id), which survives renames and transfers; "" when unknown.
   */
  repositoryId: string;
  owner: string;
  repo: string;
  /** https://github.com, or the GitHub Enterprise Server address. */
  serverUrl: string;
  /** The REST API root (GITHUB_API_URL): api.github.com, GHES, or a test's stand-in. */
  apiUrl: string;
  /** This workflow run's page, for log links; "" outside Actions. */
  runUrl: string;
  /** Who started the run (GITHUB_ACTOR: for workflow_dispatch, who dispatched it); "" outside. */
  actor: string;
  sha: string;
  workspace: string;
  /** The runner's per-job temporary folder (RUNNER_TEMP), emptied after every job. */
  runnerTemp: string;
  /** Aborted when the job is cancelled (the runner sends SIGINT, then SIGTERM). */
  signal?: AbortSignal | undefined;
}

export function runContextFromEnv(
  env: NodeJS.ProcessEnv,
  cwd: string,
  payload?: unknown,
): RunContext {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const fromPayload = (payload as { repository?: { id?: unknown } } | undefined)?.repository?.id;
  const id = (env.GITHUB_REPOSITORY_ID ?? "").trim() || String(fromPayload ?? "");
  const [owner = "", repo = ""] = repository.split("/");
  const serverUrl = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/$/, "");
  const runUrl =
    repository && env.GITHUB_RUN_ID
      ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
      : "";
  return {
    repository,
    repositoryId: /^[0-9]{1,20}$/.test(id) ? id : "",
    owner,
    repo,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/$/, ""),
    runUrl,
    actor: env.GITHUB_ACTOR ?? "",
    sha: env.GITHUB_SHA ?? "",
    workspace: env.GITHUB_WORKSPACE || cwd,
    runnerTemp: env.RUNNER_TEMP || "",
  };
}

/** A link to a commit on GitHub (markdown), or the short SHA alone when there is no repository. */
export function commitLink(ctx: Pick<RunContext, "serverUrl" | "repository">, sha: string): string {
  const short = sha.slice(0, 7);
  if (sha === "") return "-";
  if (ctx.repository === "") return `\`${short}\``;
  return `[\`${short}\`](${ctx.serverUrl}/${ctx.repository}/commit/${sha})`;
}
