// The config identity: a short, stable id of one cortex.yaml, put on every object it deploys as
// the cortexdeploy.dev/config label, so prune and delete touch only that file's objects. It is the
// hash of the file's path relative to its git repository, so the CLI on a laptop and the Action
// on a runner agree, wherever the checkout lives.
import path from "node:path";
import { findRepoRoot } from "../artifacts/resolve.ts";
import { sha256Hex } from "./hash.ts";

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** 16 hex digits of SHA-256 of the repository-relative path, with forward slashes. */
export function configIdForPath(repoRelativePath: string): string {
  const normalized = repoRelativePath.split(path.sep).join("/").replace(/^\.\//, "");
  return sha256Hex(normalized).slice(0, 16);
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

/** The identity of `configFile`: its path relative to its git repository (else its folder). */
export function configIdentity(configFile: string, explicitId?: string): ConfigIdentity {
  const absolute = path.resolve(configFile);
  const root = findRepoRoot(path.dirname(absolute));
  const relative = path.relative(root, absolute).split(path.sep).join("/");
  return { id: explicitId ?? configIdForPath(relative), path: relative };
}
