// An unlocated problem found by the schema or the rules: the field's path and a message. Loading
// turns issues into located ConfigErrors with the YAML source map.

import type { ConfigPath } from "./path.ts";

/** Where to point: at the field's key (unknown fields, reserved env names) or its value. */
export type Anchor = "key" | "value";

export interface Issue {
  path: ConfigPath;
  message: string;
  at: Anchor;
  /** An extra field: the known fields beside it keep their shape. */
  unknownField?: boolean;
}

export function issue(path: ConfigPath, message: string, at: Anchor = "value"): Issue {
  return { path, message, at };
}

/** What rules may ask without depending on the YAML source or the schema's errors. */
export interface RuleContext {
  /** The user wrote this field (a default does not count). */
  written(path: ConfigPath): boolean;
  /** The value at `path` and its ancestors passed the schema (descendants may not have). */
  intact(path: ConfigPath): boolean;
  /** The whole subtree at `path` passed the schema. */
  clean(path: ConfigPath): boolean;
}
