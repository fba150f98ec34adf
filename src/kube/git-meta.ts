// Where a deploy came from, for the commit/ref/run-url/actor annotations: GitHub's environment in
// the Action, the local git checkout in the CLI (best effort: no git, no annotations).
import { execFile } from "node:child_process";

export interface GitMetadata {
  commit?: string;
  ref?: string;
  runUrl?: string;
  actor?: string;
  /** The files under the config's folder differ from `commit` (edited, or new and untracked). */
  dirty?: boolean;
}

/** From the runner's GITHUB_* variables; empty when not in Actions. */
export function gitMetadataFromEnv(env: NodeJS.ProcessEnv): GitMetadata {
  const meta: GitMetadata = {};
  if (env.GITHUB_SHA) meta.commit = env.GITHUB_SHA;
  if (env.GITHUB_REF) meta.ref = env.GITHUB_REF;
  if (env.GITHUB_ACTOR) meta.actor = env.GITHUB_ACTOR;
  if (env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    const server = env.GITHUB_SERVER_URL || "https://github.com";
    meta.runUrl = `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return meta;
}

function git(args: string[], cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd, timeout: 5_000 }, (err, stdout) => {
      resolve(err ? undefined : stdout.trim() || undefined);
    });
  });
}

/** Who runs the CLI: the git user, else the login. */
async function localActor(dir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return (await git(["config", "user.name"], dir)) ?? (env.USER || env.USERNAME || undefined);
}

/**
 * From the checkout holding `dir`: HEAD's commit, the branch (or tag), the git user, and whether
 * the files under `dir` differ from HEAD.
 */
export async function gitMetadataFromGit(
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<GitMetadata> {
  const [commit, ref, actor, changes] = await Promise.all([
    git(["rev-parse", "HEAD"], dir),
    git(["symbolic-ref", "-q", "HEAD"], dir),
    localActor(dir, env),
    git(["status", "--porcelain", "--", "."], dir),
  ]);
  const meta: GitMetadata = {};
  if (commit) meta.commit = commit;
  if (commit && changes) meta.dirty = true;
  if (ref) meta.ref = ref;
  if (actor) meta.actor = actor;
  return meta;
}

/** The Action's metadata when GITHUB_ACTIONS is set, else git's. */
export async function gitMetadata(dir: string, env: NodeJS.ProcessEnv): Promise<GitMetadata> {
  return env.GITHUB_ACTIONS === "true" ? gitMetadataFromEnv(env) : gitMetadataFromGit(dir, env);
}

/** Who runs a command, and from which run: what a rollback is marked with. */
export type Runner = Pick<GitMetadata, "actor" | "runUrl">;

/**
 * As a deploy records them: GitHub's actor and run in Actions; else the git user (or the login),
 * and no run. No commit: a rollback's is the re-applied revision's, not the checkout's.
 */
export async function runnerOf(dir: string, env: NodeJS.ProcessEnv): Promise<Runner> {
  if (env.GITHUB_ACTIONS === "true") {
    const { actor, runUrl } = gitMetadataFromEnv(env);
    return { actor, runUrl };
  }
  const actor = await localActor(dir, env);
  return actor ? { actor } : {};
}
