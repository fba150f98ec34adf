// The config identity: a short, stable id of one cortex.yaml, put on every object it deploys as
// the cortexdeploy.dev/config label, so prune and delete touch only that file's objects. It is the
// hash of the repository's name and the file's path in it, so the CLI on a laptop and the Action
// on a runner agree wherever the checkout lives, and two repositories that both keep a root
// cortex.yaml and deploy into one namespace never prune each other's APIs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { findRepoRoot } from "../artifacts/resolve.ts";
import { sha256Hex } from "./hash.ts";

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** 16 hex digits of SHA-256 of the repository's name and the path in it, forward slashes. */
export function configIdForPath(repoRelativePath: string, repository: string): string {
  const normalized = repoRelativePath.split(path.sep).join("/").replace(/^\.\//, "");
  return sha256Hex(`${repository}\n${normalized}`).slice(0, 16);
}

/**
 * A remote's URL as host/owner/name, whatever the protocol or credentials it is written with
 * (https://x:token@github.com/acme/ml.git and git@github.com:acme/ml are github.com/acme/ml).
 */
export function normalizeRemote(url: string): string {
  let u = url
    .trim()
    .replace(/\/+$/, "")
    .replace(/\.git$/, "");
  const scp = /^[^/@:]+@([^:/]+):(?!\/)(.*)$/.exec(u);
  if (scp) u = `${scp[1]}/${scp[2]}`;
  else {
    try {
      const parsed = new URL(u);
      if (parsed.host !== "") u = `${parsed.hostname}${parsed.pathname}`;
    } catch {
      // A local path: kept as it is.
    }
  }
  return u.replace(/\/+$/, "").toLowerCase();
}

/** The URL of remote "origin" in a repository's .git/config, if it has one. */
function originUrl(repoRoot: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(repoRoot, ".git", "config"), "utf8");
  } catch {
    return undefined; // no repository, or .git is a file (a worktree)
  }
  let inOrigin = false;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (section) inOrigin = /^remote\s+"origin"$/.test(section[1] ?? "");
    const url = inOrigin ? /^\s*url\s*=\s*(.+?)\s*$/.exec(line) : null;
    if (url?.[1]) return url[1];
  }
  return undefined;
}

/**
 * The repository's name for the identity: its origin (what actions/checkout sets, and what a
 * clone has), else GitHub's name for it in a workflow without a checkout, else the folder.
 */
export function repositoryName(repoRoot: string, env: NodeJS.ProcessEnv): string {
  const origin = originUrl(repoRoot);
  if (origin) return normalizeRemote(origin);
  if (env.GITHUB_REPOSITORY) {
    const server = env.GITHUB_SERVER_URL || "https://github.com";
    return normalizeRemote(`${server}/${env.GITHUB_REPOSITORY}`);
  }
  return repoRoot;
}

/** An explicit id (`--config-id`) must be a valid label value; returns the problem, if any. */
export function checkConfigId(id: string): string | undefined {
  if (id === "") return "the config id is empty";
  if (id.length > 63 || !LABEL_VALUE.test(id)) {
    return `the config id '${id}' is not a valid label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  }
  return undefined;
}

export interface ConfigIdentity {
  id: string;
  /** The path the id was made from (repository-relative), for the config-path annotation. */
  path: string;
}

/** The identity of `configFile`: its repository and its path there (else its folder). */
export function configIdentity(
  configFile: string,
  explicitId?: string,
  env: NodeJS.ProcessEnv = process.env,
): ConfigIdentity {
  const absolute = path.resolve(configFile);
  const root = findRepoRoot(path.dirname(absolute));
  const relative = path.relative(root, absolute).split(path.sep).join("/");
  return { id: explicitId ?? configIdForPath(relative, repositoryName(root, env)), path: relative };
}
