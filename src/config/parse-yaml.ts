// YAML text → plain data plus a source map, with located errors for syntax errors, duplicate keys,
// tabs used as indentation, alias bombs and a top level that is not a list.

import {
  type Alias,
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
  parseDocument,
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

function duplicateKeyName(text: string, offset: number): string {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\n]*?)\s*:/.exec(
    text.slice(offset, offset + 300),
  );
  return m?.[1]?.trim() ?? "";
}

/** A mapping key as written: YAML 1.1 would read `N` as false and `1` as a number. */
function keyName(key: unknown): string {
  if (!isScalar(key)) return "?";
  if (typeof key.value === "string") return key.value;
  return typeof key.source === "string" ? key.source : String(key.value);
}

/** Path of the mapping key that starts at `offset`, for duplicate-key errors. */
function keyPathAt(contents: ParsedNode | null, offset: number): ConfigPath {
  let found: ConfigPath = [];
  const search = (node: unknown, path: (string | number)[]): boolean => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const name = keyName(key);
        if (key?.range?.[0] === offset) {
          found = [...path, name];
          return true;
        }
        if (search(pair.value, [...path, name])) return true;
      }
    } else if (isCollection(node)) {
      for (let i = 0; i < node.items.length; i++) {
        if (search(node.items[i], [...path, i])) return true;
      }
    }
    return false;
  };
  search(contents, []);
  return found;
}

function yamlMessage(e: YAMLError, text: string): string {
  const first = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+.*$/, "");
  switch (e.code) {
    case "DUPLICATE_KEY":
      return `duplicate key \`${duplicateKeyName(text, e.pos[0])}\`; each key may appear once per mapping`;
    case "TAB_AS_INDENT":
      return "tab used as indentation; YAML indents with spaces";
    case "MULTIPLE_DOCS":
      return "the file holds several YAML documents (`---`); put all APIs in one list";
    default:
      return `invalid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
  }
}

interface AliasProblem {
  alias: Alias;
  message: string;
}

interface TreeFacts {
  aliases: Alias[];
  /** Each alias's target: the latest node anchored with its name before it, as YAML defines it. */
  targets: Map<Alias, Node>;
}

/**
 * One document-order pass over the tree (yaml's visit() and Alias.resolve() are far slower: the
 * latter rescans the document per alias): collects aliases with their targets and keeps plain
 * scalar keys as written. YAML 1.1 reads the keys `N`, `on`, `True` or `1` as booleans and
 * numbers; Cortex's keys are strings, and an env var named `N` must stay `N`.
 */
function prepareTree(contents: ParsedNode): TreeFacts {
  const anchors = new Map<string, Node>();
  const aliases: Alias[] = [];
  const targets = new Map<Alias, Node>();
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
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) key.value = keyName(key);
        walk(key);
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(contents);
  return { aliases, targets };
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

/** Parses cortex.yaml's text the way Cortex's YAML 1.1 reader does, with positions kept. */
export function parseYaml(text: string, file: string): YamlResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    // Cortex reads YAML 1.1 (go-yaml): yes/no/on/off are booleans and `<<` merges mappings.
    version: "1.1",
    uniqueKeys: true,
    prettyErrors: false,
    customTags: goYamlFloats,
  });
  const contents = doc.contents as ParsedNode | null;
  const source = new SourceMap(contents, lines);
  const located = (pos: Position, message: string, path: ConfigPath = []): ConfigError => ({
    file,
    line: pos.line,
    column: pos.column,
    path: formatPath(path),
    message,
  });

  if (doc.errors.length > 0) {
    const firstLine = Math.min(...doc.errors.map((e) => source.positionOf(e.pos[0]).line));
    // A tab in the indentation confuses the parser into other errors: name the cause instead.
    const tab = firstIndentTab(text, firstLine);
    if (tab)
      return {
        ok: false,
        errors: [located(tab, "tab used as indentation; YAML indents with spaces")],
      };
    // Duplicate keys are independent of each other; after the first syntax error the parser's
    // further errors are mostly its consequences, so only that one is reported.
    const duplicates = doc.errors.filter((e) => e.code === "DUPLICATE_KEY");
    const syntax = doc.errors
      .filter((e) => e.code !== "DUPLICATE_KEY")
      .sort((a, b) => a.pos[0] - b.pos[0])
      .slice(0, 1);
    return {
      ok: false,
      errors: [...duplicates, ...syntax].map((e) => {
        const path = e.code === "DUPLICATE_KEY" ? keyPathAt(contents, e.pos[0]) : [];
        return located(source.positionOf(e.pos[0]), yamlMessage(e, text), path);
      }),
    };
  }

  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return {
      ok: false,
      errors: [located({ line: 1, column: 1 }, "file is empty; expected a list of APIs")],
    };
  }

  const aliasProblem = checkAliases(prepareTree(contents));
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
  return { ok: true, value: { data: data as unknown[], source } };
}
