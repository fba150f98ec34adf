// YAML text → plain data plus a source map, with located errors for syntax errors, tabs used as
// indentation, alias bombs and a top level that is not a list, and warnings for what Cortex
// accepts but is most likely a slip (a key written twice).

import {
  type Alias,
  type Document,
  isAlias,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type ParsedNode,
  parseAllDocuments,
  type ScalarTag,
  type Tags,
  type YAMLError,
} from "yaml";
import type { ConfigError } from "./errors.ts";
import { type ConfigPath, formatPath } from "./path.ts";
import { type Position, SourceMap } from "./source-map.ts";

/** Alias caps: far above any real cortex.yaml, far below a billion laughs. */
export const MAX_ALIASES = 1_000;
export const MAX_ALIAS_EXPANSION = 10_000;

export interface ParsedYaml {
  data: unknown[];
  source: SourceMap;
  /** Problems that do not stop validation: the schema and the rules still run. */
  errors: ConfigError[];
  warnings: ConfigError[];
}

export type YamlResult = { ok: true; value: ParsedYaml } | { ok: false; errors: ConfigError[] };

/** A line's leading whitespace holds a tab: the position of that tab, or undefined. */
function firstIndentTab(text: string, upToLine: number): Position | undefined {
  const lines = text.split("\n", upToLine);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const lead = /^[ \t]*/.exec(line)?.[0] ?? "";
    const tab = lead.indexOf("\t");
    if (tab >= 0 && lead.length < line.replace(/\r$/, "").length) {
      return { line: i + 1, column: tab + 1 };
    }
  }
  return undefined;
}

/** A mapping key as written: YAML 1.1 would read `N` as false and `1` as a number. */
function keyName(key: unknown): string {
  if (!isScalar(key)) return "?";
  if (typeof key.value === "string") return key.value;
  return typeof key.source === "string" ? key.source : String(key.value);
}

function yamlMessage(e: YAMLError): string {
  const first = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+.*$/, "");
  switch (e.code) {
    case "TAB_AS_INDENT":
      return "tab used as indentation; YAML indents with spaces";
    default:
      return `invalid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
  }
}

interface AliasProblem {
  alias: Alias;
  message: string;
}

/**
 * A key written twice in one mapping. `same`: the same key for Cortex and for us; go-yaml v2
 * (Cortex's reader) keeps the last value, and so do we. `yaml11`: different keys as written
 * (`N`, `n`) that YAML 1.1 reads as one value that is not a string (false), so for Cortex they
 * are one key, and one it refuses. `quoted`: the same text, once quoted (a string) and once
 * plain (YAML 1.1 reads a boolean or a number): two keys for Cortex, one of which it refuses.
 */
interface DuplicateKey {
  kind: "same" | "yaml11" | "quoted";
  path: ConfigPath;
  key: Node;
  /** The earlier key it collides with. */
  first: Node;
  firstName: string;
  /** The non-string value YAML 1.1 reads (yaml11, quoted). */
  value?: unknown;
}

interface TreeFacts {
  aliases: Alias[];
  /** Each alias's target: the latest node anchored with its name before it, as YAML defines it. */
  targets: Map<Alias, Node>;
  duplicates: DuplicateKey[];
}

/** What a key is for go-yaml: its type and value (a string key `"1"` is not the number 1). */
function goYamlKey(value: unknown): string {
  return `${value === null ? "null" : typeof value}:${String(value)}`;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === "PLAIN" && key.source === "<<";
}

/**
 * One document-order pass over the tree (yaml's visit() and Alias.resolve() are far slower: the
 * latter rescans the document per alias): collects aliases with their targets and keys written
 * twice, and keeps plain scalar keys as written. YAML 1.1 reads the keys `N`, `on`, `True` or `1`
 * as booleans and numbers; Cortex's keys are strings, and an env var named `N` must stay `N`.
 */
function prepareTree(contents: ParsedNode): TreeFacts {
  const anchors = new Map<string, Node>();
  const aliases: Alias[] = [];
  const targets = new Map<Alias, Node>();
  const duplicates: DuplicateKey[] = [];
  const path: (string | number)[] = [];
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      aliases.push(node);
      const target = anchors.get(node.source);
      if (target !== undefined) targets.set(node, target);
      return;
    }
    if (!isNode(node)) return;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node)) {
      const byName = new Map<string, { key: Node; cortex: string; parsed: unknown }>();
      const byValue = new Map<string, { key: Node; name: string }>();
      for (const pair of node.items) {
        const key = pair.key;
        const name = keyName(key);
        if (isScalar(key) && !isMergeKey(key)) {
          const parsed = key.value;
          const cortex = goYamlKey(parsed);
          const seen = byName.get(name);
          const collides = typeof parsed === "string" ? undefined : byValue.get(cortex);
          const at = { path: [...path, name], key };
          if (seen !== undefined) {
            const kind = seen.cortex === cortex ? "same" : "quoted";
            const value = typeof parsed === "string" ? seen.parsed : parsed;
            duplicates.push({ ...at, kind, first: seen.key, firstName: name, value });
          } else if (collides !== undefined) {
            duplicates.push({
              ...at,
              kind: "yaml11",
              first: collides.key,
              firstName: collides.name,
              value: parsed,
            });
          }
          byName.set(name, { key, cortex, parsed });
          if (typeof parsed !== "string") byValue.set(cortex, { key, name });
          key.value = name;
        }
        walk(key);
        path.push(name);
        walk(pair.value);
        path.pop();
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        path.push(i);
        walk(item);
        path.pop();
      });
    }
  };
  walk(contents);
  return { aliases, targets, duplicates };
}

/** "the boolean false", "the number 1", "null": a key's value as YAML 1.1 reads it. */
function describeKeyValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  return `the ${typeof value === "boolean" ? "boolean" : "number"} ${String(value)}`;
}

function duplicateMessage(d: DuplicateKey, name: string, firstLine: number): string {
  switch (d.kind) {
    case "same":
      return `duplicate key \`${name}\`; the last one is used (as Cortex does)`;
    case "yaml11":
      return (
        `keys \`${d.firstName}\` (line ${firstLine}) and \`${name}\` are the same key in YAML 1.1, ` +
        `as Cortex reads it: both ${describeKeyValue(d.value)}, not a string, which Cortex refuses; ` +
        `quote them ("${d.firstName}", "${name}")`
      );
    case "quoted":
      return (
        `key \`${name}\` is written twice (line ${firstLine} and here), once quoted and once plain; ` +
        `YAML 1.1, as Cortex reads it, takes the plain one as ${describeKeyValue(d.value)}, not a ` +
        "string, which Cortex refuses; keep one, quoted"
      );
  }
}

/**
 * Finds unknown aliases, self-referencing aliases and alias bombs: at most MAX_ALIASES aliases, and
 * the node count they expand to, summed in document order, at most MAX_ALIAS_EXPANSION.
 */
function checkAliases({ aliases, targets }: TreeFacts): AliasProblem | undefined {
  const tooMany = aliases[MAX_ALIASES];
  if (tooMany) {
    return {
      alias: tooMany,
      message: `more than ${MAX_ALIASES} aliases; refusing a possible alias bomb`,
    };
  }
  const sizes = new Map<Node, number>();
  const expanding = new Set<Node>();
  // Nodes under `node` with aliases expanded; Infinity for a cycle.
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      return target === undefined ? 1 : size(target);
    }
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (expanding.has(node)) return Number.POSITIVE_INFINITY;
    expanding.add(node);
    let total = 1;
    for (const item of node.items) {
      total += isPair(item) ? size(item.key) + size(item.value) : size(item);
      if (total > MAX_ALIAS_EXPANSION) break;
    }
    expanding.delete(node);
    sizes.set(node, total);
    return total;
  };
  let expanded = 0;
  for (const alias of aliases) {
    const target = targets.get(alias);
    if (target === undefined) {
      const name = alias.source;
      return { alias, message: `unknown alias \`*${name}\`; define \`&${name}\` before using it` };
    }
    const n = size(target);
    if (n === Number.POSITIVE_INFINITY) {
      return { alias, message: `alias \`*${alias.source}\` refers to a node that contains it` };
    }
    expanded += n;
    if (expanded > MAX_ALIAS_EXPANSION) {
      return {
        alias,
        message: `aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes; refusing a possible alias bomb`,
      };
    }
  }
  return undefined;
}

/**
 * go-yaml v2 has no base-60 numbers (`16:9` would be 969) and decodes a timestamp-looking plain
 * scalar (`2024-01-31`) into a string when the target is untyped, as all of cortex.yaml's values are.
 */
function goYamlOnly(t: Tags[number]): boolean {
  if (typeof t !== "object") return true;
  if (t.tag === "tag:yaml.org,2002:timestamp") return false;
  const isNumber = t.tag === "tag:yaml.org,2002:int" || t.tag === "tag:yaml.org,2002:float";
  return !(isNumber && "format" in t && t.format === "TIME");
}

/**
 * YAML 1.1's float pattern takes `.`, `-.` and `._` for floats (NaN); go-yaml, which Cortex reads
 * with, wants a digit, so `path: .` is the string ".". Float tags that would take "." get a digit
 * required. Base-60 numbers and timestamps, which go-yaml reads as strings, are dropped.
 */
function goYamlFloats(tags: Tags): Tags {
  return tags.filter(goYamlOnly).map((t) => {
    const test = typeof t === "object" && "test" in t ? t.test : undefined;
    if (!(test instanceof RegExp) || !test.test(".")) return t;
    const body = test.source.replace(/^\^|\$$/g, "");
    const strict: ScalarTag = {
      ...(t as ScalarTag),
      test: new RegExp(`^(?=.*[0-9])(?:${body})$`, test.flags),
    };
    return strict;
  });
}

/**
 * The documents after the first that hold something: Cortex ignores them, which is worth a
 * warning when they hold APIs someone expects deployed. Empty ones (a trailing `---`, comments
 * only) are nothing to warn about. Their syntax errors do not matter either: Cortex never reads
 * them.
 */
function ignoredDocuments(later: readonly Document.Parsed[]): { start: number; message: string }[] {
  return later.flatMap((d, i) => {
    const c = d.contents;
    const blank = c === null || (isScalar(c) && c.value === null && c.range[0] === c.range[1]);
    if (blank && d.errors.length === 0) return [];
    const message =
      `YAML document ${i + 2} is ignored, as Cortex ignores it: it reads only the first ` +
      "document of the file; to deploy these APIs, add them to the first list";
    return [{ start: d.range[0], message }];
  });
}

/** Parses cortex.yaml's text the way Cortex's YAML 1.1 reader does, with positions kept. */
export function parseYaml(text: string, file: string): YamlResult {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    // Cortex reads YAML 1.1 (go-yaml): yes/no/on/off are booleans and `<<` merges mappings.
    version: "1.1",
    // Duplicate keys are found in prepareTree, which tells apart what Cortex accepts (the same
    // key twice: the last one wins) from keys that collide only as YAML 1.1 values.
    uniqueKeys: false,
    prettyErrors: false,
    customTags: goYamlFloats,
  });
  // Cortex reads the first document (go-yaml's Unmarshal) and ignores the rest.
  const [doc, ...ignored] = docs;
  const contents = (doc?.contents ?? null) as ParsedNode | null;
  const source = new SourceMap(contents, lines);
  const located = (pos: Position, message: string, path: ConfigPath = []): ConfigError => ({
    file,
    line: pos.line,
    column: pos.column,
    path: formatPath(path),
    message,
  });

  if (doc === undefined) {
    // Only comments (and blank lines): no document at all.
    return {
      ok: false,
      errors: [located({ line: 1, column: 1 }, "file is empty; expected a list of APIs")],
    };
  }
  if (doc.errors.length > 0) {
    const firstLine = Math.min(...doc.errors.map((e) => source.positionOf(e.pos[0]).line));
    // A tab in the indentation confuses the parser into other errors: name the cause instead.
    const tab = firstIndentTab(text, firstLine);
    if (tab)
      return {
        ok: false,
        errors: [located(tab, "tab used as indentation; YAML indents with spaces")],
      };
    // After the first syntax error the parser's further errors are mostly its consequences, so
    // only that one is reported.
    const [first] = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
    return {
      ok: false,
      errors: first ? [located(source.positionOf(first.pos[0]), yamlMessage(first))] : [],
    };
  }

  if (contents === null || (isScalar(contents) && contents.value === null)) {
    const [later] = ignoredDocuments(ignored);
    const message =
      later === undefined
        ? "file is empty; expected a list of APIs"
        : "the first YAML document is empty, and Cortex reads only the first; remove the `---` before the APIs";
    const pos = later === undefined ? { line: 1, column: 1 } : source.positionOf(later.start);
    return { ok: false, errors: [located(pos, message)] };
  }

  const facts = prepareTree(contents);
  const aliasProblem = checkAliases(facts);
  if (aliasProblem) {
    const pos = source.positionOf(aliasProblem.alias.range?.[0] ?? 0);
    return { ok: false, errors: [located(pos, aliasProblem.message)] };
  }

  if (!isSeq(contents)) {
    const found = isMap(contents) ? "a mapping" : "a single value";
    return {
      ok: false,
      errors: [
        located(
          source.locate([]),
          `expected a list of APIs at the top level, found ${found}; start each API with \`- name: ...\``,
        ),
      ],
    };
  }

  let data: unknown;
  try {
    // yaml's own cap, a second line of defence behind checkAliases.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (e) {
    // Not expected after checkAliases; kept so user input never produces a stack trace.
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [located({ line: 1, column: 1 }, `cannot read YAML: ${message}`)] };
  }
  const errors: ConfigError[] = [];
  const warnings: ConfigError[] = ignoredDocuments(ignored).map((d) => ({
    ...located(source.positionOf(d.start), d.message),
    severity: "warning",
  }));
  for (const d of facts.duplicates) {
    const firstLine = source.positionOf(d.first.range?.[0] ?? 0).line;
    const name = String(d.path[d.path.length - 1]);
    const problem = located(
      source.positionOf(d.key.range?.[0] ?? 0),
      duplicateMessage(d, name, firstLine),
      d.path,
    );
    if (d.kind === "same") warnings.push({ ...problem, severity: "warning" });
    else errors.push(problem);
  }
  return { ok: true, value: { data: data as unknown[], source, errors, warnings } };
}
