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
  /**
   * A string was expected and YAML read a boolean (`yes`, `n`, `on`): loading adds the value as
   * written and how to quote it (yamlBooleanHint), which only the YAML source knows.
   */
  yamlBoolean?: boolean;
}

/**
 * The one wording for a YAML 1.1 boolean where a string belongs: `image: y`, `name: no`, an env
 * value `yes`. `written` is the value as the file has it.
 */
export function yamlBooleanHint(written: string, value: boolean): string {
  return `YAML 1.1, as Cortex reads it, takes the unquoted \`${written}\` as the boolean ${value}; quote it ("${written}") for the string`;
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
