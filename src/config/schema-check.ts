// JSON Schema validation (precompiled ajv, defaults applied in place) and the translation of ajv's
// errors into one readable issue per actual problem.

import { plural } from "../text/plural.ts";
import schema from "./cortex.schema.json" with { type: "json" };
import { type GeneratedError, validate } from "./generated/validate.js";
import { type Issue, issue } from "./issue.ts";
import { olderCortexField } from "./older-cortex.ts";
import { isRecord, pointerToPath } from "./path.ts";
import { closest } from "./suggest.ts";

/** For each `x-role`, every field that some kind allows there. */
const fieldsByRole: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const out = new Map<string, Set<string>>();
  for (const def of Object.values(schema.definitions) as unknown[]) {
    if (!isRecord(def) || typeof def["x-role"] !== "string" || !isRecord(def.properties)) continue;
    const set = out.get(def["x-role"]) ?? new Set<string>();
    for (const key of Object.keys(def.properties)) set.add(key);
    out.set(def["x-role"], set);
  }
  return out;
})();

const TYPE_NAMES: Readonly<Record<string, string>> = {
  integer: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  null: "null",
};

function describe(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    const short = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return `the string ${JSON.stringify(short)}`;
  }
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

function oneOfWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function customMessage(e: GeneratedError): string | undefined {
  const messages = e.parentSchema?.["x-messages"];
  const m = isRecord(messages) ? messages[e.keyword] : undefined;
  return typeof m === "string" ? m : undefined;
}

function unknownField(
  e: GeneratedError,
  key: string,
  root: unknown,
  path: readonly (string | number)[],
): string {
  const apiIndex = path[0];
  const props = e.parentSchema?.properties;
  const known = isRecord(props) ? Object.keys(props) : [];
  const role = e.parentSchema?.["x-role"];
  const api = Array.isArray(root) && typeof apiIndex === "number" ? root[apiIndex] : undefined;
  const kind = isRecord(api) ? api.kind : undefined;
  if (typeof role === "string" && typeof kind === "string" && fieldsByRole.get(role)?.has(key)) {
    return `field \`${key}\` is not supported for ${kind}`;
  }
  const parent = path.length === 1 ? "api" : String(path[path.length - 1]);
  const older = olderCortexField(parent, key);
  if (older !== undefined) return `unknown field \`${key}\`; ${older}`;
  const guess = closest(key, known);
  if (guess !== undefined) return `unknown field \`${key}\`; did you mean \`${guess}\`?`;
  return `unknown field \`${key}\`; known fields here: ${known.join(", ")}`;
}

function messageFor(e: GeneratedError): string {
  const custom = customMessage(e);
  const p = e.params;
  switch (e.keyword) {
    case "type": {
      if (custom !== undefined) return `${custom}, got ${describe(e.data)}`;
      const types = String(p.type).split(",");
      return `must be ${oneOfWords(types.map((t) => TYPE_NAMES[t] ?? t))}, got ${describe(e.data)}`;
    }
    case "enum": {
      const allowed = (Array.isArray(p.allowedValues) ? p.allowedValues : []).map(String);
      const guess = typeof e.data === "string" ? closest(e.data, allowed) : undefined;
      const hint = guess !== undefined ? `; did you mean \`${guess}\`?` : "";
      return `must be one of ${allowed.join(", ")}, got ${describe(e.data)}${hint}`;
    }
    case "minimum":
      return `must be at least ${p.limit}, got ${describe(e.data)}`;
    case "maximum":
      return `must be at most ${p.limit}, got ${describe(e.data)}`;
    case "exclusiveMinimum":
      return `must be greater than ${p.limit}, got ${describe(e.data)}`;
    case "exclusiveMaximum":
      return `must be less than ${p.limit}, got ${describe(e.data)}`;
    case "minLength":
      return p.limit === 1 ? "must not be empty" : `must be at least ${p.limit} characters long`;
    case "maxLength": {
      const length = typeof e.data === "string" ? e.data.length : 0;
      return `must be at most ${p.limit} characters long, got ${length}`;
    }
    case "minItems":
      return custom ?? `must list at least ${plural(Number(p.limit), "item")}`;
    case "pattern":
      return `${custom ?? `must match the pattern ${String(p.pattern)}`}, got ${describe(e.data)}`;
    default:
      return custom ?? e.message ?? `fails the schema keyword ${e.keyword}`;
  }
}

function toIssue(e: GeneratedError, root: unknown): Issue | undefined {
  const path = pointerToPath(e.instancePath, root);
  switch (e.keyword) {
    case "if":
    case "propertyNames":
      // Wrappers: the failing `then` and the failing property name report themselves.
      return undefined;
    case "required":
      return issue([...path, String(e.params.missingProperty)], "required field is missing");
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      return {
        ...issue([...path, key], unknownField(e, key, root, path), "key"),
        unknownField: true,
      };
    }
  }
  // A string field (or string-or-null) given a boolean: YAML read `yes`, `n` or `on`. Not the
  // schema's own hint ("quote numbers and booleans"): loading adds the shared one, with the value
  // as written. Fields that take numbers too (cpu, max_surge) keep the plain message.
  const types = String(e.params.type).split(",");
  if (
    e.keyword === "type" &&
    typeof e.data === "boolean" &&
    types.includes("string") &&
    types.every((t) => t === "string" || t === "null")
  ) {
    const message = `must be ${oneOfWords(types.map((t) => TYPE_NAMES[t] ?? t))}, got ${e.data}`;
    return { ...issue(path, message), yamlBoolean: true };
  }
  if (e.propertyName !== undefined) {
    const message = `${customMessage(e) ?? "is not a valid name"}, got ${JSON.stringify(e.propertyName)}`;
    return issue([...path, e.propertyName], message, "key");
  }
  return issue(path, messageFor(e));
}

/** Validates against cortex.schema.json, filling in defaults in place; one issue per problem. */
export function checkSchema(data: unknown): Issue[] {
  if (validate(data)) return [];
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const e of validate.errors ?? []) {
    const found = toIssue(e, data);
    if (found === undefined) continue;
    const id = `${JSON.stringify(found.path)}\u0000${found.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(found);
  }
  return out;
}
