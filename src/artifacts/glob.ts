// Glob patterns for `artifacts[].path`, compiled to a matcher over paths relative to the pattern's
// static base. Our own small matcher, rather than a globbing library, because the walk must stay
// ours: it follows symlinks only after checking they stay inside the repository, which a library
// that crawls by itself cannot promise. Supported: `*`, `?`, `[...]`/`[!...]`, `{a,b}`, `**`.
// Wildcards match names starting with a dot too: hidden files are excluded with .cortexignore.

const MAGIC = /[*?[\]{}]/;

export function isGlob(pattern: string): boolean {
  return MAGIC.test(pattern);
}

export interface SplitGlob {
  /** Leading segments without wildcards, joined with "/" ("" when the first segment is magic). */
  base: string;
  /** The rest, matched against paths relative to `base`. */
  rest: string;
}

export function splitGlob(pattern: string): SplitGlob {
  const segments = pattern.split("/");
  const firstMagic = segments.findIndex((s) => isGlob(s));
  if (firstMagic === -1) return { base: pattern, rest: "" };
  return {
    base: segments.slice(0, firstMagic).join("/"),
    rest: segments.slice(firstMagic).join("/"),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Expands the first `{a,b}` group, recursively, into plain patterns. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf("{");
  if (open === -1) return [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (c === "," && depth === 1) commas.push(i);
  }
  if (close === -1 || commas.length === 0) {
    // Not a group: keep this brace as a literal character (marked so the compiler escapes it).
    return expandBraces(`${pattern.slice(0, open)}\u0000${pattern.slice(open + 1)}`);
  }
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const alt = pattern.slice((bounds[k] ?? 0) + 1, bounds[k + 1]);
    out.push(...expandBraces(`${head}${alt}${tail}`));
  }
  return out;
}

function segmentToRegExp(segment: string): string {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "\u0000") out += "\\{";
    else if (c === "\\" && i + 1 < segment.length) {
      out += escapeRegExp(segment[i + 1] as string);
      i++;
    } else if (c === "[") {
      const end = segment.indexOf("]", i + 2);
      if (end === -1) {
        out += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, end);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, "\\\\").replace(/\//g, "")}]`;
      i = end;
    } else if (c === "{" || c === "}" || c === "]") out += `\\${c}`;
    else out += escapeRegExp(c);
  }
  return out;
}

function toRegExp(pattern: string): string {
  const segments = pattern.split("/").filter((s) => s !== "");
  let out = "";
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "**") {
      // Any number of whole segments, including none.
      out += last ? ".*" : "(?:[^/]+/)*";
    } else {
      out += segmentToRegExp(segment) + (last ? "" : "/");
    }
  });
  return out;
}

/** A predicate over "/"-separated paths relative to the pattern's base. */
export function compileGlob(rest: string): (relative: string) => boolean {
  const regexps = expandBraces(rest).map((p) => new RegExp(`^${toRegExp(p)}$`));
  return (relative) => regexps.some((r) => r.test(relative));
}

/**
 * A predicate over directories relative to the base: false when nothing below the directory can
 * match, so the walk can skip it.
 */
export function compileDirFilter(rest: string): (relativeDir: string) => boolean {
  const patterns = expandBraces(rest).map((p) =>
    p
      .split("/")
      .filter((s) => s !== "")
      .map((s) => (s === "**" ? null : new RegExp(`^${segmentToRegExp(s)}$`))),
  );
  return (relativeDir) => {
    const parts = relativeDir.split("/");
    return patterns.some((segments) => {
      for (let i = 0; i < parts.length; i++) {
        const seg = segments[i];
        if (seg === null) return true; // `**` can absorb the rest
        if (seg === undefined || !seg.test(parts[i] as string)) return false;
      }
      return segments.length > parts.length;
    });
  };
}
