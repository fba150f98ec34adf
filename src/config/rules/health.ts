// Which parts of the data the schema accepted, so the rules can still check the rest of an API
// that has schema errors (all errors reported in one run) without reading ill-shaped values.

import type { Issue } from "../issue.ts";
import type { ConfigPath } from "../path.ts";

export interface Health {
  /** The value at `path` and its ancestors have the right shape (descendants may not). */
  intact(path: ConfigPath): boolean;
  /** The whole subtree at `path` passed the schema, unknown fields included. */
  clean(path: ConfigPath): boolean;
}

function isPrefix(prefix: ConfigPath, path: ConfigPath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((seg, i) => seg === path[i]);
}

/**
 * An unknown field leaves the shape of its siblings intact but makes its parent unclean, so a
 * rule about the parent (say, a probe with an `exec` its kind does not allow) stays quiet and the
 * one error is the unknown field's.
 */
export function healthFrom(schemaIssues: readonly Issue[]): Health {
  const all = schemaIssues.map((i) => i.path);
  const broken = schemaIssues.filter((i) => i.unknownField !== true).map((i) => i.path);
  return {
    intact: (path) => !broken.some((b) => isPrefix(b, path)),
    clean: (path) => !all.some((b) => isPrefix(b, path) || isPrefix(path, b)),
  };
}
