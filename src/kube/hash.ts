// Canonical JSON and the spec hash: equal content gives equal bytes whatever the key order, so a
// re-deploy of an unchanged cortex.yaml is recognised without reading the live spec field by field.
import { createHash } from "node:crypto";
import { specIdentity } from "./resource.ts";

/** JSON with object keys sorted at every level; undefined members are left out, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The hash stored in the spec-hash annotation. It covers the spec and the labels cortex-deploy
 * sets (a label change must be written too, or prune would lose track), not the commit/ref/run
 * annotations: a new commit with the same spec is "up to date". Nor `spec.retry` (specIdentity).
 */
export function specHash(spec: unknown, labels: Readonly<Record<string, string>>): string {
  return sha256Hex(canonicalJson({ spec: specIdentity(spec), labels }));
}
