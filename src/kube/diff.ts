// A field-by-field diff of two JSON values, for `plan`: which paths would be added, removed or
// changed. Lists of objects that all carry a distinct `name` (containers, traffic splits) are
// compared by name, so inserting one container does not show every later one as changed.

export interface FieldChange {
  /** `spec.pod.containers[api].image` */
  path: string;
  op: "add" | "remove" | "change";
  old?: unknown;
  new?: unknown;
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function namedItems(list: readonly Json[]): Map<string, Json> | undefined {
  const byName = new Map<string, Json>();
  for (const item of list) {
    if (!isObject(item) || typeof item.name !== "string" || byName.has(item.name)) return undefined;
    byName.set(item.name, item);
  }
  return byName;
}

function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

function join(base: string, key: string): string {
  if (base === "") return key;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `${base}.${key}`
    : `${base}[${JSON.stringify(key)}]`;
}

export function diffJson(before: Json, after: Json, path = ""): FieldChange[] {
  if (sameJson(before, after)) return [];
  if (before === undefined) return [{ path, op: "add", new: after }];
  if (after === undefined) return [{ path, op: "remove", old: before }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffJson(before[k], after[k], join(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = namedItems(before);
    const b = namedItems(after);
    if (a && b && (a.size > 0 || b.size > 0)) {
      const names = [...new Set([...a.keys(), ...b.keys()])];
      return names.flatMap((n) => diffJson(a.get(n), b.get(n), `${path}[${n}]`));
    }
  }
  return [{ path, op: "change", old: before, new: after }];
}

const MAX_VALUE_CHARS = 80;

export function formatValue(v: Json): string {
  const text = v === undefined ? "(none)" : JSON.stringify(v);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** `path: old → new`, `+ path: value`, `- path: value`. */
export function formatChange(c: FieldChange): string {
  switch (c.op) {
    case "add":
      return `+ ${c.path}: ${formatValue(c.new)}`;
    case "remove":
      return `- ${c.path}: ${formatValue(c.old)}`;
    case "change":
      return `~ ${c.path}: ${formatValue(c.old)} → ${formatValue(c.new)}`;
  }
}
