import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-L7FMGZYY.js";
import {
  checkPod,
  compareQuantities,
  issue,
  parseExactQuantity,
  yamlBooleanHint
} from "./chunk-G4TVXNY4.js";
import {
  checkConfigId
} from "./chunk-YOXCTENX.js";
import {
  plural
} from "./chunk-IJQPKFB2.js";
import {
  MAX_PROGRESS_DEADLINE_SECONDS,
  MAX_SURGE,
  MIN_PANIC_WINDOW_SECONDS,
  MIN_PROGRESS_DEADLINE_SECONDS,
  applyDependentDefaults,
  canonicalEndpoint,
  canonicalMount,
  canonicalizeEndpoint,
  canonicalizeMounts
} from "./chunk-5UPG5FBY.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/config/duration.ts
var UNIT_NANOS = {
  ns: 1n,
  us: 1000n,
  "\xB5s": 1000n,
  // micro sign
  "\u03BCs": 1000n,
  // Greek mu
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n
};
var MAX_NANOS = (1n << 63n) - 1n;
var DurationError = class extends Error {
};
function isDigit(c) {
  return c !== void 0 && c >= "0" && c <= "9";
}
function parseDurationNanos(input) {
  const bad = (why) => new DurationError(`invalid duration "${input}": ${why}`);
  let s = input;
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw bad("it is empty");
  let total = 0n;
  let i = 0;
  while (i < s.length) {
    if (!(isDigit(s[i]) || s[i] === ".")) throw bad("expected a number");
    const intStart = i;
    while (isDigit(s[i])) i++;
    const intDigits = s.slice(intStart, i);
    let fracDigits = "";
    if (s[i] === ".") {
      i++;
      const fracStart = i;
      while (isDigit(s[i])) i++;
      fracDigits = s.slice(fracStart, i);
    }
    if (intDigits === "" && fracDigits === "") throw bad("expected a number");
    const unitStart = i;
    while (i < s.length && !isDigit(s[i]) && s[i] !== ".") i++;
    const unitText = s.slice(unitStart, i);
    if (unitText === "") throw bad("missing unit (use ns, us, ms, s, m or h)");
    const unit = UNIT_NANOS[unitText];
    if (unit === void 0) throw bad(`unknown unit "${unitText}" (use ns, us, ms, s, m or h)`);
    let nanos = BigInt(intDigits === "" ? "0" : intDigits) * unit;
    if (fracDigits !== "") nanos += BigInt(fracDigits) * unit / 10n ** BigInt(fracDigits.length);
    total += nanos;
    if (total > MAX_NANOS) throw bad("out of range");
  }
  return negative ? -total : total;
}
function parseDuration(s) {
  return Number(parseDurationNanos(s)) / 1e9;
}

// src/config/errors.ts
function describeConfigError(e) {
  return e.path === "" ? e.message : `${e.path}: ${e.message}`;
}
function formatConfigError(e) {
  return `${e.file}:${e.line}:${e.column}: ${e.severity ?? "error"}: ${describeConfigError(e)}`;
}
function countProblems(errors, warnings) {
  const e = errors === 0 && warnings === 0 ? "no errors" : plural(errors, "error");
  return warnings === 0 ? e : `${errors === 0 ? "" : `${e}, `}${plural(warnings, "warning")}`;
}
function sortConfigErrors(errors) {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}

// src/config/load.ts
import { readFile, stat } from "node:fs/promises";
import path2 from "node:path";

// src/config/parse-yaml.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/config/path.ts
var PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
function formatPath(path3) {
  let out = "";
  for (const seg of path3) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
function pointerToPath(pointer, root) {
  if (pointer === "") return [];
  const out = [];
  let node = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const index = Number(key);
      out.push(index);
      node = node[index];
    } else {
      out.push(key);
      node = isRecord(node) ? node[key] : void 0;
    }
  }
  return out;
}
function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// src/config/source-map.ts
var import_yaml = __toESM(require_dist(), 1);
function keyText(key) {
  return (0, import_yaml.isScalar)(key) ? String(key.value) : void 0;
}
function isEmptyScalar(node) {
  return (0, import_yaml.isScalar)(node) && node.value === null && node.range?.[0] === node.range?.[1];
}
var SourceMap = class {
  #contents;
  #lines;
  constructor(contents, lines) {
    this.#contents = contents;
    this.#lines = lines;
  }
  positionOf(offset) {
    const { line, col } = this.#lines.linePos(offset);
    return { line, column: col };
  }
  #start(node) {
    const offset = node?.range?.[0];
    return offset === void 0 ? { line: 1, column: 1 } : this.positionOf(offset);
  }
  #walk(path3) {
    let node = this.#contents;
    let pos = this.#start(node);
    let keyPos;
    for (let i = 0; i < path3.length; i++) {
      const seg = path3[i];
      keyPos = void 0;
      if ((0, import_yaml.isMap)(node)) {
        const pair = node.items.findLast((p) => keyText(p.key) === String(seg));
        if (pair === void 0) return { node, pos, complete: false };
        keyPos = this.#start(pair.key);
        const value = pair.value;
        if (value === null || isEmptyScalar(value)) {
          return { node: value, pos: keyPos, keyPos, complete: i === path3.length - 1 };
        }
        node = value;
        pos = this.#start(node);
      } else if ((0, import_yaml.isSeq)(node) && typeof seg === "number") {
        const item = node.items[seg];
        if (item === void 0) return { node, pos, complete: false };
        node = item;
        pos = this.#start(node);
      } else {
        return { node, pos, complete: false };
      }
    }
    return { node, pos, ...keyPos ? { keyPos } : {}, complete: true };
  }
  /** Where `path` is in the file: its key or its value; the nearest existing node otherwise. */
  locate(path3, at2 = "value") {
    const step = this.#walk(path3);
    if (step.complete && at2 === "key" && step.keyPos) return step.keyPos;
    return step.pos;
  }
  /** The text of the plain scalar at `path` as written (`y` for a value YAML read as true). */
  plainText(path3) {
    const step = this.#walk(path3);
    const node = step.complete ? step.node : null;
    if (!(0, import_yaml.isScalar)(node) || node.type !== "PLAIN" || typeof node.source !== "string")
      return void 0;
    return node.source;
  }
  /** Whether the user wrote this field (defaults do not count). */
  has(path3) {
    return this.#walk(path3).complete;
  }
};

// src/config/parse-yaml.ts
var MAX_ALIASES = 1e3;
var MAX_ALIAS_EXPANSION = 1e4;
function firstIndentTab(text, upToLine) {
  const lines = text.split("\n", upToLine);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lead = /^[ \t]*/.exec(line)?.[0] ?? "";
    const tab = lead.indexOf("	");
    if (tab >= 0 && lead.length < line.replace(/\r$/, "").length) {
      return { line: i + 1, column: tab + 1 };
    }
  }
  return void 0;
}
function keyName(key) {
  if (!(0, import_yaml2.isScalar)(key)) return "?";
  if (typeof key.value === "string") return key.value;
  return typeof key.source === "string" ? key.source : String(key.value);
}
function yamlMessage(e) {
  const first = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+.*$/, "");
  switch (e.code) {
    case "TAB_AS_INDENT":
      return "tab used as indentation; YAML indents with spaces";
    default:
      return `invalid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
  }
}
function goYamlKey(value) {
  return `${value === null ? "null" : typeof value}:${String(value)}`;
}
function isMergeKey(key) {
  return (0, import_yaml2.isScalar)(key) && key.type === "PLAIN" && key.source === "<<";
}
function prepareTree(contents) {
  const anchors = /* @__PURE__ */ new Map();
  const aliases = [];
  const targets = /* @__PURE__ */ new Map();
  const duplicates = [];
  const path3 = [];
  const walk = (node) => {
    if ((0, import_yaml2.isAlias)(node)) {
      aliases.push(node);
      const target = anchors.get(node.source);
      if (target !== void 0) targets.set(node, target);
      return;
    }
    if (!(0, import_yaml2.isNode)(node)) return;
    if (node.anchor) anchors.set(node.anchor, node);
    if ((0, import_yaml2.isMap)(node)) {
      const byName = /* @__PURE__ */ new Map();
      const byValue = /* @__PURE__ */ new Map();
      for (const pair of node.items) {
        const key = pair.key;
        const name = keyName(key);
        if ((0, import_yaml2.isScalar)(key) && !isMergeKey(key)) {
          const parsed = key.value;
          const cortex = goYamlKey(parsed);
          const seen = byName.get(name);
          const collides = typeof parsed === "string" ? void 0 : byValue.get(cortex);
          const at2 = { path: [...path3, name], key };
          if (seen !== void 0) {
            const kind = seen.cortex === cortex ? "same" : "quoted";
            const value = typeof parsed === "string" ? seen.parsed : parsed;
            duplicates.push({ ...at2, kind, first: seen.key, firstName: name, value });
          } else if (collides !== void 0) {
            duplicates.push({
              ...at2,
              kind: "yaml11",
              first: collides.key,
              firstName: collides.name,
              value: parsed
            });
          }
          byName.set(name, { key, cortex, parsed });
          if (typeof parsed !== "string") byValue.set(cortex, { key, name });
          key.value = name;
        }
        walk(key);
        path3.push(name);
        walk(pair.value);
        path3.pop();
      }
    } else if ((0, import_yaml2.isSeq)(node)) {
      node.items.forEach((item, i) => {
        path3.push(i);
        walk(item);
        path3.pop();
      });
    }
  };
  walk(contents);
  return { aliases, targets, duplicates };
}
function describeKeyValue(value) {
  if (value === null || value === void 0) return "null";
  return `the ${typeof value === "boolean" ? "boolean" : "number"} ${String(value)}`;
}
function duplicateMessage(d, name, firstLine) {
  switch (d.kind) {
    case "same":
      return `duplicate key \`${name}\`; the last one is used (as Cortex does)`;
    case "yaml11":
      return `keys \`${d.firstName}\` (line ${firstLine}) and \`${name}\` are the same key in YAML 1.1, as Cortex reads it: both ${describeKeyValue(d.value)}, not a string, which Cortex refuses; quote them ("${d.firstName}", "${name}")`;
    case "quoted":
      return `key \`${name}\` is written twice (line ${firstLine} and here), once quoted and once plain; YAML 1.1, as Cortex reads it, takes the plain one as ${describeKeyValue(d.value)}, not a string, which Cortex refuses; keep one, quoted`;
  }
}
function checkAliases({ aliases, targets }) {
  const tooMany = aliases[MAX_ALIASES];
  if (tooMany) {
    return {
      alias: tooMany,
      message: `more than ${MAX_ALIASES} aliases; refusing a possible alias bomb`
    };
  }
  const sizes = /* @__PURE__ */ new Map();
  const expanding = /* @__PURE__ */ new Set();
  const size = (node) => {
    if ((0, import_yaml2.isAlias)(node)) {
      const target = targets.get(node);
      return target === void 0 ? 1 : size(target);
    }
    if (!(0, import_yaml2.isCollection)(node)) return 1;
    const known = sizes.get(node);
    if (known !== void 0) return known;
    if (expanding.has(node)) return Number.POSITIVE_INFINITY;
    expanding.add(node);
    let total = 1;
    for (const item of node.items) {
      total += (0, import_yaml2.isPair)(item) ? size(item.key) + size(item.value) : size(item);
      if (total > MAX_ALIAS_EXPANSION) break;
    }
    expanding.delete(node);
    sizes.set(node, total);
    return total;
  };
  let expanded = 0;
  for (const alias of aliases) {
    const target = targets.get(alias);
    if (target === void 0) {
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
        message: `aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes; refusing a possible alias bomb`
      };
    }
  }
  return void 0;
}
function goYamlOnly(t) {
  if (typeof t !== "object") return true;
  if (t.tag === "tag:yaml.org,2002:timestamp") return false;
  const isNumber = t.tag === "tag:yaml.org,2002:int" || t.tag === "tag:yaml.org,2002:float";
  return !(isNumber && "format" in t && t.format === "TIME");
}
function goYamlFloats(tags) {
  return tags.filter(goYamlOnly).map((t) => {
    const test = typeof t === "object" && "test" in t ? t.test : void 0;
    if (!(test instanceof RegExp) || !test.test(".")) return t;
    const body = test.source.replace(/^\^|\$$/g, "");
    const strict = {
      ...t,
      test: new RegExp(`^(?=.*[0-9])(?:${body})$`, test.flags)
    };
    return strict;
  });
}
function ignoredDocuments(later) {
  return later.flatMap((d, i) => {
    const c = d.contents;
    const blank = c === null || (0, import_yaml2.isScalar)(c) && c.value === null && c.range[0] === c.range[1];
    if (blank && d.errors.length === 0) return [];
    const message = `YAML document ${i + 2} is ignored, as Cortex ignores it: it reads only the first document of the file; to deploy these APIs, add them to the first list`;
    return [{ start: d.range[0], message }];
  });
}
function parseYaml(text, file) {
  const lines = new import_yaml2.LineCounter();
  const docs = (0, import_yaml2.parseAllDocuments)(text, {
    lineCounter: lines,
    // Cortex reads YAML 1.1 (go-yaml): yes/no/on/off are booleans and `<<` merges mappings.
    version: "1.1",
    // Duplicate keys are found in prepareTree, which tells apart what Cortex accepts (the same
    // key twice: the last one wins) from keys that collide only as YAML 1.1 values.
    uniqueKeys: false,
    prettyErrors: false,
    customTags: goYamlFloats
  });
  const [doc, ...ignored] = docs;
  const contents = doc?.contents ?? null;
  const source = new SourceMap(contents, lines);
  const located = (pos, message, path3 = []) => ({
    file,
    line: pos.line,
    column: pos.column,
    path: formatPath(path3),
    message
  });
  if (doc === void 0) {
    return {
      ok: false,
      errors: [located({ line: 1, column: 1 }, "file is empty; expected a list of APIs")]
    };
  }
  if (doc.errors.length > 0) {
    const firstLine = Math.min(...doc.errors.map((e) => source.positionOf(e.pos[0]).line));
    const tab = firstIndentTab(text, firstLine);
    if (tab)
      return {
        ok: false,
        errors: [located(tab, "tab used as indentation; YAML indents with spaces")]
      };
    const [first] = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
    return {
      ok: false,
      errors: first ? [located(source.positionOf(first.pos[0]), yamlMessage(first))] : []
    };
  }
  if (contents === null || (0, import_yaml2.isScalar)(contents) && contents.value === null) {
    const [later] = ignoredDocuments(ignored);
    const message = later === void 0 ? "file is empty; expected a list of APIs" : "the first YAML document is empty, and Cortex reads only the first; remove the `---` before the APIs";
    const pos = later === void 0 ? { line: 1, column: 1 } : source.positionOf(later.start);
    return { ok: false, errors: [located(pos, message)] };
  }
  const facts = prepareTree(contents);
  const aliasProblem = checkAliases(facts);
  if (aliasProblem) {
    const pos = source.positionOf(aliasProblem.alias.range?.[0] ?? 0);
    return { ok: false, errors: [located(pos, aliasProblem.message)] };
  }
  if (!(0, import_yaml2.isSeq)(contents)) {
    const found = (0, import_yaml2.isMap)(contents) ? "a mapping" : "a single value";
    return {
      ok: false,
      errors: [
        located(
          source.locate([]),
          `expected a list of APIs at the top level, found ${found}; start each API with \`- name: ...\``
        )
      ]
    };
  }
  let data;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [located({ line: 1, column: 1 }, `cannot read YAML: ${message}`)] };
  }
  const errors = [];
  const warnings = ignoredDocuments(ignored).map((d) => ({
    ...located(source.positionOf(d.start), d.message),
    severity: "warning"
  }));
  for (const d of facts.duplicates) {
    const firstLine = source.positionOf(d.first.range?.[0] ?? 0).line;
    const name = String(d.path[d.path.length - 1]);
    const problem = located(
      source.positionOf(d.key.range?.[0] ?? 0),
      duplicateMessage(d, name, firstLine),
      d.path
    );
    if (d.kind === "same") warnings.push({ ...problem, severity: "warning" });
    else errors.push(problem);
  }
  return { ok: true, value: { data, source, errors, warnings } };
}

// src/config/precheck.ts
var MAX_CONFIG_BYTES = 1024 * 1024;
function at(file, line, column, message) {
  return { file, line, column, path: "", message };
}
function tooLargeError(file, size) {
  const mib = (size / MAX_CONFIG_BYTES).toFixed(1);
  return at(file, 1, 1, `file is ${mib} MiB (${size} bytes); the limit is 1 MiB`);
}
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 128) {
      i++;
      continue;
    }
    let extra;
    let lo = 128;
    let hi = 191;
    if (c >= 194 && c <= 223) extra = 1;
    else if (c >= 224 && c <= 239) {
      extra = 2;
      if (c === 224) lo = 160;
      if (c === 237) hi = 159;
    } else if (c >= 240 && c <= 244) {
      extra = 3;
      if (c === 240) lo = 144;
      if (c === 244) hi = 143;
    } else return i;
    for (let k = 1; k <= extra; k++) {
      const next = b[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [128, 191];
      if (next === void 0 || next < min || next > max) return i;
    }
    i += extra + 1;
  }
  return -1;
}
function utf8Error(bytes, file) {
  const offset = firstInvalidUtf8(bytes);
  const bad = Math.max(offset, 0);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
  const hex = (bytes[bad] ?? 0).toString(16).padStart(2, "0");
  return at(file, line, column, `file is not valid UTF-8 (byte 0x${hex}); save it as UTF-8`);
}
function utf16Bom(b) {
  if (b[0] === 255 && b[1] === 254) return "LE";
  if (b[0] === 254 && b[1] === 255) return "BE";
  return void 0;
}
function decodeUtf16(b, order, file) {
  const units = Math.floor((b.length - 2) / 2);
  const unit = (i) => {
    const hi = b[2 + 2 * i];
    const lo = b[3 + 2 * i];
    return order === "LE" ? hi | lo << 8 : hi << 8 | lo;
  };
  let bad = b.length % 2 === 1 ? units : -1;
  for (let i = 0; i < units; i++) {
    const u = unit(i);
    if (u >= 55296 && u <= 56319) {
      const next = i + 1 < units ? unit(i + 1) : -1;
      if (next >= 56320 && next <= 57343) {
        i++;
        continue;
      }
    }
    if (u >= 55296 && u <= 57343) {
      bad = i;
      break;
    }
  }
  if (bad < 0) {
    const text = new TextDecoder(order === "LE" ? "utf-16le" : "utf-16be").decode(b.subarray(2));
    return { ok: true, text };
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    if (unit(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const what = bad === units ? "an odd byte at the end" : "a lone surrogate";
  return {
    ok: false,
    error: at(
      file,
      line,
      bad - lineStart + 1,
      `file is not valid UTF-16 ${order} (${what}); save it as UTF-8`
    )
  };
}
function decodeConfigText(input, file) {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  if (size > MAX_CONFIG_BYTES) return { ok: false, error: tooLargeError(file, size) };
  let text;
  const order = typeof input === "string" ? void 0 : utf16Bom(input);
  if (typeof input === "string") text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  else if (order !== void 0) {
    const decoded = decodeUtf16(input, order, file);
    if (!decoded.ok) return decoded;
    text = decoded.text;
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      return { ok: false, error: utf8Error(input, file) };
    }
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    const before = text.slice(0, nul).split("\n");
    const column = (before[before.length - 1] ?? "").length + 1;
    const message = "file holds a NUL character, which YAML does not allow; if it is UTF-16 without a byte order mark, save it as UTF-8";
    return { ok: false, error: at(file, before.length, column, message) };
  }
  if (text.trim() === "") {
    return { ok: false, error: at(file, 1, 1, "file is empty; expected a list of APIs") };
  }
  return { ok: true, text };
}

// src/config/rules/durations.ts
var SECOND = 1000000000n;
function durationField(value, path3, out) {
  try {
    const nanos = parseDurationNanos(value);
    if (nanos < 0n) {
      out.push(issue(path3, `must not be negative, got "${value}"`));
      return void 0;
    }
    return nanos;
  } catch (e) {
    if (!(e instanceof DurationError)) throw e;
    out.push(issue(path3, `${e.message}; use a Go duration such as 60s, 5m or 1m30s`));
    return void 0;
  }
}

// src/config/rules/autoscaling.ts
var TICK = 10n * SECOND;
function checkAutoscaling(api, index, ctx) {
  const out = [];
  const a = api.autoscaling;
  const at2 = (field) => [index, "autoscaling", field];
  const ok = (...fields) => fields.every((f) => ctx.clean(at2(f)));
  if (ok("min_replicas", "max_replicas") && a.min_replicas > a.max_replicas) {
    const field = ctx.written(at2("min_replicas")) ? "min_replicas" : "max_replicas";
    out.push(
      issue(
        at2(field),
        `min_replicas (${a.min_replicas}) must not exceed max_replicas (${a.max_replicas})`
      )
    );
  } else if (ok("min_replicas", "max_replicas", "init_replicas") && (a.init_replicas < a.min_replicas || a.init_replicas > a.max_replicas)) {
    out.push(
      issue(
        at2("init_replicas"),
        `init_replicas (${a.init_replicas}) must be between min_replicas (${a.min_replicas}) and max_replicas (${a.max_replicas})`
      )
    );
  }
  if (api.kind === "RealtimeAPI" && ok("target_in_flight") && ctx.clean([index, "pod", "max_concurrency"]) && ctx.clean([index, "pod", "max_queue_length"])) {
    const { max_concurrency: mc, max_queue_length: mql } = api.pod;
    if (a.target_in_flight > mc + mql) {
      out.push(
        issue(
          at2("target_in_flight"),
          `target_in_flight (${a.target_in_flight}) must not exceed pod.max_concurrency + pod.max_queue_length (${mc} + ${mql} = ${mc + mql})`
        )
      );
    }
  }
  const duration2 = (field) => ok(field) ? durationField(String(a[field]), at2(field), out) : void 0;
  let window = duration2("window");
  if (window !== void 0 && window < TICK) {
    out.push(issue(at2("window"), `must be at least 10s, got "${a.window}"`));
    window = void 0;
  } else if (window !== void 0 && window % TICK !== 0n) {
    out.push(issue(at2("window"), `must be a multiple of 10s, got "${a.window}"`));
    window = void 0;
  }
  duration2("downscale_stabilization_period");
  duration2("upscale_stabilization_period");
  const panic = duration2("panic_window");
  if (panic !== void 0 && panic > 0n && panic < BigInt(MIN_PANIC_WINDOW_SECONDS) * SECOND) {
    out.push(
      issue(
        at2("panic_window"),
        `must be at least ${MIN_PANIC_WINDOW_SECONDS}s (the controller samples every second), or 0s to turn panic mode off; got "${a.panic_window}"`
      )
    );
  } else if (panic !== void 0 && window !== void 0 && panic > window) {
    out.push(
      issue(
        at2("panic_window"),
        `must not be longer than window (${a.window}), got "${a.panic_window}"`
      )
    );
  }
  return out;
}
function isZero(v) {
  return Number.parseInt(String(v), 10) === 0;
}
function checkUpdateStrategy(api, index, ctx) {
  const out = [];
  const u = api.update_strategy;
  const at2 = (field) => [index, "update_strategy", field];
  for (const field of ["max_surge", "max_unavailable"]) {
    const v = u[field];
    if (ctx.clean(at2(field)) && typeof v === "string" && /^[0-9]+$/.test(v)) {
      out.push(
        issue(at2(field), `must be at most ${MAX_SURGE}, got the string ${JSON.stringify(v)}`)
      );
    }
  }
  if (ctx.clean(at2("max_surge")) && ctx.clean(at2("max_unavailable")) && isZero(u.max_surge) && isZero(u.max_unavailable)) {
    out.push(
      issue(
        [index, "update_strategy"],
        "max_surge and max_unavailable cannot both be 0: a rollout could not make progress",
        "key"
      )
    );
  }
  if (ctx.clean(at2("progress_deadline"))) {
    const deadline = durationField(u.progress_deadline, at2("progress_deadline"), out);
    if (deadline !== void 0 && deadline < BigInt(MIN_PROGRESS_DEADLINE_SECONDS) * SECOND) {
      out.push(
        issue(
          at2("progress_deadline"),
          `must be at least ${MIN_PROGRESS_DEADLINE_SECONDS}s (a shorter one rolls back rollouts whose pods are still starting), got "${u.progress_deadline}"`
        )
      );
    } else if (deadline !== void 0 && deadline > BigInt(MAX_PROGRESS_DEADLINE_SECONDS) * SECOND) {
      out.push(
        issue(
          at2("progress_deadline"),
          `must be at most 24h (a rollout not Ready by then will not be), got "${u.progress_deadline}"`
        )
      );
    }
  }
  return out;
}

// src/config/rules/networking.ts
import path from "node:path";
function checkEndpoint(api, index) {
  const endpoint = api.networking.endpoint;
  const at2 = [index, "networking", "endpoint"];
  if (endpoint.includes("//")) return [issue(at2, `must not contain "//", got "${endpoint}"`)];
  if (canonicalEndpoint(endpoint) === "/") {
    return [issue(at2, 'cannot be the root path "/"; give the API its own path')];
  }
  return [];
}
function hasDotDot(p) {
  return p.split(/[/\\]/).includes("..");
}
var RUNTIME_PATHS = ["/dev", "/proc", "/sys"];
var SECRET_PATHS = ["/var/run/secrets", "/run/secrets"];
var SYSTEM_FOLDERS = /* @__PURE__ */ new Set([
  "/bin",
  "/boot",
  "/etc",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/run",
  "/sbin",
  "/usr",
  "/usr/bin",
  "/usr/lib",
  "/usr/lib64",
  "/usr/local",
  "/usr/sbin",
  "/usr/share",
  "/var",
  "/var/lib",
  "/var/run"
]);
function hiddenBy(mount) {
  const under = (p) => mount === p || mount.startsWith(`${p}/`);
  if (mount === "/") return "the image's whole file system";
  if (RUNTIME_PATHS.some(under)) return "what the container runtime provides there";
  if (SECRET_PATHS.some(under)) return "the pod's ServiceAccount token and secrets";
  if (SYSTEM_FOLDERS.has(mount)) return `the image's own ${mount}`;
  return void 0;
}
function checkArtifacts(artifacts, index, shm) {
  const out = [];
  artifacts.forEach((a, j) => {
    const at2 = [index, "artifacts", j];
    if (path.posix.isAbsolute(a.path) || path.win32.isAbsolute(a.path)) {
      out.push(
        issue([...at2, "path"], `must be relative to the folder of cortex.yaml, got "${a.path}"`)
      );
    } else if (hasDotDot(a.path)) {
      out.push(
        issue([...at2, "path"], `must stay inside the repository (no ".."), got "${a.path}"`)
      );
    }
    if (!a.mount.startsWith("/")) {
      out.push(issue([...at2, "mount"], `must be an absolute path in the pod, got "${a.mount}"`));
    } else if (hasDotDot(a.mount)) {
      out.push(issue([...at2, "mount"], `must not contain "..", got "${a.mount}"`));
    } else {
      const mount = canonicalMount(a.mount);
      const shmFolder = mount === "/dev/shm" || mount.startsWith("/dev/shm/");
      const hidden = shmFolder && !shm ? void 0 : hiddenBy(mount);
      if (shmFolder && shm) {
        out.push(
          issue(
            [...at2, "mount"],
            `${a.mount} is where compute.shm puts the pod's shared memory; mount the artifacts elsewhere`
          )
        );
      } else if (hidden !== void 0) {
        out.push(
          issue(
            [...at2, "mount"],
            `cannot be ${JSON.stringify(a.mount)}: a volume there would hide ${hidden}; mount the artifacts elsewhere, such as /mnt/artifacts`
          )
        );
      }
    }
  });
  return out;
}

// src/config/rules/traffic-splitter.ts
var MAX_SPLITTER_TARGETS = 100;
function checkTrafficSplitter(api, index) {
  const out = [];
  const apis = [index, "apis"];
  if (api.apis.length > MAX_SPLITTER_TARGETS) {
    out.push(
      issue(
        apis,
        `lists ${api.apis.length} APIs; a TrafficSplitter can have at most ${MAX_SPLITTER_TARGETS}`,
        "key"
      )
    );
  }
  const total = api.apis.filter((t) => !t.shadow).reduce((sum, t) => sum + t.weight, 0);
  if (total !== 100) {
    out.push(
      issue(
        apis,
        `the weights of the non-shadow APIs add up to ${total}; they must add up to 100`,
        "key"
      )
    );
  }
  let shadow;
  const firstByName = /* @__PURE__ */ new Map();
  api.apis.forEach((t, j) => {
    if (t.shadow) {
      if (shadow !== void 0) {
        out.push(
          issue(
            [...apis, j, "shadow"],
            `only one API can be the shadow; apis[${shadow}] already is`
          )
        );
      } else shadow = j;
    }
    const first = firstByName.get(t.name);
    if (first !== void 0) {
      out.push(
        issue([...apis, j, "name"], `\`${t.name}\` is listed twice; first at apis[${first}]`)
      );
    } else firstByName.set(t.name, j);
  });
  return out;
}
function checkTargets(apis, ctx) {
  const out = [];
  const byName = new Map(apis.map((a) => [a.api.name, a.api]));
  for (const { api, index } of apis) {
    if (api.kind !== "TrafficSplitter") continue;
    if (!ctx.intact([index, "apis"])) continue;
    api.apis.forEach((t, j) => {
      if (!ctx.clean([index, "apis", j, "name"])) return;
      const target = byName.get(t.name);
      if (target !== void 0 && target.kind !== "RealtimeAPI") {
        out.push(
          issue(
            [index, "apis", j, "name"],
            `\`${t.name}\` is a ${target.kind}; a TrafficSplitter can only route to RealtimeAPIs`
          )
        );
      }
    });
  }
  return out;
}

// src/config/rules/api.ts
function endpointChecked(api, index, ctx) {
  return ctx.clean([index, "networking"]) && typeof api.networking.endpoint === "string";
}
function setsShm(api, index, ctx) {
  const containers = [index, "pod", "containers"];
  if (!ctx.intact(containers) || !Array.isArray(api.pod.containers)) return false;
  return api.pod.containers.some(
    (c, j) => ctx.intact([...containers, j, "compute", "shm"]) && c.compute.shm !== null
  );
}
function checkApi(api, index, ctx) {
  const out = endpointChecked(api, index, ctx) ? checkEndpoint(api, index) : [];
  if (api.kind === "TrafficSplitter") {
    if (ctx.clean([index, "apis"])) out.push(...checkTrafficSplitter(api, index));
    return out;
  }
  if (ctx.intact([index, "pod"])) out.push(...checkPod(api, index, ctx));
  if (ctx.clean([index, "artifacts"])) {
    out.push(...checkArtifacts(api.artifacts, index, setsShm(api, index, ctx)));
  }
  if (api.kind === "RealtimeAPI" || api.kind === "AsyncAPI") {
    if (ctx.intact([index, "autoscaling"])) out.push(...checkAutoscaling(api, index, ctx));
    if (ctx.intact([index, "update_strategy"])) out.push(...checkUpdateStrategy(api, index, ctx));
  }
  return out;
}
function checkFile(apis, ctx) {
  const out = [];
  const names = /* @__PURE__ */ new Map();
  const endpoints = /* @__PURE__ */ new Map();
  const named = apis.filter(({ index }) => ctx.clean([index, "name"]));
  for (const { api, index } of named) {
    const first = names.get(api.name);
    if (first !== void 0) {
      out.push(issue([index, "name"], `API name \`${api.name}\` is already used by [${first}]`));
      continue;
    }
    names.set(api.name, index);
    if (!endpointChecked(api, index, ctx)) continue;
    const endpoint = canonicalEndpoint(api.networking.endpoint);
    const owner = endpoints.get(endpoint);
    if (owner !== void 0) {
      out.push(
        issue(
          [index, "networking", "endpoint"],
          `endpoint ${endpoint} is already used by API \`${owner}\``
        )
      );
    } else endpoints.set(endpoint, api.name);
  }
  out.push(...checkTargets(named, ctx));
  return out;
}

// src/config/rules/health.ts
function isPrefix(prefix, path3) {
  if (prefix.length > path3.length) return false;
  return prefix.every((seg, i) => seg === path3[i]);
}
function healthFrom(schemaIssues) {
  const all = schemaIssues.map((i) => i.path);
  const broken = schemaIssues.filter((i) => i.unknownField !== true).map((i) => i.path);
  return {
    intact: (path3) => !broken.some((b) => isPrefix(b, path3)),
    clean: (path3) => !all.some((b) => isPrefix(b, path3) || isPrefix(path3, b))
  };
}

// src/config/cortex.schema.json
var cortex_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://cortexdeploy.dev/schemas/cortex.schema.json",
  title: "cortex.yaml",
  description: "A list of APIs in Cortex v0.42's format, plus cortex-deploy's extensions (artifacts, autoscaling.panic_window, autoscaling.panic_threshold, update_strategy.progress_deadline). Rules that span fields (uniqueness, min <= max, durations, quantities, ...) live in src/config/rules/; `x-messages` are human messages for a failing keyword, `x-role` groups the per-kind variants of one object so an unknown field can be recognised as belonging to another kind.",
  type: "array",
  minItems: 1,
  "x-messages": {
    minItems: "the file lists no APIs; expected a list of APIs"
  },
  items: {
    $ref: "#/definitions/api"
  },
  definitions: {
    api: {
      type: "object",
      required: [
        "name",
        "kind"
      ],
      properties: {
        name: {
          $ref: "#/definitions/apiName"
        },
        kind: {
          enum: [
            "RealtimeAPI",
            "AsyncAPI",
            "BatchAPI",
            "TaskAPI",
            "TrafficSplitter"
          ]
        }
      },
      allOf: [
        {
          if: {
            type: "object",
            required: [
              "kind"
            ],
            properties: {
              kind: {
                const: "RealtimeAPI"
              }
            }
          },
          then: {
            $ref: "#/definitions/realtimeApi"
          }
        },
        {
          if: {
            type: "object",
            required: [
              "kind"
            ],
            properties: {
              kind: {
                const: "AsyncAPI"
              }
            }
          },
          then: {
            $ref: "#/definitions/asyncApi"
          }
        },
        {
          if: {
            type: "object",
            required: [
              "kind"
            ],
            properties: {
              kind: {
                const: "BatchAPI"
              }
            }
          },
          then: {
            $ref: "#/definitions/batchApi"
          }
        },
        {
          if: {
            type: "object",
            required: [
              "kind"
            ],
            properties: {
              kind: {
                const: "TaskAPI"
              }
            }
          },
          then: {
            $ref: "#/definitions/taskApi"
          }
        },
        {
          if: {
            type: "object",
            required: [
              "kind"
            ],
            properties: {
              kind: {
                const: "TrafficSplitter"
              }
            }
          },
          then: {
            $ref: "#/definitions/trafficSplitter"
          }
        }
      ]
    },
    apiName: {
      type: "string",
      maxLength: 42,
      pattern: "^[a-z]([-a-z0-9]*[a-z0-9])?$",
      "x-messages": {
        pattern: "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and not ending with '-'"
      }
    },
    realtimeApi: {
      type: "object",
      "x-role": "api",
      required: [
        "pod"
      ],
      additionalProperties: false,
      properties: {
        name: true,
        kind: true,
        pod: {
          $ref: "#/definitions/realtimePod"
        },
        node_groups: {
          $ref: "#/definitions/nodeGroups",
          default: null
        },
        networking: {
          $ref: "#/definitions/networking",
          default: {}
        },
        autoscaling: {
          $ref: "#/definitions/autoscaling",
          default: {}
        },
        update_strategy: {
          $ref: "#/definitions/updateStrategy",
          default: {}
        },
        artifacts: {
          $ref: "#/definitions/artifacts",
          default: []
        }
      }
    },
    asyncApi: {
      type: "object",
      "x-role": "api",
      required: [
        "pod"
      ],
      additionalProperties: false,
      properties: {
        name: true,
        kind: true,
        pod: {
          $ref: "#/definitions/asyncPod"
        },
        node_groups: {
          $ref: "#/definitions/nodeGroups",
          default: null
        },
        networking: {
          $ref: "#/definitions/networking",
          default: {}
        },
        autoscaling: {
          $ref: "#/definitions/autoscaling",
          default: {}
        },
        update_strategy: {
          $ref: "#/definitions/updateStrategy",
          default: {}
        },
        artifacts: {
          $ref: "#/definitions/artifacts",
          default: []
        }
      }
    },
    batchApi: {
      type: "object",
      "x-role": "api",
      required: [
        "pod"
      ],
      additionalProperties: false,
      properties: {
        name: true,
        kind: true,
        pod: {
          $ref: "#/definitions/batchPod"
        },
        node_groups: {
          $ref: "#/definitions/nodeGroups",
          default: null
        },
        networking: {
          $ref: "#/definitions/networking",
          default: {}
        },
        artifacts: {
          $ref: "#/definitions/artifacts",
          default: []
        }
      }
    },
    taskApi: {
      type: "object",
      "x-role": "api",
      required: [
        "pod"
      ],
      additionalProperties: false,
      properties: {
        name: true,
        kind: true,
        pod: {
          $ref: "#/definitions/taskPod"
        },
        node_groups: {
          $ref: "#/definitions/nodeGroups",
          default: null
        },
        networking: {
          $ref: "#/definitions/networking",
          default: {}
        },
        artifacts: {
          $ref: "#/definitions/artifacts",
          default: []
        }
      }
    },
    trafficSplitter: {
      type: "object",
      "x-role": "api",
      required: [
        "apis"
      ],
      additionalProperties: false,
      properties: {
        name: true,
        kind: true,
        apis: {
          type: "array",
          minItems: 1,
          items: {
            $ref: "#/definitions/trafficSplit"
          }
        },
        networking: {
          $ref: "#/definitions/networking",
          default: {}
        }
      }
    },
    trafficSplit: {
      type: "object",
      required: [
        "name",
        "weight"
      ],
      additionalProperties: false,
      properties: {
        name: {
          $ref: "#/definitions/apiName"
        },
        weight: {
          type: "integer",
          minimum: 0,
          maximum: 100
        },
        shadow: {
          type: "boolean",
          default: false
        }
      }
    },
    realtimePod: {
      type: "object",
      "x-role": "pod",
      required: [
        "containers"
      ],
      additionalProperties: false,
      properties: {
        port: {
          $ref: "#/definitions/podPort",
          default: 8080
        },
        max_concurrency: {
          type: "integer",
          minimum: 1,
          maximum: 3e4,
          default: 1
        },
        max_queue_length: {
          type: "integer",
          minimum: 1,
          maximum: 3e4,
          default: 100
        },
        containers: {
          type: "array",
          minItems: 1,
          items: {
            $ref: "#/definitions/realtimeContainer"
          },
          "x-messages": {
            minItems: "must list at least one container"
          }
        }
      }
    },
    asyncPod: {
      type: "object",
      "x-role": "pod",
      required: [
        "containers"
      ],
      additionalProperties: false,
      properties: {
        port: {
          $ref: "#/definitions/podPort",
          default: 8080
        },
        max_concurrency: {
          type: "integer",
          minimum: 1,
          maximum: 100,
          default: 1
        },
        containers: {
          type: "array",
          minItems: 1,
          items: {
            $ref: "#/definitions/asyncContainer"
          },
          "x-messages": {
            minItems: "must list at least one container"
          }
        }
      }
    },
    batchPod: {
      type: "object",
      "x-role": "pod",
      required: [
        "containers"
      ],
      additionalProperties: false,
      properties: {
        port: {
          $ref: "#/definitions/podPort",
          default: 8080
        },
        containers: {
          type: "array",
          minItems: 1,
          items: {
            $ref: "#/definitions/batchContainer"
          },
          "x-messages": {
            minItems: "must list at least one container"
          }
        }
      }
    },
    taskPod: {
      type: "object",
      "x-role": "pod",
      required: [
        "containers"
      ],
      additionalProperties: false,
      properties: {
        containers: {
          type: "array",
          minItems: 1,
          items: {
            $ref: "#/definitions/taskContainer"
          },
          "x-messages": {
            minItems: "must list at least one container"
          }
        }
      }
    },
    podPort: {
      description: "Explicit null means the default, as in Cortex.",
      type: [
        "integer",
        "null"
      ],
      minimum: 1,
      maximum: 65535
    },
    realtimeContainer: {
      type: "object",
      "x-role": "container",
      required: [
        "name",
        "image"
      ],
      additionalProperties: false,
      properties: {
        name: {
          $ref: "#/definitions/containerName"
        },
        image: {
          $ref: "#/definitions/image"
        },
        env: {
          $ref: "#/definitions/env",
          default: {}
        },
        command: {
          $ref: "#/definitions/stringListOrNull",
          default: null
        },
        args: {
          $ref: "#/definitions/stringListOrNull",
          default: null
        },
        compute: {
          $ref: "#/definitions/compute",
          default: {}
        },
        readiness_probe: {
          $ref: "#/definitions/probe",
          default: null
        },
        liveness_probe: {
          $ref: "#/definitions/probe",
          default: null
        },
        pre_stop: {
          $ref: "#/definitions/preStop",
          default: null
        }
      }
    },
    asyncContainer: {
      type: "object",
      "x-role": "container",
      required: [
        "name",
        "image"
      ],
      additionalProperties: false,
      properties: {
        name: {
          $ref: "#/definitions/containerName"
        },
        image: {
          $ref: "#/definitions/image"
        },
        env: {
          $ref: "#/definitions/env",
          default: {}
        },
        command: {
          $ref: "#/definitions/stringListOrNull",
          default: null
        },
        args: {
          $ref: "#/definitions/stringListOrNull",
          default: null
        },
        compute: {
          $ref: "#/definitions/compute",
          default: {}
        },
        readiness_probe: {
          $ref: "#/definitions/probeWithoutExec",
          default: null
        },
        liveness_probe: {
          $ref: "#/definitions/probe",
          default: null
        },
        pre_stop: {
          $ref: "#/definitions/preStop",
          default: null
        }
      }
    },
    batchContainer: {
      type: "object",
      "x-role": "container",
      required: [
        "name",
        "image",
        "command"
      ],
      additionalProperties: false,
      properties: {
        name: {
          $ref: "#/definitions/containerName"
        },
        image: {
          $ref: "#/definitions/image"
        },
        env: {
          $ref: "#/definitions/env",
          default: {}
        },
        command: {
          $ref: "#/definitions/stringList"
        },
        args: {
          $ref: "#/definitions/stringListOrNull",
          default: null
        },
        compute: {
          $ref: "#/definitions/compute",
          default: {}
        },
        readiness_probe: {
          $ref: "#/definitions/probeWithoutExec",
          default: null
        },
        liveness_probe: {
          $ref: "#/definitions/probe",
          default: null
        }
      }
    },
    taskContainer: {
      type: "object",
      "x-role": "container",
      required: [
        "name",
        "image",
        "command"
      ],
      additionalProperties: false,
      properties: {
        name: {
          $ref: "#/definitions/containerName"
        },
        image: {
          $ref: "#/definitions/image"
        },
        env: {
          $ref: "#/definitions/env",
          default: {}
        },
        command: {
          $ref: "#/definitions/stringList"
        },
        args: {
          $ref: "#/definitions/stringListOrNull",
          default: null
        },
        compute: {
          $ref: "#/definitions/compute",
          default: {}
        },
        liveness_probe: {
          $ref: "#/definitions/probe",
          default: null
        }
      }
    },
    containerName: {
      type: "string",
      maxLength: 63,
      pattern: "^[a-z]([-a-z0-9]*[a-z0-9])?$",
      "x-messages": {
        pattern: "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and not ending with '-'"
      }
    },
    image: {
      type: "string",
      maxLength: 4096,
      pattern: "^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$",
      "x-messages": {
        pattern: "must be a container image reference such as quay.io/org/image:tag (registry and repository names are lowercase, the registry's parts separated by single dots, no spaces)"
      }
    },
    env: {
      type: "object",
      propertyNames: {
        pattern: "^[-._a-zA-Z][-._a-zA-Z0-9]*$",
        "x-messages": {
          pattern: "must be a valid environment variable name: letters, digits, '_', '-' and '.', not starting with a digit"
        }
      },
      additionalProperties: {
        type: "string",
        "x-messages": {
          type: 'must be a string; quote numbers and booleans (e.g. "1", "true")'
        }
      }
    },
    stringList: {
      type: "array",
      items: {
        type: "string",
        "x-messages": {
          type: 'must be a string; quote numbers and booleans (e.g. "1", "true")'
        }
      }
    },
    stringListOrNull: {
      type: [
        "array",
        "null"
      ],
      items: {
        type: "string",
        "x-messages": {
          type: 'must be a string; quote numbers and booleans (e.g. "1", "true")'
        }
      }
    },
    compute: {
      type: "object",
      additionalProperties: false,
      properties: {
        cpu: {
          type: [
            "string",
            "number",
            "null"
          ],
          default: "200m"
        },
        mem: {
          type: [
            "string",
            "number",
            "null"
          ],
          default: null
        },
        gpu: {
          type: "integer",
          minimum: 0,
          default: 0
        },
        inf: {
          type: "integer",
          minimum: 0,
          default: 0
        },
        shm: {
          type: [
            "string",
            "number",
            "null"
          ],
          default: null
        }
      }
    },
    probe: {
      type: [
        "object",
        "null"
      ],
      "x-role": "probe",
      additionalProperties: false,
      properties: {
        http_get: {
          $ref: "#/definitions/httpGetHandler",
          default: null
        },
        tcp_socket: {
          $ref: "#/definitions/tcpSocketHandler",
          default: null
        },
        exec: {
          $ref: "#/definitions/execHandler",
          default: null
        },
        initial_delay_seconds: {
          $ref: "#/definitions/probeInt",
          default: 0
        },
        timeout_seconds: {
          $ref: "#/definitions/probeInt",
          default: 1
        },
        period_seconds: {
          $ref: "#/definitions/probeInt",
          default: 10
        },
        success_threshold: {
          $ref: "#/definitions/probeInt",
          default: 1
        },
        failure_threshold: {
          $ref: "#/definitions/probeInt",
          default: 3
        }
      }
    },
    probeWithoutExec: {
      description: "Cortex runs readiness checks of AsyncAPI and BatchAPI through its own sidecar, which cannot exec.",
      type: [
        "object",
        "null"
      ],
      "x-role": "probe",
      additionalProperties: false,
      properties: {
        http_get: {
          $ref: "#/definitions/httpGetHandler",
          default: null
        },
        tcp_socket: {
          $ref: "#/definitions/tcpSocketHandler",
          default: null
        },
        initial_delay_seconds: {
          $ref: "#/definitions/probeInt",
          default: 0
        },
        timeout_seconds: {
          $ref: "#/definitions/probeInt",
          default: 1
        },
        period_seconds: {
          $ref: "#/definitions/probeInt",
          default: 10
        },
        success_threshold: {
          $ref: "#/definitions/probeInt",
          default: 1
        },
        failure_threshold: {
          $ref: "#/definitions/probeInt",
          default: 3
        }
      }
    },
    probeInt: {
      type: "integer",
      minimum: 0,
      maximum: 2147483647
    },
    preStop: {
      type: [
        "object",
        "null"
      ],
      additionalProperties: false,
      properties: {
        http_get: {
          $ref: "#/definitions/httpGetHandler",
          default: null
        },
        exec: {
          $ref: "#/definitions/execHandler",
          default: null
        }
      }
    },
    httpGetHandler: {
      type: [
        "object",
        "null"
      ],
      required: [
        "port"
      ],
      additionalProperties: false,
      properties: {
        path: {
          type: "string",
          default: "/",
          pattern: "^[a-zA-Z0-9_\\-./]*$",
          "x-messages": {
            pattern: "may contain only letters, digits, '_', '-', '.' and '/'"
          }
        },
        port: {
          type: "integer",
          minimum: 1,
          maximum: 65535
        }
      }
    },
    tcpSocketHandler: {
      type: [
        "object",
        "null"
      ],
      required: [
        "port"
      ],
      additionalProperties: false,
      properties: {
        port: {
          type: "integer",
          minimum: 1,
          maximum: 65535
        }
      }
    },
    execHandler: {
      type: [
        "object",
        "null"
      ],
      required: [
        "command"
      ],
      additionalProperties: false,
      properties: {
        command: {
          $ref: "#/definitions/stringList",
          type: "array",
          minItems: 1,
          "x-messages": {
            minItems: "must not be empty; list the command to run, such as [cat, /tmp/ready]"
          }
        }
      }
    },
    nodeGroups: {
      type: [
        "array",
        "null"
      ],
      minItems: 1,
      "x-messages": {
        minItems: "must list at least one node group, or be null for any node group"
      },
      items: {
        type: "string",
        pattern: "^[a-zA-Z0-9_-]+$",
        "x-messages": {
          pattern: "may contain only letters, digits, '_' and '-'"
        }
      }
    },
    networking: {
      type: "object",
      additionalProperties: false,
      properties: {
        endpoint: {
          description: "Defaults to /<name>; `//` and `/` are rejected by the rules.",
          type: [
            "string",
            "null"
          ],
          default: null,
          maxLength: 1e3,
          pattern: "^[a-zA-Z0-9_\\-./]*$",
          "x-messages": {
            pattern: "may contain only letters, digits, '_', '-', '.' and '/'"
          }
        }
      }
    },
    autoscaling: {
      type: "object",
      additionalProperties: false,
      properties: {
        min_replicas: {
          type: "integer",
          minimum: 0,
          maximum: 2147483647,
          default: 1
        },
        max_replicas: {
          type: "integer",
          minimum: 1,
          maximum: 2147483647,
          default: 100
        },
        init_replicas: {
          description: "Defaults to min_replicas (applied by the rules).",
          type: "integer",
          minimum: 0,
          maximum: 2147483647
        },
        target_in_flight: {
          description: "Defaults to pod.max_concurrency (applied by the rules).",
          type: "number",
          exclusiveMinimum: 0
        },
        window: {
          $ref: "#/definitions/duration",
          default: "60s"
        },
        downscale_stabilization_period: {
          $ref: "#/definitions/duration",
          default: "5m"
        },
        upscale_stabilization_period: {
          $ref: "#/definitions/duration",
          default: "1m"
        },
        max_downscale_factor: {
          type: "number",
          minimum: 0,
          exclusiveMaximum: 1,
          default: 0.75
        },
        max_upscale_factor: {
          type: "number",
          exclusiveMinimum: 1,
          default: 1.5
        },
        downscale_tolerance: {
          type: "number",
          minimum: 0,
          exclusiveMaximum: 1,
          default: 0.05
        },
        upscale_tolerance: {
          type: "number",
          minimum: 0,
          default: 0.05
        },
        panic_window: {
          description: "Extension of cortex-deploy. 0s turns panic mode off.",
          $ref: "#/definitions/duration",
          default: "6s"
        },
        panic_threshold: {
          description: "Extension of cortex-deploy.",
          type: "number",
          exclusiveMinimum: 1,
          default: 2
        }
      }
    },
    updateStrategy: {
      type: "object",
      additionalProperties: false,
      properties: {
        max_surge: {
          $ref: "#/definitions/surgeOrUnavailable",
          default: "25%"
        },
        max_unavailable: {
          $ref: "#/definitions/surgeOrUnavailable",
          default: "25%"
        },
        progress_deadline: {
          description: "Extension of cortex-deploy.",
          $ref: "#/definitions/duration",
          default: "10m"
        }
      }
    },
    surgeOrUnavailable: {
      type: [
        "integer",
        "string"
      ],
      minimum: 0,
      maximum: 2147483647,
      pattern: "^(?:[0-9]+|0*(?:100|[1-9]?[0-9])%)$",
      "x-messages": {
        pattern: "must be an integer >= 0 or a percentage from 0% to 100%"
      }
    },
    duration: {
      description: "A Go duration such as 60s, 5m or 1m30s; parsed and bounded by the rules.",
      type: "string",
      "x-messages": {
        type: 'must be a duration string such as "60s", "5m" or "1m30s"'
      }
    },
    artifacts: {
      description: "Extension of cortex-deploy.",
      type: "array",
      items: {
        type: "object",
        required: [
          "path"
        ],
        additionalProperties: false,
        properties: {
          path: {
            type: "string",
            minLength: 1
          },
          mount: {
            type: "string",
            minLength: 1,
            default: "/mnt/artifacts"
          }
        }
      }
    }
  }
};

// src/config/generated/validate.js
var validate = validate21;
var schema6 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://cortexdeploy.dev/schemas/cortex.schema.json", "title": "cortex.yaml", "description": "A list of APIs in Cortex v0.42's format, plus cortex-deploy's extensions (artifacts, autoscaling.panic_window, autoscaling.panic_threshold, update_strategy.progress_deadline). Rules that span fields (uniqueness, min <= max, durations, quantities, ...) live in src/config/rules/; `x-messages` are human messages for a failing keyword, `x-role` groups the per-kind variants of one object so an unknown field can be recognised as belonging to another kind.", "type": "array", "minItems": 1, "x-messages": { "minItems": "the file lists no APIs; expected a list of APIs" }, "items": { "$ref": "#/definitions/api" }, "definitions": { "api": { "type": "object", "required": ["name", "kind"], "properties": { "name": { "$ref": "#/definitions/apiName" }, "kind": { "enum": ["RealtimeAPI", "AsyncAPI", "BatchAPI", "TaskAPI", "TrafficSplitter"] } }, "allOf": [{ "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "RealtimeAPI" } } }, "then": { "$ref": "#/definitions/realtimeApi" } }, { "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "AsyncAPI" } } }, "then": { "$ref": "#/definitions/asyncApi" } }, { "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "BatchAPI" } } }, "then": { "$ref": "#/definitions/batchApi" } }, { "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "TaskAPI" } } }, "then": { "$ref": "#/definitions/taskApi" } }, { "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "TrafficSplitter" } } }, "then": { "$ref": "#/definitions/trafficSplitter" } }] }, "apiName": { "type": "string", "maxLength": 42, "pattern": "^[a-z]([-a-z0-9]*[a-z0-9])?$", "x-messages": { "pattern": "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and not ending with '-'" } }, "realtimeApi": { "type": "object", "x-role": "api", "required": ["pod"], "additionalProperties": false, "properties": { "name": true, "kind": true, "pod": { "$ref": "#/definitions/realtimePod" }, "node_groups": { "$ref": "#/definitions/nodeGroups", "default": null }, "networking": { "$ref": "#/definitions/networking", "default": {} }, "autoscaling": { "$ref": "#/definitions/autoscaling", "default": {} }, "update_strategy": { "$ref": "#/definitions/updateStrategy", "default": {} }, "artifacts": { "$ref": "#/definitions/artifacts", "default": [] } } }, "asyncApi": { "type": "object", "x-role": "api", "required": ["pod"], "additionalProperties": false, "properties": { "name": true, "kind": true, "pod": { "$ref": "#/definitions/asyncPod" }, "node_groups": { "$ref": "#/definitions/nodeGroups", "default": null }, "networking": { "$ref": "#/definitions/networking", "default": {} }, "autoscaling": { "$ref": "#/definitions/autoscaling", "default": {} }, "update_strategy": { "$ref": "#/definitions/updateStrategy", "default": {} }, "artifacts": { "$ref": "#/definitions/artifacts", "default": [] } } }, "batchApi": { "type": "object", "x-role": "api", "required": ["pod"], "additionalProperties": false, "properties": { "name": true, "kind": true, "pod": { "$ref": "#/definitions/batchPod" }, "node_groups": { "$ref": "#/definitions/nodeGroups", "default": null }, "networking": { "$ref": "#/definitions/networking", "default": {} }, "artifacts": { "$ref": "#/definitions/artifacts", "default": [] } } }, "taskApi": { "type": "object", "x-role": "api", "required": ["pod"], "additionalProperties": false, "properties": { "name": true, "kind": true, "pod": { "$ref": "#/definitions/taskPod" }, "node_groups": { "$ref": "#/definitions/nodeGroups", "default": null }, "networking": { "$ref": "#/definitions/networking", "default": {} }, "artifacts": { "$ref": "#/definitions/artifacts", "default": [] } } }, "trafficSplitter": { "type": "object", "x-role": "api", "required": ["apis"], "additionalProperties": false, "properties": { "name": true, "kind": true, "apis": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/trafficSplit" } }, "networking": { "$ref": "#/definitions/networking", "default": {} } } }, "trafficSplit": { "type": "object", "required": ["name", "weight"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/apiName" }, "weight": { "type": "integer", "minimum": 0, "maximum": 100 }, "shadow": { "type": "boolean", "default": false } } }, "realtimePod": { "type": "object", "x-role": "pod", "required": ["containers"], "additionalProperties": false, "properties": { "port": { "$ref": "#/definitions/podPort", "default": 8080 }, "max_concurrency": { "type": "integer", "minimum": 1, "maximum": 3e4, "default": 1 }, "max_queue_length": { "type": "integer", "minimum": 1, "maximum": 3e4, "default": 100 }, "containers": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/realtimeContainer" }, "x-messages": { "minItems": "must list at least one container" } } } }, "asyncPod": { "type": "object", "x-role": "pod", "required": ["containers"], "additionalProperties": false, "properties": { "port": { "$ref": "#/definitions/podPort", "default": 8080 }, "max_concurrency": { "type": "integer", "minimum": 1, "maximum": 100, "default": 1 }, "containers": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/asyncContainer" }, "x-messages": { "minItems": "must list at least one container" } } } }, "batchPod": { "type": "object", "x-role": "pod", "required": ["containers"], "additionalProperties": false, "properties": { "port": { "$ref": "#/definitions/podPort", "default": 8080 }, "containers": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/batchContainer" }, "x-messages": { "minItems": "must list at least one container" } } } }, "taskPod": { "type": "object", "x-role": "pod", "required": ["containers"], "additionalProperties": false, "properties": { "containers": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/taskContainer" }, "x-messages": { "minItems": "must list at least one container" } } } }, "podPort": { "description": "Explicit null means the default, as in Cortex.", "type": ["integer", "null"], "minimum": 1, "maximum": 65535 }, "realtimeContainer": { "type": "object", "x-role": "container", "required": ["name", "image"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/containerName" }, "image": { "$ref": "#/definitions/image" }, "env": { "$ref": "#/definitions/env", "default": {} }, "command": { "$ref": "#/definitions/stringListOrNull", "default": null }, "args": { "$ref": "#/definitions/stringListOrNull", "default": null }, "compute": { "$ref": "#/definitions/compute", "default": {} }, "readiness_probe": { "$ref": "#/definitions/probe", "default": null }, "liveness_probe": { "$ref": "#/definitions/probe", "default": null }, "pre_stop": { "$ref": "#/definitions/preStop", "default": null } } }, "asyncContainer": { "type": "object", "x-role": "container", "required": ["name", "image"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/containerName" }, "image": { "$ref": "#/definitions/image" }, "env": { "$ref": "#/definitions/env", "default": {} }, "command": { "$ref": "#/definitions/stringListOrNull", "default": null }, "args": { "$ref": "#/definitions/stringListOrNull", "default": null }, "compute": { "$ref": "#/definitions/compute", "default": {} }, "readiness_probe": { "$ref": "#/definitions/probeWithoutExec", "default": null }, "liveness_probe": { "$ref": "#/definitions/probe", "default": null }, "pre_stop": { "$ref": "#/definitions/preStop", "default": null } } }, "batchContainer": { "type": "object", "x-role": "container", "required": ["name", "image", "command"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/containerName" }, "image": { "$ref": "#/definitions/image" }, "env": { "$ref": "#/definitions/env", "default": {} }, "command": { "$ref": "#/definitions/stringList" }, "args": { "$ref": "#/definitions/stringListOrNull", "default": null }, "compute": { "$ref": "#/definitions/compute", "default": {} }, "readiness_probe": { "$ref": "#/definitions/probeWithoutExec", "default": null }, "liveness_probe": { "$ref": "#/definitions/probe", "default": null } } }, "taskContainer": { "type": "object", "x-role": "container", "required": ["name", "image", "command"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/containerName" }, "image": { "$ref": "#/definitions/image" }, "env": { "$ref": "#/definitions/env", "default": {} }, "command": { "$ref": "#/definitions/stringList" }, "args": { "$ref": "#/definitions/stringListOrNull", "default": null }, "compute": { "$ref": "#/definitions/compute", "default": {} }, "liveness_probe": { "$ref": "#/definitions/probe", "default": null } } }, "containerName": { "type": "string", "maxLength": 63, "pattern": "^[a-z]([-a-z0-9]*[a-z0-9])?$", "x-messages": { "pattern": "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and not ending with '-'" } }, "image": { "type": "string", "maxLength": 4096, "pattern": "^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$", "x-messages": { "pattern": "must be a container image reference such as quay.io/org/image:tag (registry and repository names are lowercase, the registry's parts separated by single dots, no spaces)" } }, "env": { "type": "object", "propertyNames": { "pattern": "^[-._a-zA-Z][-._a-zA-Z0-9]*$", "x-messages": { "pattern": "must be a valid environment variable name: letters, digits, '_', '-' and '.', not starting with a digit" } }, "additionalProperties": { "type": "string", "x-messages": { "type": 'must be a string; quote numbers and booleans (e.g. "1", "true")' } } }, "stringList": { "type": "array", "items": { "type": "string", "x-messages": { "type": 'must be a string; quote numbers and booleans (e.g. "1", "true")' } } }, "stringListOrNull": { "type": ["array", "null"], "items": { "type": "string", "x-messages": { "type": 'must be a string; quote numbers and booleans (e.g. "1", "true")' } } }, "compute": { "type": "object", "additionalProperties": false, "properties": { "cpu": { "type": ["string", "number", "null"], "default": "200m" }, "mem": { "type": ["string", "number", "null"], "default": null }, "gpu": { "type": "integer", "minimum": 0, "default": 0 }, "inf": { "type": "integer", "minimum": 0, "default": 0 }, "shm": { "type": ["string", "number", "null"], "default": null } } }, "probe": { "type": ["object", "null"], "x-role": "probe", "additionalProperties": false, "properties": { "http_get": { "$ref": "#/definitions/httpGetHandler", "default": null }, "tcp_socket": { "$ref": "#/definitions/tcpSocketHandler", "default": null }, "exec": { "$ref": "#/definitions/execHandler", "default": null }, "initial_delay_seconds": { "$ref": "#/definitions/probeInt", "default": 0 }, "timeout_seconds": { "$ref": "#/definitions/probeInt", "default": 1 }, "period_seconds": { "$ref": "#/definitions/probeInt", "default": 10 }, "success_threshold": { "$ref": "#/definitions/probeInt", "default": 1 }, "failure_threshold": { "$ref": "#/definitions/probeInt", "default": 3 } } }, "probeWithoutExec": { "description": "Cortex runs readiness checks of AsyncAPI and BatchAPI through its own sidecar, which cannot exec.", "type": ["object", "null"], "x-role": "probe", "additionalProperties": false, "properties": { "http_get": { "$ref": "#/definitions/httpGetHandler", "default": null }, "tcp_socket": { "$ref": "#/definitions/tcpSocketHandler", "default": null }, "initial_delay_seconds": { "$ref": "#/definitions/probeInt", "default": 0 }, "timeout_seconds": { "$ref": "#/definitions/probeInt", "default": 1 }, "period_seconds": { "$ref": "#/definitions/probeInt", "default": 10 }, "success_threshold": { "$ref": "#/definitions/probeInt", "default": 1 }, "failure_threshold": { "$ref": "#/definitions/probeInt", "default": 3 } } }, "probeInt": { "type": "integer", "minimum": 0, "maximum": 2147483647 }, "preStop": { "type": ["object", "null"], "additionalProperties": false, "properties": { "http_get": { "$ref": "#/definitions/httpGetHandler", "default": null }, "exec": { "$ref": "#/definitions/execHandler", "default": null } } }, "httpGetHandler": { "type": ["object", "null"], "required": ["port"], "additionalProperties": false, "properties": { "path": { "type": "string", "default": "/", "pattern": "^[a-zA-Z0-9_\\-./]*$", "x-messages": { "pattern": "may contain only letters, digits, '_', '-', '.' and '/'" } }, "port": { "type": "integer", "minimum": 1, "maximum": 65535 } } }, "tcpSocketHandler": { "type": ["object", "null"], "required": ["port"], "additionalProperties": false, "properties": { "port": { "type": "integer", "minimum": 1, "maximum": 65535 } } }, "execHandler": { "type": ["object", "null"], "required": ["command"], "additionalProperties": false, "properties": { "command": { "$ref": "#/definitions/stringList", "type": "array", "minItems": 1, "x-messages": { "minItems": "must not be empty; list the command to run, such as [cat, /tmp/ready]" } } } }, "nodeGroups": { "type": ["array", "null"], "minItems": 1, "x-messages": { "minItems": "must list at least one node group, or be null for any node group" }, "items": { "type": "string", "pattern": "^[a-zA-Z0-9_-]+$", "x-messages": { "pattern": "may contain only letters, digits, '_' and '-'" } } }, "networking": { "type": "object", "additionalProperties": false, "properties": { "endpoint": { "description": "Defaults to /<name>; `//` and `/` are rejected by the rules.", "type": ["string", "null"], "default": null, "maxLength": 1e3, "pattern": "^[a-zA-Z0-9_\\-./]*$", "x-messages": { "pattern": "may contain only letters, digits, '_', '-', '.' and '/'" } } } }, "autoscaling": { "type": "object", "additionalProperties": false, "properties": { "min_replicas": { "type": "integer", "minimum": 0, "maximum": 2147483647, "default": 1 }, "max_replicas": { "type": "integer", "minimum": 1, "maximum": 2147483647, "default": 100 }, "init_replicas": { "description": "Defaults to min_replicas (applied by the rules).", "type": "integer", "minimum": 0, "maximum": 2147483647 }, "target_in_flight": { "description": "Defaults to pod.max_concurrency (applied by the rules).", "type": "number", "exclusiveMinimum": 0 }, "window": { "$ref": "#/definitions/duration", "default": "60s" }, "downscale_stabilization_period": { "$ref": "#/definitions/duration", "default": "5m" }, "upscale_stabilization_period": { "$ref": "#/definitions/duration", "default": "1m" }, "max_downscale_factor": { "type": "number", "minimum": 0, "exclusiveMaximum": 1, "default": 0.75 }, "max_upscale_factor": { "type": "number", "exclusiveMinimum": 1, "default": 1.5 }, "downscale_tolerance": { "type": "number", "minimum": 0, "exclusiveMaximum": 1, "default": 0.05 }, "upscale_tolerance": { "type": "number", "minimum": 0, "default": 0.05 }, "panic_window": { "description": "Extension of cortex-deploy. 0s turns panic mode off.", "$ref": "#/definitions/duration", "default": "6s" }, "panic_threshold": { "description": "Extension of cortex-deploy.", "type": "number", "exclusiveMinimum": 1, "default": 2 } } }, "updateStrategy": { "type": "object", "additionalProperties": false, "properties": { "max_surge": { "$ref": "#/definitions/surgeOrUnavailable", "default": "25%" }, "max_unavailable": { "$ref": "#/definitions/surgeOrUnavailable", "default": "25%" }, "progress_deadline": { "description": "Extension of cortex-deploy.", "$ref": "#/definitions/duration", "default": "10m" } } }, "surgeOrUnavailable": { "type": ["integer", "string"], "minimum": 0, "maximum": 2147483647, "pattern": "^(?:[0-9]+|0*(?:100|[1-9]?[0-9])%)$", "x-messages": { "pattern": "must be an integer >= 0 or a percentage from 0% to 100%" } }, "duration": { "description": "A Go duration such as 60s, 5m or 1m30s; parsed and bounded by the rules.", "type": "string", "x-messages": { "type": 'must be a duration string such as "60s", "5m" or "1m30s"' } }, "artifacts": { "description": "Extension of cortex-deploy.", "type": "array", "items": { "type": "object", "required": ["path"], "additionalProperties": false, "properties": { "path": { "type": "string", "minLength": 1 }, "mount": { "type": "string", "minLength": 1, "default": "/mnt/artifacts" } } } } } };
var schema7 = { "type": "object", "required": ["name", "kind"], "properties": { "name": { "$ref": "#/definitions/apiName" }, "kind": { "enum": ["RealtimeAPI", "AsyncAPI", "BatchAPI", "TaskAPI", "TrafficSplitter"] } }, "allOf": [{ "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "RealtimeAPI" } } }, "then": { "$ref": "#/definitions/realtimeApi" } }, { "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "AsyncAPI" } } }, "then": { "$ref": "#/definitions/asyncApi" } }, { "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "BatchAPI" } } }, "then": { "$ref": "#/definitions/batchApi" } }, { "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "TaskAPI" } } }, "then": { "$ref": "#/definitions/taskApi" } }, { "if": { "type": "object", "required": ["kind"], "properties": { "kind": { "const": "TrafficSplitter" } } }, "then": { "$ref": "#/definitions/trafficSplitter" } }] };
var schema8 = { "type": "object", "x-role": "api", "required": ["pod"], "additionalProperties": false, "properties": { "name": true, "kind": true, "pod": { "$ref": "#/definitions/realtimePod" }, "node_groups": { "$ref": "#/definitions/nodeGroups", "default": null }, "networking": { "$ref": "#/definitions/networking", "default": {} }, "autoscaling": { "$ref": "#/definitions/autoscaling", "default": {} }, "update_strategy": { "$ref": "#/definitions/updateStrategy", "default": {} }, "artifacts": { "$ref": "#/definitions/artifacts", "default": [] } } };
var schema9 = { "type": "object", "x-role": "pod", "required": ["containers"], "additionalProperties": false, "properties": { "port": { "$ref": "#/definitions/podPort", "default": 8080 }, "max_concurrency": { "type": "integer", "minimum": 1, "maximum": 3e4, "default": 1 }, "max_queue_length": { "type": "integer", "minimum": 1, "maximum": 3e4, "default": 100 }, "containers": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/realtimeContainer" }, "x-messages": { "minItems": "must list at least one container" } } } };
var schema10 = { "description": "Explicit null means the default, as in Cortex.", "type": ["integer", "null"], "minimum": 1, "maximum": 65535 };
function validate25(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(typeof data == "number" && (!(data % 1) && !isNaN(data)) && isFinite(data)) && data !== null) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema10.type }, message: "must be integer,null", schema: schema10.type, parentSchema: schema10, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (typeof data == "number" && isFinite(data)) {
    if (data > 65535 || isNaN(data)) {
      const err1 = { instancePath, schemaPath: "#/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535", schema: 65535, parentSchema: schema10, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data < 1 || isNaN(data)) {
      const err2 = { instancePath, schemaPath: "#/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema10, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
  }
  validate25.errors = vErrors;
  return errors === 0;
}
var schema11 = { "type": "object", "x-role": "container", "required": ["name", "image"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/containerName" }, "image": { "$ref": "#/definitions/image" }, "env": { "$ref": "#/definitions/env", "default": {} }, "command": { "$ref": "#/definitions/stringListOrNull", "default": null }, "args": { "$ref": "#/definitions/stringListOrNull", "default": null }, "compute": { "$ref": "#/definitions/compute", "default": {} }, "readiness_probe": { "$ref": "#/definitions/probe", "default": null }, "liveness_probe": { "$ref": "#/definitions/probe", "default": null }, "pre_stop": { "$ref": "#/definitions/preStop", "default": null } } };
var func2 = Object.prototype.hasOwnProperty;
var schema12 = { "type": "string", "maxLength": 63, "pattern": "^[a-z]([-a-z0-9]*[a-z0-9])?$", "x-messages": { "pattern": "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and not ending with '-'" } };
var pattern0 = new RegExp("^[a-z]([-a-z0-9]*[a-z0-9])?$", "u");
function validate28(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (typeof data === "string") {
    if (data.length > 63) {
      const err0 = { instancePath, schemaPath: "#/maxLength", keyword: "maxLength", params: { limit: 63 }, message: "must NOT have more than 63 characters", schema: 63, parentSchema: schema12, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (!pattern0.test(data)) {
      const err1 = { instancePath, schemaPath: "#/pattern", keyword: "pattern", params: { pattern: "^[a-z]([-a-z0-9]*[a-z0-9])?$" }, message: 'must match pattern "^[a-z]([-a-z0-9]*[a-z0-9])?$"', schema: "^[a-z]([-a-z0-9]*[a-z0-9])?$", parentSchema: schema12, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
  } else {
    const err2 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema12.type, parentSchema: schema12, data };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate28.errors = vErrors;
  return errors === 0;
}
var schema13 = { "type": "string", "maxLength": 4096, "pattern": "^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$", "x-messages": { "pattern": "must be a container image reference such as quay.io/org/image:tag (registry and repository names are lowercase, the registry's parts separated by single dots, no spaces)" } };
var pattern1 = new RegExp("^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$", "u");
function validate30(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (typeof data === "string") {
    if (data.length > 4096) {
      const err0 = { instancePath, schemaPath: "#/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema13, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (!pattern1.test(data)) {
      const err1 = { instancePath, schemaPath: "#/pattern", keyword: "pattern", params: { pattern: "^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$" }, message: 'must match pattern "^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$"', schema: "^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$", parentSchema: schema13, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
  } else {
    const err2 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema13.type, parentSchema: schema13, data };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate30.errors = vErrors;
  return errors === 0;
}
var schema14 = { "type": "object", "propertyNames": { "pattern": "^[-._a-zA-Z][-._a-zA-Z0-9]*$", "x-messages": { "pattern": "must be a valid environment variable name: letters, digits, '_', '-' and '.', not starting with a digit" } }, "additionalProperties": { "type": "string", "x-messages": { "type": 'must be a string; quote numbers and booleans (e.g. "1", "true")' } } };
var pattern2 = new RegExp("^[-._a-zA-Z][-._a-zA-Z0-9]*$", "u");
function validate32(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    for (const key0 in data) {
      const _errs1 = errors;
      if (typeof key0 === "string") {
        if (!pattern2.test(key0)) {
          const err0 = { instancePath, schemaPath: "#/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[-._a-zA-Z][-._a-zA-Z0-9]*$" }, message: 'must match pattern "^[-._a-zA-Z][-._a-zA-Z0-9]*$"', schema: "^[-._a-zA-Z][-._a-zA-Z0-9]*$", parentSchema: schema14.propertyNames, data: key0, propertyName: key0 };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
      }
      var valid0 = _errs1 === errors;
      if (!valid0) {
        const err1 = { instancePath, schemaPath: "#/propertyNames", keyword: "propertyNames", params: { propertyName: key0 }, message: "property name must be valid", schema: schema14.propertyNames, parentSchema: schema14, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    for (const key1 in data) {
      let data0 = data[key1];
      if (typeof data0 !== "string") {
        const err2 = { instancePath: instancePath + "/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema14.additionalProperties.type, parentSchema: schema14.additionalProperties, data: data0 };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
  } else {
    const err3 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema14.type, parentSchema: schema14, data };
    if (vErrors === null) {
      vErrors = [err3];
    } else {
      vErrors.push(err3);
    }
    errors++;
  }
  validate32.errors = vErrors;
  return errors === 0;
}
var schema15 = { "type": ["array", "null"], "items": { "type": "string", "x-messages": { "type": 'must be a string; quote numbers and booleans (e.g. "1", "true")' } } };
function validate34(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!Array.isArray(data) && data !== null) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema15.type }, message: "must be array,null", schema: schema15.type, parentSchema: schema15, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (Array.isArray(data)) {
    const len0 = data.length;
    for (let i0 = 0; i0 < len0; i0++) {
      let data0 = data[i0];
      if (typeof data0 !== "string") {
        const err1 = { instancePath: instancePath + "/" + i0, schemaPath: "#/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema15.items.type, parentSchema: schema15.items, data: data0 };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
  }
  validate34.errors = vErrors;
  return errors === 0;
}
var schema16 = { "type": "object", "additionalProperties": false, "properties": { "cpu": { "type": ["string", "number", "null"], "default": "200m" }, "mem": { "type": ["string", "number", "null"], "default": null }, "gpu": { "type": "integer", "minimum": 0, "default": 0 }, "inf": { "type": "integer", "minimum": 0, "default": 0 }, "shm": { "type": ["string", "number", "null"], "default": null } } };
function validate37(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.cpu === void 0) {
      data.cpu = "200m";
    }
    if (data.mem === void 0) {
      data.mem = null;
    }
    if (data.gpu === void 0) {
      data.gpu = 0;
    }
    if (data.inf === void 0) {
      data.inf = 0;
    }
    if (data.shm === void 0) {
      data.shm = null;
    }
    for (const key0 in data) {
      if (!(key0 === "cpu" || key0 === "mem" || key0 === "gpu" || key0 === "inf" || key0 === "shm")) {
        const err0 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema16, data };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    let data0 = data.cpu;
    if (typeof data0 !== "string" && !(typeof data0 == "number" && isFinite(data0)) && data0 !== null) {
      const err1 = { instancePath: instancePath + "/cpu", schemaPath: "#/properties/cpu/type", keyword: "type", params: { type: schema16.properties.cpu.type }, message: "must be string,number,null", schema: schema16.properties.cpu.type, parentSchema: schema16.properties.cpu, data: data0 };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    let data1 = data.mem;
    if (typeof data1 !== "string" && !(typeof data1 == "number" && isFinite(data1)) && data1 !== null) {
      const err2 = { instancePath: instancePath + "/mem", schemaPath: "#/properties/mem/type", keyword: "type", params: { type: schema16.properties.mem.type }, message: "must be string,number,null", schema: schema16.properties.mem.type, parentSchema: schema16.properties.mem, data: data1 };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    let data2 = data.gpu;
    if (!(typeof data2 == "number" && (!(data2 % 1) && !isNaN(data2)) && isFinite(data2))) {
      const err3 = { instancePath: instancePath + "/gpu", schemaPath: "#/properties/gpu/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema16.properties.gpu.type, parentSchema: schema16.properties.gpu, data: data2 };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    if (typeof data2 == "number" && isFinite(data2)) {
      if (data2 < 0 || isNaN(data2)) {
        const err4 = { instancePath: instancePath + "/gpu", schemaPath: "#/properties/gpu/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema16.properties.gpu, data: data2 };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    let data3 = data.inf;
    if (!(typeof data3 == "number" && (!(data3 % 1) && !isNaN(data3)) && isFinite(data3))) {
      const err5 = { instancePath: instancePath + "/inf", schemaPath: "#/properties/inf/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema16.properties.inf.type, parentSchema: schema16.properties.inf, data: data3 };
      if (vErrors === null) {
        vErrors = [err5];
      } else {
        vErrors.push(err5);
      }
      errors++;
    }
    if (typeof data3 == "number" && isFinite(data3)) {
      if (data3 < 0 || isNaN(data3)) {
        const err6 = { instancePath: instancePath + "/inf", schemaPath: "#/properties/inf/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema16.properties.inf, data: data3 };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    let data4 = data.shm;
    if (typeof data4 !== "string" && !(typeof data4 == "number" && isFinite(data4)) && data4 !== null) {
      const err7 = { instancePath: instancePath + "/shm", schemaPath: "#/properties/shm/type", keyword: "type", params: { type: schema16.properties.shm.type }, message: "must be string,number,null", schema: schema16.properties.shm.type, parentSchema: schema16.properties.shm, data: data4 };
      if (vErrors === null) {
        vErrors = [err7];
      } else {
        vErrors.push(err7);
      }
      errors++;
    }
  } else {
    const err8 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema16.type, parentSchema: schema16, data };
    if (vErrors === null) {
      vErrors = [err8];
    } else {
      vErrors.push(err8);
    }
    errors++;
  }
  validate37.errors = vErrors;
  return errors === 0;
}
var schema17 = { "type": ["object", "null"], "x-role": "probe", "additionalProperties": false, "properties": { "http_get": { "$ref": "#/definitions/httpGetHandler", "default": null }, "tcp_socket": { "$ref": "#/definitions/tcpSocketHandler", "default": null }, "exec": { "$ref": "#/definitions/execHandler", "default": null }, "initial_delay_seconds": { "$ref": "#/definitions/probeInt", "default": 0 }, "timeout_seconds": { "$ref": "#/definitions/probeInt", "default": 1 }, "period_seconds": { "$ref": "#/definitions/probeInt", "default": 10 }, "success_threshold": { "$ref": "#/definitions/probeInt", "default": 1 }, "failure_threshold": { "$ref": "#/definitions/probeInt", "default": 3 } } };
var schema18 = { "type": ["object", "null"], "required": ["port"], "additionalProperties": false, "properties": { "path": { "type": "string", "default": "/", "pattern": "^[a-zA-Z0-9_\\-./]*$", "x-messages": { "pattern": "may contain only letters, digits, '_', '-', '.' and '/'" } }, "port": { "type": "integer", "minimum": 1, "maximum": 65535 } } };
var pattern3 = new RegExp("^[a-zA-Z0-9_\\-./]*$", "u");
function validate40(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(data && typeof data == "object" && !Array.isArray(data)) && data !== null) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema18.type }, message: "must be object,null", schema: schema18.type, parentSchema: schema18, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.path === void 0) {
      data.path = "/";
    }
    if (data.port === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "port" }, message: "must have required property 'port'", schema: schema18.required, parentSchema: schema18, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "path" || key0 === "port")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema18, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    let data0 = data.path;
    if (typeof data0 === "string") {
      if (!pattern3.test(data0)) {
        const err3 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/pattern", keyword: "pattern", params: { pattern: "^[a-zA-Z0-9_\\-./]*$" }, message: 'must match pattern "^[a-zA-Z0-9_\\-./]*$"', schema: "^[a-zA-Z0-9_\\-./]*$", parentSchema: schema18.properties.path, data: data0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    } else {
      const err4 = { instancePath: instancePath + "/path", schemaPath: "#/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema18.properties.path.type, parentSchema: schema18.properties.path, data: data0 };
      if (vErrors === null) {
        vErrors = [err4];
      } else {
        vErrors.push(err4);
      }
      errors++;
    }
    if (data.port !== void 0) {
      let data1 = data.port;
      if (!(typeof data1 == "number" && (!(data1 % 1) && !isNaN(data1)) && isFinite(data1))) {
        const err5 = { instancePath: instancePath + "/port", schemaPath: "#/properties/port/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema18.properties.port.type, parentSchema: schema18.properties.port, data: data1 };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
      if (typeof data1 == "number" && isFinite(data1)) {
        if (data1 > 65535 || isNaN(data1)) {
          const err6 = { instancePath: instancePath + "/port", schemaPath: "#/properties/port/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535", schema: 65535, parentSchema: schema18.properties.port, data: data1 };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
        if (data1 < 1 || isNaN(data1)) {
          const err7 = { instancePath: instancePath + "/port", schemaPath: "#/properties/port/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema18.properties.port, data: data1 };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      }
    }
  }
  validate40.errors = vErrors;
  return errors === 0;
}
var schema19 = { "type": ["object", "null"], "required": ["port"], "additionalProperties": false, "properties": { "port": { "type": "integer", "minimum": 1, "maximum": 65535 } } };
function validate42(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(data && typeof data == "object" && !Array.isArray(data)) && data !== null) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema19.type }, message: "must be object,null", schema: schema19.type, parentSchema: schema19, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.port === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "port" }, message: "must have required property 'port'", schema: schema19.required, parentSchema: schema19, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "port")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema19, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.port !== void 0) {
      let data0 = data.port;
      if (!(typeof data0 == "number" && (!(data0 % 1) && !isNaN(data0)) && isFinite(data0))) {
        const err3 = { instancePath: instancePath + "/port", schemaPath: "#/properties/port/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema19.properties.port.type, parentSchema: schema19.properties.port, data: data0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      if (typeof data0 == "number" && isFinite(data0)) {
        if (data0 > 65535 || isNaN(data0)) {
          const err4 = { instancePath: instancePath + "/port", schemaPath: "#/properties/port/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535", schema: 65535, parentSchema: schema19.properties.port, data: data0 };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
        if (data0 < 1 || isNaN(data0)) {
          const err5 = { instancePath: instancePath + "/port", schemaPath: "#/properties/port/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema19.properties.port, data: data0 };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      }
    }
  }
  validate42.errors = vErrors;
  return errors === 0;
}
var schema20 = { "type": ["object", "null"], "required": ["command"], "additionalProperties": false, "properties": { "command": { "$ref": "#/definitions/stringList", "type": "array", "minItems": 1, "x-messages": { "minItems": "must not be empty; list the command to run, such as [cat, /tmp/ready]" } } } };
var schema21 = { "type": "array", "items": { "type": "string", "x-messages": { "type": 'must be a string; quote numbers and booleans (e.g. "1", "true")' } } };
function validate45(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (Array.isArray(data)) {
    const len0 = data.length;
    for (let i0 = 0; i0 < len0; i0++) {
      let data0 = data[i0];
      if (typeof data0 !== "string") {
        const err0 = { instancePath: instancePath + "/" + i0, schemaPath: "#/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema21.items.type, parentSchema: schema21.items, data: data0 };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
  } else {
    const err1 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema21.type, parentSchema: schema21, data };
    if (vErrors === null) {
      vErrors = [err1];
    } else {
      vErrors.push(err1);
    }
    errors++;
  }
  validate45.errors = vErrors;
  return errors === 0;
}
function validate44(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(data && typeof data == "object" && !Array.isArray(data)) && data !== null) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema20.type }, message: "must be object,null", schema: schema20.type, parentSchema: schema20, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.command === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "command" }, message: "must have required property 'command'", schema: schema20.required, parentSchema: schema20, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "command")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema20, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.command !== void 0) {
      let data0 = data.command;
      if (!validate45(data0, { instancePath: instancePath + "/command", parentData: data, parentDataProperty: "command", rootData })) {
        vErrors = vErrors === null ? validate45.errors : vErrors.concat(validate45.errors);
        errors = vErrors.length;
      }
      if (Array.isArray(data0)) {
        if (data0.length < 1) {
          const err3 = { instancePath: instancePath + "/command", schemaPath: "#/properties/command/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema20.properties.command, data: data0 };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = { instancePath: instancePath + "/command", schemaPath: "#/properties/command/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema20.properties.command.type, parentSchema: schema20.properties.command, data: data0 };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
  }
  validate44.errors = vErrors;
  return errors === 0;
}
var schema22 = { "type": "integer", "minimum": 0, "maximum": 2147483647 };
function validate48(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(typeof data == "number" && (!(data % 1) && !isNaN(data)) && isFinite(data))) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema22.type, parentSchema: schema22, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (typeof data == "number" && isFinite(data)) {
    if (data > 2147483647 || isNaN(data)) {
      const err1 = { instancePath, schemaPath: "#/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2147483647 }, message: "must be <= 2147483647", schema: 2147483647, parentSchema: schema22, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data < 0 || isNaN(data)) {
      const err2 = { instancePath, schemaPath: "#/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema22, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
  }
  validate48.errors = vErrors;
  return errors === 0;
}
function validate39(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(data && typeof data == "object" && !Array.isArray(data)) && data !== null) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema17.type }, message: "must be object,null", schema: schema17.type, parentSchema: schema17, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.http_get === void 0) {
      data.http_get = null;
    }
    if (data.tcp_socket === void 0) {
      data.tcp_socket = null;
    }
    if (data.exec === void 0) {
      data.exec = null;
    }
    if (data.initial_delay_seconds === void 0) {
      data.initial_delay_seconds = 0;
    }
    if (data.timeout_seconds === void 0) {
      data.timeout_seconds = 1;
    }
    if (data.period_seconds === void 0) {
      data.period_seconds = 10;
    }
    if (data.success_threshold === void 0) {
      data.success_threshold = 1;
    }
    if (data.failure_threshold === void 0) {
      data.failure_threshold = 3;
    }
    for (const key0 in data) {
      if (!(key0 === "http_get" || key0 === "tcp_socket" || key0 === "exec" || key0 === "initial_delay_seconds" || key0 === "timeout_seconds" || key0 === "period_seconds" || key0 === "success_threshold" || key0 === "failure_threshold")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema17, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (!validate40(data.http_get, { instancePath: instancePath + "/http_get", parentData: data, parentDataProperty: "http_get", rootData })) {
      vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
      errors = vErrors.length;
    }
    if (!validate42(data.tcp_socket, { instancePath: instancePath + "/tcp_socket", parentData: data, parentDataProperty: "tcp_socket", rootData })) {
      vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
      errors = vErrors.length;
    }
    if (!validate44(data.exec, { instancePath: instancePath + "/exec", parentData: data, parentDataProperty: "exec", rootData })) {
      vErrors = vErrors === null ? validate44.errors : vErrors.concat(validate44.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.initial_delay_seconds, { instancePath: instancePath + "/initial_delay_seconds", parentData: data, parentDataProperty: "initial_delay_seconds", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.timeout_seconds, { instancePath: instancePath + "/timeout_seconds", parentData: data, parentDataProperty: "timeout_seconds", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.period_seconds, { instancePath: instancePath + "/period_seconds", parentData: data, parentDataProperty: "period_seconds", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.success_threshold, { instancePath: instancePath + "/success_threshold", parentData: data, parentDataProperty: "success_threshold", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.failure_threshold, { instancePath: instancePath + "/failure_threshold", parentData: data, parentDataProperty: "failure_threshold", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
  }
  validate39.errors = vErrors;
  return errors === 0;
}
var schema23 = { "type": ["object", "null"], "additionalProperties": false, "properties": { "http_get": { "$ref": "#/definitions/httpGetHandler", "default": null }, "exec": { "$ref": "#/definitions/execHandler", "default": null } } };
function validate56(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(data && typeof data == "object" && !Array.isArray(data)) && data !== null) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema23.type }, message: "must be object,null", schema: schema23.type, parentSchema: schema23, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.http_get === void 0) {
      data.http_get = null;
    }
    if (data.exec === void 0) {
      data.exec = null;
    }
    for (const key0 in data) {
      if (!(key0 === "http_get" || key0 === "exec")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema23, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (!validate40(data.http_get, { instancePath: instancePath + "/http_get", parentData: data, parentDataProperty: "http_get", rootData })) {
      vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
      errors = vErrors.length;
    }
    if (!validate44(data.exec, { instancePath: instancePath + "/exec", parentData: data, parentDataProperty: "exec", rootData })) {
      vErrors = vErrors === null ? validate44.errors : vErrors.concat(validate44.errors);
      errors = vErrors.length;
    }
  }
  validate56.errors = vErrors;
  return errors === 0;
}
function validate27(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.env === void 0) {
      data.env = {};
    }
    if (data.command === void 0) {
      data.command = null;
    }
    if (data.args === void 0) {
      data.args = null;
    }
    if (data.compute === void 0) {
      data.compute = {};
    }
    if (data.readiness_probe === void 0) {
      data.readiness_probe = null;
    }
    if (data.liveness_probe === void 0) {
      data.liveness_probe = null;
    }
    if (data.pre_stop === void 0) {
      data.pre_stop = null;
    }
    if (data.name === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'", schema: schema11.required, parentSchema: schema11, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.image === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "image" }, message: "must have required property 'image'", schema: schema11.required, parentSchema: schema11, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func2.call(schema11.properties, key0)) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema11, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== void 0) {
      if (!validate28(data.name, { instancePath: instancePath + "/name", parentData: data, parentDataProperty: "name", rootData })) {
        vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
        errors = vErrors.length;
      }
    }
    if (data.image !== void 0) {
      if (!validate30(data.image, { instancePath: instancePath + "/image", parentData: data, parentDataProperty: "image", rootData })) {
        vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
        errors = vErrors.length;
      }
    }
    if (!validate32(data.env, { instancePath: instancePath + "/env", parentData: data, parentDataProperty: "env", rootData })) {
      vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
      errors = vErrors.length;
    }
    if (!validate34(data.command, { instancePath: instancePath + "/command", parentData: data, parentDataProperty: "command", rootData })) {
      vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
      errors = vErrors.length;
    }
    if (!validate34(data.args, { instancePath: instancePath + "/args", parentData: data, parentDataProperty: "args", rootData })) {
      vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
      errors = vErrors.length;
    }
    if (!validate37(data.compute, { instancePath: instancePath + "/compute", parentData: data, parentDataProperty: "compute", rootData })) {
      vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
      errors = vErrors.length;
    }
    if (!validate39(data.readiness_probe, { instancePath: instancePath + "/readiness_probe", parentData: data, parentDataProperty: "readiness_probe", rootData })) {
      vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
      errors = vErrors.length;
    }
    if (!validate39(data.liveness_probe, { instancePath: instancePath + "/liveness_probe", parentData: data, parentDataProperty: "liveness_probe", rootData })) {
      vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
      errors = vErrors.length;
    }
    if (!validate56(data.pre_stop, { instancePath: instancePath + "/pre_stop", parentData: data, parentDataProperty: "pre_stop", rootData })) {
      vErrors = vErrors === null ? validate56.errors : vErrors.concat(validate56.errors);
      errors = vErrors.length;
    }
  } else {
    const err3 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema11.type, parentSchema: schema11, data };
    if (vErrors === null) {
      vErrors = [err3];
    } else {
      vErrors.push(err3);
    }
    errors++;
  }
  validate27.errors = vErrors;
  return errors === 0;
}
function validate24(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.port === void 0) {
      data.port = 8080;
    }
    if (data.max_concurrency === void 0) {
      data.max_concurrency = 1;
    }
    if (data.max_queue_length === void 0) {
      data.max_queue_length = 100;
    }
    if (data.containers === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "containers" }, message: "must have required property 'containers'", schema: schema9.required, parentSchema: schema9, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "port" || key0 === "max_concurrency" || key0 === "max_queue_length" || key0 === "containers")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema9, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (!validate25(data.port, { instancePath: instancePath + "/port", parentData: data, parentDataProperty: "port", rootData })) {
      vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
      errors = vErrors.length;
    }
    let data1 = data.max_concurrency;
    if (!(typeof data1 == "number" && (!(data1 % 1) && !isNaN(data1)) && isFinite(data1))) {
      const err2 = { instancePath: instancePath + "/max_concurrency", schemaPath: "#/properties/max_concurrency/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema9.properties.max_concurrency.type, parentSchema: schema9.properties.max_concurrency, data: data1 };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (typeof data1 == "number" && isFinite(data1)) {
      if (data1 > 3e4 || isNaN(data1)) {
        const err3 = { instancePath: instancePath + "/max_concurrency", schemaPath: "#/properties/max_concurrency/maximum", keyword: "maximum", params: { comparison: "<=", limit: 3e4 }, message: "must be <= 30000", schema: 3e4, parentSchema: schema9.properties.max_concurrency, data: data1 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      if (data1 < 1 || isNaN(data1)) {
        const err4 = { instancePath: instancePath + "/max_concurrency", schemaPath: "#/properties/max_concurrency/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema9.properties.max_concurrency, data: data1 };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    let data2 = data.max_queue_length;
    if (!(typeof data2 == "number" && (!(data2 % 1) && !isNaN(data2)) && isFinite(data2))) {
      const err5 = { instancePath: instancePath + "/max_queue_length", schemaPath: "#/properties/max_queue_length/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema9.properties.max_queue_length.type, parentSchema: schema9.properties.max_queue_length, data: data2 };
      if (vErrors === null) {
        vErrors = [err5];
      } else {
        vErrors.push(err5);
      }
      errors++;
    }
    if (typeof data2 == "number" && isFinite(data2)) {
      if (data2 > 3e4 || isNaN(data2)) {
        const err6 = { instancePath: instancePath + "/max_queue_length", schemaPath: "#/properties/max_queue_length/maximum", keyword: "maximum", params: { comparison: "<=", limit: 3e4 }, message: "must be <= 30000", schema: 3e4, parentSchema: schema9.properties.max_queue_length, data: data2 };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
      if (data2 < 1 || isNaN(data2)) {
        const err7 = { instancePath: instancePath + "/max_queue_length", schemaPath: "#/properties/max_queue_length/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema9.properties.max_queue_length, data: data2 };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.containers !== void 0) {
      let data3 = data.containers;
      if (Array.isArray(data3)) {
        if (data3.length < 1) {
          const err8 = { instancePath: instancePath + "/containers", schemaPath: "#/properties/containers/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema9.properties.containers, data: data3 };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        const len0 = data3.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (!validate27(data3[i0], { instancePath: instancePath + "/containers/" + i0, parentData: data3, parentDataProperty: i0, rootData })) {
            vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err9 = { instancePath: instancePath + "/containers", schemaPath: "#/properties/containers/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema9.properties.containers.type, parentSchema: schema9.properties.containers, data: data3 };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
  } else {
    const err10 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema9.type, parentSchema: schema9, data };
    if (vErrors === null) {
      vErrors = [err10];
    } else {
      vErrors.push(err10);
    }
    errors++;
  }
  validate24.errors = vErrors;
  return errors === 0;
}
var schema24 = { "type": ["array", "null"], "minItems": 1, "x-messages": { "minItems": "must list at least one node group, or be null for any node group" }, "items": { "type": "string", "pattern": "^[a-zA-Z0-9_-]+$", "x-messages": { "pattern": "may contain only letters, digits, '_' and '-'" } } };
var pattern4 = new RegExp("^[a-zA-Z0-9_-]+$", "u");
function validate62(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!Array.isArray(data) && data !== null) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema24.type }, message: "must be array,null", schema: schema24.type, parentSchema: schema24, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (Array.isArray(data)) {
    if (data.length < 1) {
      const err1 = { instancePath, schemaPath: "#/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema24, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    const len0 = data.length;
    for (let i0 = 0; i0 < len0; i0++) {
      let data0 = data[i0];
      if (typeof data0 === "string") {
        if (!pattern4.test(data0)) {
          const err2 = { instancePath: instancePath + "/" + i0, schemaPath: "#/items/pattern", keyword: "pattern", params: { pattern: "^[a-zA-Z0-9_-]+$" }, message: 'must match pattern "^[a-zA-Z0-9_-]+$"', schema: "^[a-zA-Z0-9_-]+$", parentSchema: schema24.items, data: data0 };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = { instancePath: instancePath + "/" + i0, schemaPath: "#/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema24.items.type, parentSchema: schema24.items, data: data0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
  }
  validate62.errors = vErrors;
  return errors === 0;
}
var schema25 = { "type": "object", "additionalProperties": false, "properties": { "endpoint": { "description": "Defaults to /<name>; `//` and `/` are rejected by the rules.", "type": ["string", "null"], "default": null, "maxLength": 1e3, "pattern": "^[a-zA-Z0-9_\\-./]*$", "x-messages": { "pattern": "may contain only letters, digits, '_', '-', '.' and '/'" } } } };
function validate64(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.endpoint === void 0) {
      data.endpoint = null;
    }
    for (const key0 in data) {
      if (!(key0 === "endpoint")) {
        const err0 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema25, data };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    let data0 = data.endpoint;
    if (typeof data0 !== "string" && data0 !== null) {
      const err1 = { instancePath: instancePath + "/endpoint", schemaPath: "#/properties/endpoint/type", keyword: "type", params: { type: schema25.properties.endpoint.type }, message: "must be string,null", schema: schema25.properties.endpoint.type, parentSchema: schema25.properties.endpoint, data: data0 };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (typeof data0 === "string") {
      if (data0.length > 1e3) {
        const err2 = { instancePath: instancePath + "/endpoint", schemaPath: "#/properties/endpoint/maxLength", keyword: "maxLength", params: { limit: 1e3 }, message: "must NOT have more than 1000 characters", schema: 1e3, parentSchema: schema25.properties.endpoint, data: data0 };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
      if (!pattern3.test(data0)) {
        const err3 = { instancePath: instancePath + "/endpoint", schemaPath: "#/properties/endpoint/pattern", keyword: "pattern", params: { pattern: "^[a-zA-Z0-9_\\-./]*$" }, message: 'must match pattern "^[a-zA-Z0-9_\\-./]*$"', schema: "^[a-zA-Z0-9_\\-./]*$", parentSchema: schema25.properties.endpoint, data: data0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
  } else {
    const err4 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema25.type, parentSchema: schema25, data };
    if (vErrors === null) {
      vErrors = [err4];
    } else {
      vErrors.push(err4);
    }
    errors++;
  }
  validate64.errors = vErrors;
  return errors === 0;
}
var schema26 = { "type": "object", "additionalProperties": false, "properties": { "min_replicas": { "type": "integer", "minimum": 0, "maximum": 2147483647, "default": 1 }, "max_replicas": { "type": "integer", "minimum": 1, "maximum": 2147483647, "default": 100 }, "init_replicas": { "description": "Defaults to min_replicas (applied by the rules).", "type": "integer", "minimum": 0, "maximum": 2147483647 }, "target_in_flight": { "description": "Defaults to pod.max_concurrency (applied by the rules).", "type": "number", "exclusiveMinimum": 0 }, "window": { "$ref": "#/definitions/duration", "default": "60s" }, "downscale_stabilization_period": { "$ref": "#/definitions/duration", "default": "5m" }, "upscale_stabilization_period": { "$ref": "#/definitions/duration", "default": "1m" }, "max_downscale_factor": { "type": "number", "minimum": 0, "exclusiveMaximum": 1, "default": 0.75 }, "max_upscale_factor": { "type": "number", "exclusiveMinimum": 1, "default": 1.5 }, "downscale_tolerance": { "type": "number", "minimum": 0, "exclusiveMaximum": 1, "default": 0.05 }, "upscale_tolerance": { "type": "number", "minimum": 0, "default": 0.05 }, "panic_window": { "description": "Extension of cortex-deploy. 0s turns panic mode off.", "$ref": "#/definitions/duration", "default": "6s" }, "panic_threshold": { "description": "Extension of cortex-deploy.", "type": "number", "exclusiveMinimum": 1, "default": 2 } } };
var schema27 = { "description": "A Go duration such as 60s, 5m or 1m30s; parsed and bounded by the rules.", "type": "string", "x-messages": { "type": 'must be a duration string such as "60s", "5m" or "1m30s"' } };
function validate67(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (typeof data !== "string") {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema27.type, parentSchema: schema27, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  validate67.errors = vErrors;
  return errors === 0;
}
function validate66(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.min_replicas === void 0) {
      data.min_replicas = 1;
    }
    if (data.max_replicas === void 0) {
      data.max_replicas = 100;
    }
    if (data.window === void 0) {
      data.window = "60s";
    }
    if (data.downscale_stabilization_period === void 0) {
      data.downscale_stabilization_period = "5m";
    }
    if (data.upscale_stabilization_period === void 0) {
      data.upscale_stabilization_period = "1m";
    }
    if (data.max_downscale_factor === void 0) {
      data.max_downscale_factor = 0.75;
    }
    if (data.max_upscale_factor === void 0) {
      data.max_upscale_factor = 1.5;
    }
    if (data.downscale_tolerance === void 0) {
      data.downscale_tolerance = 0.05;
    }
    if (data.upscale_tolerance === void 0) {
      data.upscale_tolerance = 0.05;
    }
    if (data.panic_window === void 0) {
      data.panic_window = "6s";
    }
    if (data.panic_threshold === void 0) {
      data.panic_threshold = 2;
    }
    for (const key0 in data) {
      if (!func2.call(schema26.properties, key0)) {
        const err0 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema26, data };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    let data0 = data.min_replicas;
    if (!(typeof data0 == "number" && (!(data0 % 1) && !isNaN(data0)) && isFinite(data0))) {
      const err1 = { instancePath: instancePath + "/min_replicas", schemaPath: "#/properties/min_replicas/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema26.properties.min_replicas.type, parentSchema: schema26.properties.min_replicas, data: data0 };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (typeof data0 == "number" && isFinite(data0)) {
      if (data0 > 2147483647 || isNaN(data0)) {
        const err2 = { instancePath: instancePath + "/min_replicas", schemaPath: "#/properties/min_replicas/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2147483647 }, message: "must be <= 2147483647", schema: 2147483647, parentSchema: schema26.properties.min_replicas, data: data0 };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
      if (data0 < 0 || isNaN(data0)) {
        const err3 = { instancePath: instancePath + "/min_replicas", schemaPath: "#/properties/min_replicas/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema26.properties.min_replicas, data: data0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    let data1 = data.max_replicas;
    if (!(typeof data1 == "number" && (!(data1 % 1) && !isNaN(data1)) && isFinite(data1))) {
      const err4 = { instancePath: instancePath + "/max_replicas", schemaPath: "#/properties/max_replicas/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema26.properties.max_replicas.type, parentSchema: schema26.properties.max_replicas, data: data1 };
      if (vErrors === null) {
        vErrors = [err4];
      } else {
        vErrors.push(err4);
      }
      errors++;
    }
    if (typeof data1 == "number" && isFinite(data1)) {
      if (data1 > 2147483647 || isNaN(data1)) {
        const err5 = { instancePath: instancePath + "/max_replicas", schemaPath: "#/properties/max_replicas/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2147483647 }, message: "must be <= 2147483647", schema: 2147483647, parentSchema: schema26.properties.max_replicas, data: data1 };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
      if (data1 < 1 || isNaN(data1)) {
        const err6 = { instancePath: instancePath + "/max_replicas", schemaPath: "#/properties/max_replicas/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema26.properties.max_replicas, data: data1 };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.init_replicas !== void 0) {
      let data2 = data.init_replicas;
      if (!(typeof data2 == "number" && (!(data2 % 1) && !isNaN(data2)) && isFinite(data2))) {
        const err7 = { instancePath: instancePath + "/init_replicas", schemaPath: "#/properties/init_replicas/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema26.properties.init_replicas.type, parentSchema: schema26.properties.init_replicas, data: data2 };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
      if (typeof data2 == "number" && isFinite(data2)) {
        if (data2 > 2147483647 || isNaN(data2)) {
          const err8 = { instancePath: instancePath + "/init_replicas", schemaPath: "#/properties/init_replicas/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2147483647 }, message: "must be <= 2147483647", schema: 2147483647, parentSchema: schema26.properties.init_replicas, data: data2 };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
        if (data2 < 0 || isNaN(data2)) {
          const err9 = { instancePath: instancePath + "/init_replicas", schemaPath: "#/properties/init_replicas/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema26.properties.init_replicas, data: data2 };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      }
    }
    if (data.target_in_flight !== void 0) {
      let data3 = data.target_in_flight;
      if (typeof data3 == "number" && isFinite(data3)) {
        if (data3 <= 0 || isNaN(data3)) {
          const err10 = { instancePath: instancePath + "/target_in_flight", schemaPath: "#/properties/target_in_flight/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0", schema: 0, parentSchema: schema26.properties.target_in_flight, data: data3 };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      } else {
        const err11 = { instancePath: instancePath + "/target_in_flight", schemaPath: "#/properties/target_in_flight/type", keyword: "type", params: { type: "number" }, message: "must be number", schema: schema26.properties.target_in_flight.type, parentSchema: schema26.properties.target_in_flight, data: data3 };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (!validate67(data.window, { instancePath: instancePath + "/window", parentData: data, parentDataProperty: "window", rootData })) {
      vErrors = vErrors === null ? validate67.errors : vErrors.concat(validate67.errors);
      errors = vErrors.length;
    }
    if (!validate67(data.downscale_stabilization_period, { instancePath: instancePath + "/downscale_stabilization_period", parentData: data, parentDataProperty: "downscale_stabilization_period", rootData })) {
      vErrors = vErrors === null ? validate67.errors : vErrors.concat(validate67.errors);
      errors = vErrors.length;
    }
    if (!validate67(data.upscale_stabilization_period, { instancePath: instancePath + "/upscale_stabilization_period", parentData: data, parentDataProperty: "upscale_stabilization_period", rootData })) {
      vErrors = vErrors === null ? validate67.errors : vErrors.concat(validate67.errors);
      errors = vErrors.length;
    }
    let data7 = data.max_downscale_factor;
    if (typeof data7 == "number" && isFinite(data7)) {
      if (data7 < 0 || isNaN(data7)) {
        const err12 = { instancePath: instancePath + "/max_downscale_factor", schemaPath: "#/properties/max_downscale_factor/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema26.properties.max_downscale_factor, data: data7 };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
      if (data7 >= 1 || isNaN(data7)) {
        const err13 = { instancePath: instancePath + "/max_downscale_factor", schemaPath: "#/properties/max_downscale_factor/exclusiveMaximum", keyword: "exclusiveMaximum", params: { comparison: "<", limit: 1 }, message: "must be < 1", schema: 1, parentSchema: schema26.properties.max_downscale_factor, data: data7 };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
    } else {
      const err14 = { instancePath: instancePath + "/max_downscale_factor", schemaPath: "#/properties/max_downscale_factor/type", keyword: "type", params: { type: "number" }, message: "must be number", schema: schema26.properties.max_downscale_factor.type, parentSchema: schema26.properties.max_downscale_factor, data: data7 };
      if (vErrors === null) {
        vErrors = [err14];
      } else {
        vErrors.push(err14);
      }
      errors++;
    }
    let data8 = data.max_upscale_factor;
    if (typeof data8 == "number" && isFinite(data8)) {
      if (data8 <= 1 || isNaN(data8)) {
        const err15 = { instancePath: instancePath + "/max_upscale_factor", schemaPath: "#/properties/max_upscale_factor/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 1 }, message: "must be > 1", schema: 1, parentSchema: schema26.properties.max_upscale_factor, data: data8 };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    } else {
      const err16 = { instancePath: instancePath + "/max_upscale_factor", schemaPath: "#/properties/max_upscale_factor/type", keyword: "type", params: { type: "number" }, message: "must be number", schema: schema26.properties.max_upscale_factor.type, parentSchema: schema26.properties.max_upscale_factor, data: data8 };
      if (vErrors === null) {
        vErrors = [err16];
      } else {
        vErrors.push(err16);
      }
      errors++;
    }
    let data9 = data.downscale_tolerance;
    if (typeof data9 == "number" && isFinite(data9)) {
      if (data9 < 0 || isNaN(data9)) {
        const err17 = { instancePath: instancePath + "/downscale_tolerance", schemaPath: "#/properties/downscale_tolerance/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema26.properties.downscale_tolerance, data: data9 };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
      if (data9 >= 1 || isNaN(data9)) {
        const err18 = { instancePath: instancePath + "/downscale_tolerance", schemaPath: "#/properties/downscale_tolerance/exclusiveMaximum", keyword: "exclusiveMaximum", params: { comparison: "<", limit: 1 }, message: "must be < 1", schema: 1, parentSchema: schema26.properties.downscale_tolerance, data: data9 };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    } else {
      const err19 = { instancePath: instancePath + "/downscale_tolerance", schemaPath: "#/properties/downscale_tolerance/type", keyword: "type", params: { type: "number" }, message: "must be number", schema: schema26.properties.downscale_tolerance.type, parentSchema: schema26.properties.downscale_tolerance, data: data9 };
      if (vErrors === null) {
        vErrors = [err19];
      } else {
        vErrors.push(err19);
      }
      errors++;
    }
    let data10 = data.upscale_tolerance;
    if (typeof data10 == "number" && isFinite(data10)) {
      if (data10 < 0 || isNaN(data10)) {
        const err20 = { instancePath: instancePath + "/upscale_tolerance", schemaPath: "#/properties/upscale_tolerance/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema26.properties.upscale_tolerance, data: data10 };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      }
    } else {
      const err21 = { instancePath: instancePath + "/upscale_tolerance", schemaPath: "#/properties/upscale_tolerance/type", keyword: "type", params: { type: "number" }, message: "must be number", schema: schema26.properties.upscale_tolerance.type, parentSchema: schema26.properties.upscale_tolerance, data: data10 };
      if (vErrors === null) {
        vErrors = [err21];
      } else {
        vErrors.push(err21);
      }
      errors++;
    }
    if (!validate67(data.panic_window, { instancePath: instancePath + "/panic_window", parentData: data, parentDataProperty: "panic_window", rootData })) {
      vErrors = vErrors === null ? validate67.errors : vErrors.concat(validate67.errors);
      errors = vErrors.length;
    }
    let data12 = data.panic_threshold;
    if (typeof data12 == "number" && isFinite(data12)) {
      if (data12 <= 1 || isNaN(data12)) {
        const err22 = { instancePath: instancePath + "/panic_threshold", schemaPath: "#/properties/panic_threshold/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 1 }, message: "must be > 1", schema: 1, parentSchema: schema26.properties.panic_threshold, data: data12 };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
    } else {
      const err23 = { instancePath: instancePath + "/panic_threshold", schemaPath: "#/properties/panic_threshold/type", keyword: "type", params: { type: "number" }, message: "must be number", schema: schema26.properties.panic_threshold.type, parentSchema: schema26.properties.panic_threshold, data: data12 };
      if (vErrors === null) {
        vErrors = [err23];
      } else {
        vErrors.push(err23);
      }
      errors++;
    }
  } else {
    const err24 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema26.type, parentSchema: schema26, data };
    if (vErrors === null) {
      vErrors = [err24];
    } else {
      vErrors.push(err24);
    }
    errors++;
  }
  validate66.errors = vErrors;
  return errors === 0;
}
var schema28 = { "type": "object", "additionalProperties": false, "properties": { "max_surge": { "$ref": "#/definitions/surgeOrUnavailable", "default": "25%" }, "max_unavailable": { "$ref": "#/definitions/surgeOrUnavailable", "default": "25%" }, "progress_deadline": { "description": "Extension of cortex-deploy.", "$ref": "#/definitions/duration", "default": "10m" } } };
var schema29 = { "type": ["integer", "string"], "minimum": 0, "maximum": 2147483647, "pattern": "^(?:[0-9]+|0*(?:100|[1-9]?[0-9])%)$", "x-messages": { "pattern": "must be an integer >= 0 or a percentage from 0% to 100%" } };
var pattern6 = new RegExp("^(?:[0-9]+|0*(?:100|[1-9]?[0-9])%)$", "u");
function validate74(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(typeof data == "number" && (!(data % 1) && !isNaN(data)) && isFinite(data)) && typeof data !== "string") {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema29.type }, message: "must be integer,string", schema: schema29.type, parentSchema: schema29, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (typeof data == "number" && isFinite(data)) {
    if (data > 2147483647 || isNaN(data)) {
      const err1 = { instancePath, schemaPath: "#/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2147483647 }, message: "must be <= 2147483647", schema: 2147483647, parentSchema: schema29, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data < 0 || isNaN(data)) {
      const err2 = { instancePath, schemaPath: "#/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema29, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
  }
  if (typeof data === "string") {
    if (!pattern6.test(data)) {
      const err3 = { instancePath, schemaPath: "#/pattern", keyword: "pattern", params: { pattern: "^(?:[0-9]+|0*(?:100|[1-9]?[0-9])%)$" }, message: 'must match pattern "^(?:[0-9]+|0*(?:100|[1-9]?[0-9])%)$"', schema: "^(?:[0-9]+|0*(?:100|[1-9]?[0-9])%)$", parentSchema: schema29, data };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
  }
  validate74.errors = vErrors;
  return errors === 0;
}
function validate73(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.max_surge === void 0) {
      data.max_surge = "25%";
    }
    if (data.max_unavailable === void 0) {
      data.max_unavailable = "25%";
    }
    if (data.progress_deadline === void 0) {
      data.progress_deadline = "10m";
    }
    for (const key0 in data) {
      if (!(key0 === "max_surge" || key0 === "max_unavailable" || key0 === "progress_deadline")) {
        const err0 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema28, data };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (!validate74(data.max_surge, { instancePath: instancePath + "/max_surge", parentData: data, parentDataProperty: "max_surge", rootData })) {
      vErrors = vErrors === null ? validate74.errors : vErrors.concat(validate74.errors);
      errors = vErrors.length;
    }
    if (!validate74(data.max_unavailable, { instancePath: instancePath + "/max_unavailable", parentData: data, parentDataProperty: "max_unavailable", rootData })) {
      vErrors = vErrors === null ? validate74.errors : vErrors.concat(validate74.errors);
      errors = vErrors.length;
    }
    if (!validate67(data.progress_deadline, { instancePath: instancePath + "/progress_deadline", parentData: data, parentDataProperty: "progress_deadline", rootData })) {
      vErrors = vErrors === null ? validate67.errors : vErrors.concat(validate67.errors);
      errors = vErrors.length;
    }
  } else {
    const err1 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema28.type, parentSchema: schema28, data };
    if (vErrors === null) {
      vErrors = [err1];
    } else {
      vErrors.push(err1);
    }
    errors++;
  }
  validate73.errors = vErrors;
  return errors === 0;
}
var schema30 = { "description": "Extension of cortex-deploy.", "type": "array", "items": { "type": "object", "required": ["path"], "additionalProperties": false, "properties": { "path": { "type": "string", "minLength": 1 }, "mount": { "type": "string", "minLength": 1, "default": "/mnt/artifacts" } } } };
function validate79(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (Array.isArray(data)) {
    const len0 = data.length;
    for (let i0 = 0; i0 < len0; i0++) {
      let data0 = data[i0];
      if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
        if (data0.mount === void 0) {
          data0.mount = "/mnt/artifacts";
        }
        if (data0.path === void 0) {
          const err0 = { instancePath: instancePath + "/" + i0, schemaPath: "#/items/required", keyword: "required", params: { missingProperty: "path" }, message: "must have required property 'path'", schema: schema30.items.required, parentSchema: schema30.items, data: data0 };
          if (vErrors === null) {
            vErrors = [err0];
          } else {
            vErrors.push(err0);
          }
          errors++;
        }
        for (const key0 in data0) {
          if (!(key0 === "path" || key0 === "mount")) {
            const err1 = { instancePath: instancePath + "/" + i0, schemaPath: "#/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema30.items, data: data0 };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        }
        if (data0.path !== void 0) {
          let data1 = data0.path;
          if (typeof data1 === "string") {
            if (data1.length < 1) {
              const err2 = { instancePath: instancePath + "/" + i0 + "/path", schemaPath: "#/items/properties/path/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema30.items.properties.path, data: data1 };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          } else {
            const err3 = { instancePath: instancePath + "/" + i0 + "/path", schemaPath: "#/items/properties/path/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema30.items.properties.path.type, parentSchema: schema30.items.properties.path, data: data1 };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        let data2 = data0.mount;
        if (typeof data2 === "string") {
          if (data2.length < 1) {
            const err4 = { instancePath: instancePath + "/" + i0 + "/mount", schemaPath: "#/items/properties/mount/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema30.items.properties.mount, data: data2 };
            if (vErrors === null) {
              vErrors = [err4];
            } else {
              vErrors.push(err4);
            }
            errors++;
          }
        } else {
          const err5 = { instancePath: instancePath + "/" + i0 + "/mount", schemaPath: "#/items/properties/mount/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema30.items.properties.mount.type, parentSchema: schema30.items.properties.mount, data: data2 };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = { instancePath: instancePath + "/" + i0, schemaPath: "#/items/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema30.items.type, parentSchema: schema30.items, data: data0 };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
  } else {
    const err7 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema30.type, parentSchema: schema30, data };
    if (vErrors === null) {
      vErrors = [err7];
    } else {
      vErrors.push(err7);
    }
    errors++;
  }
  validate79.errors = vErrors;
  return errors === 0;
}
function validate23(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.node_groups === void 0) {
      data.node_groups = null;
    }
    if (data.networking === void 0) {
      data.networking = {};
    }
    if (data.autoscaling === void 0) {
      data.autoscaling = {};
    }
    if (data.update_strategy === void 0) {
      data.update_strategy = {};
    }
    if (data.artifacts === void 0) {
      data.artifacts = [];
    }
    if (data.pod === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "pod" }, message: "must have required property 'pod'", schema: schema8.required, parentSchema: schema8, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "kind" || key0 === "pod" || key0 === "node_groups" || key0 === "networking" || key0 === "autoscaling" || key0 === "update_strategy" || key0 === "artifacts")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema8, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.pod !== void 0) {
      if (!validate24(data.pod, { instancePath: instancePath + "/pod", parentData: data, parentDataProperty: "pod", rootData })) {
        vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
        errors = vErrors.length;
      }
    }
    if (!validate62(data.node_groups, { instancePath: instancePath + "/node_groups", parentData: data, parentDataProperty: "node_groups", rootData })) {
      vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
      errors = vErrors.length;
    }
    if (!validate64(data.networking, { instancePath: instancePath + "/networking", parentData: data, parentDataProperty: "networking", rootData })) {
      vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
      errors = vErrors.length;
    }
    if (!validate66(data.autoscaling, { instancePath: instancePath + "/autoscaling", parentData: data, parentDataProperty: "autoscaling", rootData })) {
      vErrors = vErrors === null ? validate66.errors : vErrors.concat(validate66.errors);
      errors = vErrors.length;
    }
    if (!validate73(data.update_strategy, { instancePath: instancePath + "/update_strategy", parentData: data, parentDataProperty: "update_strategy", rootData })) {
      vErrors = vErrors === null ? validate73.errors : vErrors.concat(validate73.errors);
      errors = vErrors.length;
    }
    if (!validate79(data.artifacts, { instancePath: instancePath + "/artifacts", parentData: data, parentDataProperty: "artifacts", rootData })) {
      vErrors = vErrors === null ? validate79.errors : vErrors.concat(validate79.errors);
      errors = vErrors.length;
    }
  } else {
    const err2 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema8.type, parentSchema: schema8, data };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate23.errors = vErrors;
  return errors === 0;
}
var schema31 = { "type": "object", "x-role": "api", "required": ["pod"], "additionalProperties": false, "properties": { "name": true, "kind": true, "pod": { "$ref": "#/definitions/asyncPod" }, "node_groups": { "$ref": "#/definitions/nodeGroups", "default": null }, "networking": { "$ref": "#/definitions/networking", "default": {} }, "autoscaling": { "$ref": "#/definitions/autoscaling", "default": {} }, "update_strategy": { "$ref": "#/definitions/updateStrategy", "default": {} }, "artifacts": { "$ref": "#/definitions/artifacts", "default": [] } } };
var schema32 = { "type": "object", "x-role": "pod", "required": ["containers"], "additionalProperties": false, "properties": { "port": { "$ref": "#/definitions/podPort", "default": 8080 }, "max_concurrency": { "type": "integer", "minimum": 1, "maximum": 100, "default": 1 }, "containers": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/asyncContainer" }, "x-messages": { "minItems": "must list at least one container" } } } };
var schema33 = { "type": "object", "x-role": "container", "required": ["name", "image"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/containerName" }, "image": { "$ref": "#/definitions/image" }, "env": { "$ref": "#/definitions/env", "default": {} }, "command": { "$ref": "#/definitions/stringListOrNull", "default": null }, "args": { "$ref": "#/definitions/stringListOrNull", "default": null }, "compute": { "$ref": "#/definitions/compute", "default": {} }, "readiness_probe": { "$ref": "#/definitions/probeWithoutExec", "default": null }, "liveness_probe": { "$ref": "#/definitions/probe", "default": null }, "pre_stop": { "$ref": "#/definitions/preStop", "default": null } } };
var schema34 = { "description": "Cortex runs readiness checks of AsyncAPI and BatchAPI through its own sidecar, which cannot exec.", "type": ["object", "null"], "x-role": "probe", "additionalProperties": false, "properties": { "http_get": { "$ref": "#/definitions/httpGetHandler", "default": null }, "tcp_socket": { "$ref": "#/definitions/tcpSocketHandler", "default": null }, "initial_delay_seconds": { "$ref": "#/definitions/probeInt", "default": 0 }, "timeout_seconds": { "$ref": "#/definitions/probeInt", "default": 1 }, "period_seconds": { "$ref": "#/definitions/probeInt", "default": 10 }, "success_threshold": { "$ref": "#/definitions/probeInt", "default": 1 }, "failure_threshold": { "$ref": "#/definitions/probeInt", "default": 3 } } };
function validate92(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (!(data && typeof data == "object" && !Array.isArray(data)) && data !== null) {
    const err0 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: schema34.type }, message: "must be object,null", schema: schema34.type, parentSchema: schema34, data };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.http_get === void 0) {
      data.http_get = null;
    }
    if (data.tcp_socket === void 0) {
      data.tcp_socket = null;
    }
    if (data.initial_delay_seconds === void 0) {
      data.initial_delay_seconds = 0;
    }
    if (data.timeout_seconds === void 0) {
      data.timeout_seconds = 1;
    }
    if (data.period_seconds === void 0) {
      data.period_seconds = 10;
    }
    if (data.success_threshold === void 0) {
      data.success_threshold = 1;
    }
    if (data.failure_threshold === void 0) {
      data.failure_threshold = 3;
    }
    for (const key0 in data) {
      if (!(key0 === "http_get" || key0 === "tcp_socket" || key0 === "initial_delay_seconds" || key0 === "timeout_seconds" || key0 === "period_seconds" || key0 === "success_threshold" || key0 === "failure_threshold")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema34, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (!validate40(data.http_get, { instancePath: instancePath + "/http_get", parentData: data, parentDataProperty: "http_get", rootData })) {
      vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
      errors = vErrors.length;
    }
    if (!validate42(data.tcp_socket, { instancePath: instancePath + "/tcp_socket", parentData: data, parentDataProperty: "tcp_socket", rootData })) {
      vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.initial_delay_seconds, { instancePath: instancePath + "/initial_delay_seconds", parentData: data, parentDataProperty: "initial_delay_seconds", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.timeout_seconds, { instancePath: instancePath + "/timeout_seconds", parentData: data, parentDataProperty: "timeout_seconds", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.period_seconds, { instancePath: instancePath + "/period_seconds", parentData: data, parentDataProperty: "period_seconds", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.success_threshold, { instancePath: instancePath + "/success_threshold", parentData: data, parentDataProperty: "success_threshold", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
    if (!validate48(data.failure_threshold, { instancePath: instancePath + "/failure_threshold", parentData: data, parentDataProperty: "failure_threshold", rootData })) {
      vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
      errors = vErrors.length;
    }
  }
  validate92.errors = vErrors;
  return errors === 0;
}
function validate85(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.env === void 0) {
      data.env = {};
    }
    if (data.command === void 0) {
      data.command = null;
    }
    if (data.args === void 0) {
      data.args = null;
    }
    if (data.compute === void 0) {
      data.compute = {};
    }
    if (data.readiness_probe === void 0) {
      data.readiness_probe = null;
    }
    if (data.liveness_probe === void 0) {
      data.liveness_probe = null;
    }
    if (data.pre_stop === void 0) {
      data.pre_stop = null;
    }
    if (data.name === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'", schema: schema33.required, parentSchema: schema33, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.image === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "image" }, message: "must have required property 'image'", schema: schema33.required, parentSchema: schema33, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func2.call(schema33.properties, key0)) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema33, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== void 0) {
      if (!validate28(data.name, { instancePath: instancePath + "/name", parentData: data, parentDataProperty: "name", rootData })) {
        vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
        errors = vErrors.length;
      }
    }
    if (data.image !== void 0) {
      if (!validate30(data.image, { instancePath: instancePath + "/image", parentData: data, parentDataProperty: "image", rootData })) {
        vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
        errors = vErrors.length;
      }
    }
    if (!validate32(data.env, { instancePath: instancePath + "/env", parentData: data, parentDataProperty: "env", rootData })) {
      vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
      errors = vErrors.length;
    }
    if (!validate34(data.command, { instancePath: instancePath + "/command", parentData: data, parentDataProperty: "command", rootData })) {
      vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
      errors = vErrors.length;
    }
    if (!validate34(data.args, { instancePath: instancePath + "/args", parentData: data, parentDataProperty: "args", rootData })) {
      vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
      errors = vErrors.length;
    }
    if (!validate37(data.compute, { instancePath: instancePath + "/compute", parentData: data, parentDataProperty: "compute", rootData })) {
      vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
      errors = vErrors.length;
    }
    if (!validate92(data.readiness_probe, { instancePath: instancePath + "/readiness_probe", parentData: data, parentDataProperty: "readiness_probe", rootData })) {
      vErrors = vErrors === null ? validate92.errors : vErrors.concat(validate92.errors);
      errors = vErrors.length;
    }
    if (!validate39(data.liveness_probe, { instancePath: instancePath + "/liveness_probe", parentData: data, parentDataProperty: "liveness_probe", rootData })) {
      vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
      errors = vErrors.length;
    }
    if (!validate56(data.pre_stop, { instancePath: instancePath + "/pre_stop", parentData: data, parentDataProperty: "pre_stop", rootData })) {
      vErrors = vErrors === null ? validate56.errors : vErrors.concat(validate56.errors);
      errors = vErrors.length;
    }
  } else {
    const err3 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema33.type, parentSchema: schema33, data };
    if (vErrors === null) {
      vErrors = [err3];
    } else {
      vErrors.push(err3);
    }
    errors++;
  }
  validate85.errors = vErrors;
  return errors === 0;
}
function validate83(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.port === void 0) {
      data.port = 8080;
    }
    if (data.max_concurrency === void 0) {
      data.max_concurrency = 1;
    }
    if (data.containers === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "containers" }, message: "must have required property 'containers'", schema: schema32.required, parentSchema: schema32, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "port" || key0 === "max_concurrency" || key0 === "containers")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema32, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (!validate25(data.port, { instancePath: instancePath + "/port", parentData: data, parentDataProperty: "port", rootData })) {
      vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
      errors = vErrors.length;
    }
    let data1 = data.max_concurrency;
    if (!(typeof data1 == "number" && (!(data1 % 1) && !isNaN(data1)) && isFinite(data1))) {
      const err2 = { instancePath: instancePath + "/max_concurrency", schemaPath: "#/properties/max_concurrency/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema32.properties.max_concurrency.type, parentSchema: schema32.properties.max_concurrency, data: data1 };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (typeof data1 == "number" && isFinite(data1)) {
      if (data1 > 100 || isNaN(data1)) {
        const err3 = { instancePath: instancePath + "/max_concurrency", schemaPath: "#/properties/max_concurrency/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100 }, message: "must be <= 100", schema: 100, parentSchema: schema32.properties.max_concurrency, data: data1 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      if (data1 < 1 || isNaN(data1)) {
        const err4 = { instancePath: instancePath + "/max_concurrency", schemaPath: "#/properties/max_concurrency/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema32.properties.max_concurrency, data: data1 };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.containers !== void 0) {
      let data2 = data.containers;
      if (Array.isArray(data2)) {
        if (data2.length < 1) {
          const err5 = { instancePath: instancePath + "/containers", schemaPath: "#/properties/containers/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema32.properties.containers, data: data2 };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        const len0 = data2.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (!validate85(data2[i0], { instancePath: instancePath + "/containers/" + i0, parentData: data2, parentDataProperty: i0, rootData })) {
            vErrors = vErrors === null ? validate85.errors : vErrors.concat(validate85.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err6 = { instancePath: instancePath + "/containers", schemaPath: "#/properties/containers/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema32.properties.containers.type, parentSchema: schema32.properties.containers, data: data2 };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
  } else {
    const err7 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema32.type, parentSchema: schema32, data };
    if (vErrors === null) {
      vErrors = [err7];
    } else {
      vErrors.push(err7);
    }
    errors++;
  }
  validate83.errors = vErrors;
  return errors === 0;
}
function validate82(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.node_groups === void 0) {
      data.node_groups = null;
    }
    if (data.networking === void 0) {
      data.networking = {};
    }
    if (data.autoscaling === void 0) {
      data.autoscaling = {};
    }
    if (data.update_strategy === void 0) {
      data.update_strategy = {};
    }
    if (data.artifacts === void 0) {
      data.artifacts = [];
    }
    if (data.pod === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "pod" }, message: "must have required property 'pod'", schema: schema31.required, parentSchema: schema31, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "kind" || key0 === "pod" || key0 === "node_groups" || key0 === "networking" || key0 === "autoscaling" || key0 === "update_strategy" || key0 === "artifacts")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema31, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.pod !== void 0) {
      if (!validate83(data.pod, { instancePath: instancePath + "/pod", parentData: data, parentDataProperty: "pod", rootData })) {
        vErrors = vErrors === null ? validate83.errors : vErrors.concat(validate83.errors);
        errors = vErrors.length;
      }
    }
    if (!validate62(data.node_groups, { instancePath: instancePath + "/node_groups", parentData: data, parentDataProperty: "node_groups", rootData })) {
      vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
      errors = vErrors.length;
    }
    if (!validate64(data.networking, { instancePath: instancePath + "/networking", parentData: data, parentDataProperty: "networking", rootData })) {
      vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
      errors = vErrors.length;
    }
    if (!validate66(data.autoscaling, { instancePath: instancePath + "/autoscaling", parentData: data, parentDataProperty: "autoscaling", rootData })) {
      vErrors = vErrors === null ? validate66.errors : vErrors.concat(validate66.errors);
      errors = vErrors.length;
    }
    if (!validate73(data.update_strategy, { instancePath: instancePath + "/update_strategy", parentData: data, parentDataProperty: "update_strategy", rootData })) {
      vErrors = vErrors === null ? validate73.errors : vErrors.concat(validate73.errors);
      errors = vErrors.length;
    }
    if (!validate79(data.artifacts, { instancePath: instancePath + "/artifacts", parentData: data, parentDataProperty: "artifacts", rootData })) {
      vErrors = vErrors === null ? validate79.errors : vErrors.concat(validate79.errors);
      errors = vErrors.length;
    }
  } else {
    const err2 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.type, parentSchema: schema31, data };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate82.errors = vErrors;
  return errors === 0;
}
var schema35 = { "type": "object", "x-role": "api", "required": ["pod"], "additionalProperties": false, "properties": { "name": true, "kind": true, "pod": { "$ref": "#/definitions/batchPod" }, "node_groups": { "$ref": "#/definitions/nodeGroups", "default": null }, "networking": { "$ref": "#/definitions/networking", "default": {} }, "artifacts": { "$ref": "#/definitions/artifacts", "default": [] } } };
var schema36 = { "type": "object", "x-role": "pod", "required": ["containers"], "additionalProperties": false, "properties": { "port": { "$ref": "#/definitions/podPort", "default": 8080 }, "containers": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/batchContainer" }, "x-messages": { "minItems": "must list at least one container" } } } };
var schema37 = { "type": "object", "x-role": "container", "required": ["name", "image", "command"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/containerName" }, "image": { "$ref": "#/definitions/image" }, "env": { "$ref": "#/definitions/env", "default": {} }, "command": { "$ref": "#/definitions/stringList" }, "args": { "$ref": "#/definitions/stringListOrNull", "default": null }, "compute": { "$ref": "#/definitions/compute", "default": {} }, "readiness_probe": { "$ref": "#/definitions/probeWithoutExec", "default": null }, "liveness_probe": { "$ref": "#/definitions/probe", "default": null } } };
function validate114(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.env === void 0) {
      data.env = {};
    }
    if (data.args === void 0) {
      data.args = null;
    }
    if (data.compute === void 0) {
      data.compute = {};
    }
    if (data.readiness_probe === void 0) {
      data.readiness_probe = null;
    }
    if (data.liveness_probe === void 0) {
      data.liveness_probe = null;
    }
    if (data.name === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'", schema: schema37.required, parentSchema: schema37, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.image === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "image" }, message: "must have required property 'image'", schema: schema37.required, parentSchema: schema37, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.command === void 0) {
      const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "command" }, message: "must have required property 'command'", schema: schema37.required, parentSchema: schema37, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "image" || key0 === "env" || key0 === "command" || key0 === "args" || key0 === "compute" || key0 === "readiness_probe" || key0 === "liveness_probe")) {
        const err3 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema37, data };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.name !== void 0) {
      if (!validate28(data.name, { instancePath: instancePath + "/name", parentData: data, parentDataProperty: "name", rootData })) {
        vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
        errors = vErrors.length;
      }
    }
    if (data.image !== void 0) {
      if (!validate30(data.image, { instancePath: instancePath + "/image", parentData: data, parentDataProperty: "image", rootData })) {
        vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
        errors = vErrors.length;
      }
    }
    if (!validate32(data.env, { instancePath: instancePath + "/env", parentData: data, parentDataProperty: "env", rootData })) {
      vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
      errors = vErrors.length;
    }
    if (data.command !== void 0) {
      if (!validate45(data.command, { instancePath: instancePath + "/command", parentData: data, parentDataProperty: "command", rootData })) {
        vErrors = vErrors === null ? validate45.errors : vErrors.concat(validate45.errors);
        errors = vErrors.length;
      }
    }
    if (!validate34(data.args, { instancePath: instancePath + "/args", parentData: data, parentDataProperty: "args", rootData })) {
      vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
      errors = vErrors.length;
    }
    if (!validate37(data.compute, { instancePath: instancePath + "/compute", parentData: data, parentDataProperty: "compute", rootData })) {
      vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
      errors = vErrors.length;
    }
    if (!validate92(data.readiness_probe, { instancePath: instancePath + "/readiness_probe", parentData: data, parentDataProperty: "readiness_probe", rootData })) {
      vErrors = vErrors === null ? validate92.errors : vErrors.concat(validate92.errors);
      errors = vErrors.length;
    }
    if (!validate39(data.liveness_probe, { instancePath: instancePath + "/liveness_probe", parentData: data, parentDataProperty: "liveness_probe", rootData })) {
      vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
      errors = vErrors.length;
    }
  } else {
    const err4 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema37.type, parentSchema: schema37, data };
    if (vErrors === null) {
      vErrors = [err4];
    } else {
      vErrors.push(err4);
    }
    errors++;
  }
  validate114.errors = vErrors;
  return errors === 0;
}
function validate112(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.port === void 0) {
      data.port = 8080;
    }
    if (data.containers === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "containers" }, message: "must have required property 'containers'", schema: schema36.required, parentSchema: schema36, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "port" || key0 === "containers")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema36, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (!validate25(data.port, { instancePath: instancePath + "/port", parentData: data, parentDataProperty: "port", rootData })) {
      vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
      errors = vErrors.length;
    }
    if (data.containers !== void 0) {
      let data1 = data.containers;
      if (Array.isArray(data1)) {
        if (data1.length < 1) {
          const err2 = { instancePath: instancePath + "/containers", schemaPath: "#/properties/containers/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema36.properties.containers, data: data1 };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        const len0 = data1.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (!validate114(data1[i0], { instancePath: instancePath + "/containers/" + i0, parentData: data1, parentDataProperty: i0, rootData })) {
            vErrors = vErrors === null ? validate114.errors : vErrors.concat(validate114.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err3 = { instancePath: instancePath + "/containers", schemaPath: "#/properties/containers/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema36.properties.containers.type, parentSchema: schema36.properties.containers, data: data1 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
  } else {
    const err4 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema36.type, parentSchema: schema36, data };
    if (vErrors === null) {
      vErrors = [err4];
    } else {
      vErrors.push(err4);
    }
    errors++;
  }
  validate112.errors = vErrors;
  return errors === 0;
}
function validate111(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.node_groups === void 0) {
      data.node_groups = null;
    }
    if (data.networking === void 0) {
      data.networking = {};
    }
    if (data.artifacts === void 0) {
      data.artifacts = [];
    }
    if (data.pod === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "pod" }, message: "must have required property 'pod'", schema: schema35.required, parentSchema: schema35, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "kind" || key0 === "pod" || key0 === "node_groups" || key0 === "networking" || key0 === "artifacts")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema35, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.pod !== void 0) {
      if (!validate112(data.pod, { instancePath: instancePath + "/pod", parentData: data, parentDataProperty: "pod", rootData })) {
        vErrors = vErrors === null ? validate112.errors : vErrors.concat(validate112.errors);
        errors = vErrors.length;
      }
    }
    if (!validate62(data.node_groups, { instancePath: instancePath + "/node_groups", parentData: data, parentDataProperty: "node_groups", rootData })) {
      vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
      errors = vErrors.length;
    }
    if (!validate64(data.networking, { instancePath: instancePath + "/networking", parentData: data, parentDataProperty: "networking", rootData })) {
      vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
      errors = vErrors.length;
    }
    if (!validate79(data.artifacts, { instancePath: instancePath + "/artifacts", parentData: data, parentDataProperty: "artifacts", rootData })) {
      vErrors = vErrors === null ? validate79.errors : vErrors.concat(validate79.errors);
      errors = vErrors.length;
    }
  } else {
    const err2 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema35.type, parentSchema: schema35, data };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate111.errors = vErrors;
  return errors === 0;
}
var schema38 = { "type": "object", "x-role": "api", "required": ["pod"], "additionalProperties": false, "properties": { "name": true, "kind": true, "pod": { "$ref": "#/definitions/taskPod" }, "node_groups": { "$ref": "#/definitions/nodeGroups", "default": null }, "networking": { "$ref": "#/definitions/networking", "default": {} }, "artifacts": { "$ref": "#/definitions/artifacts", "default": [] } } };
var schema39 = { "type": "object", "x-role": "pod", "required": ["containers"], "additionalProperties": false, "properties": { "containers": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/taskContainer" }, "x-messages": { "minItems": "must list at least one container" } } } };
var schema40 = { "type": "object", "x-role": "container", "required": ["name", "image", "command"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/containerName" }, "image": { "$ref": "#/definitions/image" }, "env": { "$ref": "#/definitions/env", "default": {} }, "command": { "$ref": "#/definitions/stringList" }, "args": { "$ref": "#/definitions/stringListOrNull", "default": null }, "compute": { "$ref": "#/definitions/compute", "default": {} }, "liveness_probe": { "$ref": "#/definitions/probe", "default": null } } };
function validate131(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.env === void 0) {
      data.env = {};
    }
    if (data.args === void 0) {
      data.args = null;
    }
    if (data.compute === void 0) {
      data.compute = {};
    }
    if (data.liveness_probe === void 0) {
      data.liveness_probe = null;
    }
    if (data.name === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'", schema: schema40.required, parentSchema: schema40, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.image === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "image" }, message: "must have required property 'image'", schema: schema40.required, parentSchema: schema40, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.command === void 0) {
      const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "command" }, message: "must have required property 'command'", schema: schema40.required, parentSchema: schema40, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "image" || key0 === "env" || key0 === "command" || key0 === "args" || key0 === "compute" || key0 === "liveness_probe")) {
        const err3 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema40, data };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.name !== void 0) {
      if (!validate28(data.name, { instancePath: instancePath + "/name", parentData: data, parentDataProperty: "name", rootData })) {
        vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
        errors = vErrors.length;
      }
    }
    if (data.image !== void 0) {
      if (!validate30(data.image, { instancePath: instancePath + "/image", parentData: data, parentDataProperty: "image", rootData })) {
        vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
        errors = vErrors.length;
      }
    }
    if (!validate32(data.env, { instancePath: instancePath + "/env", parentData: data, parentDataProperty: "env", rootData })) {
      vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
      errors = vErrors.length;
    }
    if (data.command !== void 0) {
      if (!validate45(data.command, { instancePath: instancePath + "/command", parentData: data, parentDataProperty: "command", rootData })) {
        vErrors = vErrors === null ? validate45.errors : vErrors.concat(validate45.errors);
        errors = vErrors.length;
      }
    }
    if (!validate34(data.args, { instancePath: instancePath + "/args", parentData: data, parentDataProperty: "args", rootData })) {
      vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
      errors = vErrors.length;
    }
    if (!validate37(data.compute, { instancePath: instancePath + "/compute", parentData: data, parentDataProperty: "compute", rootData })) {
      vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
      errors = vErrors.length;
    }
    if (!validate39(data.liveness_probe, { instancePath: instancePath + "/liveness_probe", parentData: data, parentDataProperty: "liveness_probe", rootData })) {
      vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
      errors = vErrors.length;
    }
  } else {
    const err4 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema40.type, parentSchema: schema40, data };
    if (vErrors === null) {
      vErrors = [err4];
    } else {
      vErrors.push(err4);
    }
    errors++;
  }
  validate131.errors = vErrors;
  return errors === 0;
}
function validate130(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.containers === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "containers" }, message: "must have required property 'containers'", schema: schema39.required, parentSchema: schema39, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "containers")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema39, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.containers !== void 0) {
      let data0 = data.containers;
      if (Array.isArray(data0)) {
        if (data0.length < 1) {
          const err2 = { instancePath: instancePath + "/containers", schemaPath: "#/properties/containers/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema39.properties.containers, data: data0 };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        const len0 = data0.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (!validate131(data0[i0], { instancePath: instancePath + "/containers/" + i0, parentData: data0, parentDataProperty: i0, rootData })) {
            vErrors = vErrors === null ? validate131.errors : vErrors.concat(validate131.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err3 = { instancePath: instancePath + "/containers", schemaPath: "#/properties/containers/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema39.properties.containers.type, parentSchema: schema39.properties.containers, data: data0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
  } else {
    const err4 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema39.type, parentSchema: schema39, data };
    if (vErrors === null) {
      vErrors = [err4];
    } else {
      vErrors.push(err4);
    }
    errors++;
  }
  validate130.errors = vErrors;
  return errors === 0;
}
function validate129(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.node_groups === void 0) {
      data.node_groups = null;
    }
    if (data.networking === void 0) {
      data.networking = {};
    }
    if (data.artifacts === void 0) {
      data.artifacts = [];
    }
    if (data.pod === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "pod" }, message: "must have required property 'pod'", schema: schema38.required, parentSchema: schema38, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "kind" || key0 === "pod" || key0 === "node_groups" || key0 === "networking" || key0 === "artifacts")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema38, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.pod !== void 0) {
      if (!validate130(data.pod, { instancePath: instancePath + "/pod", parentData: data, parentDataProperty: "pod", rootData })) {
        vErrors = vErrors === null ? validate130.errors : vErrors.concat(validate130.errors);
        errors = vErrors.length;
      }
    }
    if (!validate62(data.node_groups, { instancePath: instancePath + "/node_groups", parentData: data, parentDataProperty: "node_groups", rootData })) {
      vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
      errors = vErrors.length;
    }
    if (!validate64(data.networking, { instancePath: instancePath + "/networking", parentData: data, parentDataProperty: "networking", rootData })) {
      vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
      errors = vErrors.length;
    }
    if (!validate79(data.artifacts, { instancePath: instancePath + "/artifacts", parentData: data, parentDataProperty: "artifacts", rootData })) {
      vErrors = vErrors === null ? validate79.errors : vErrors.concat(validate79.errors);
      errors = vErrors.length;
    }
  } else {
    const err2 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema38.type, parentSchema: schema38, data };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate129.errors = vErrors;
  return errors === 0;
}
var schema41 = { "type": "object", "x-role": "api", "required": ["apis"], "additionalProperties": false, "properties": { "name": true, "kind": true, "apis": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/trafficSplit" } }, "networking": { "$ref": "#/definitions/networking", "default": {} } } };
var schema42 = { "type": "object", "required": ["name", "weight"], "additionalProperties": false, "properties": { "name": { "$ref": "#/definitions/apiName" }, "weight": { "type": "integer", "minimum": 0, "maximum": 100 }, "shadow": { "type": "boolean", "default": false } } };
var schema43 = { "type": "string", "maxLength": 42, "pattern": "^[a-z]([-a-z0-9]*[a-z0-9])?$", "x-messages": { "pattern": "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and not ending with '-'" } };
function validate147(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (typeof data === "string") {
    if (data.length > 42) {
      const err0 = { instancePath, schemaPath: "#/maxLength", keyword: "maxLength", params: { limit: 42 }, message: "must NOT have more than 42 characters", schema: 42, parentSchema: schema43, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (!pattern0.test(data)) {
      const err1 = { instancePath, schemaPath: "#/pattern", keyword: "pattern", params: { pattern: "^[a-z]([-a-z0-9]*[a-z0-9])?$" }, message: 'must match pattern "^[a-z]([-a-z0-9]*[a-z0-9])?$"', schema: "^[a-z]([-a-z0-9]*[a-z0-9])?$", parentSchema: schema43, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
  } else {
    const err2 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.type, parentSchema: schema43, data };
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  }
  validate147.errors = vErrors;
  return errors === 0;
}
function validate146(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.shadow === void 0) {
      data.shadow = false;
    }
    if (data.name === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'", schema: schema42.required, parentSchema: schema42, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.weight === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "weight" }, message: "must have required property 'weight'", schema: schema42.required, parentSchema: schema42, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "weight" || key0 === "shadow")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema42, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== void 0) {
      if (!validate147(data.name, { instancePath: instancePath + "/name", parentData: data, parentDataProperty: "name", rootData })) {
        vErrors = vErrors === null ? validate147.errors : vErrors.concat(validate147.errors);
        errors = vErrors.length;
      }
    }
    if (data.weight !== void 0) {
      let data1 = data.weight;
      if (!(typeof data1 == "number" && (!(data1 % 1) && !isNaN(data1)) && isFinite(data1))) {
        const err3 = { instancePath: instancePath + "/weight", schemaPath: "#/properties/weight/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema42.properties.weight.type, parentSchema: schema42.properties.weight, data: data1 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      if (typeof data1 == "number" && isFinite(data1)) {
        if (data1 > 100 || isNaN(data1)) {
          const err4 = { instancePath: instancePath + "/weight", schemaPath: "#/properties/weight/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100 }, message: "must be <= 100", schema: 100, parentSchema: schema42.properties.weight, data: data1 };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
        if (data1 < 0 || isNaN(data1)) {
          const err5 = { instancePath: instancePath + "/weight", schemaPath: "#/properties/weight/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema42.properties.weight, data: data1 };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      }
    }
    let data2 = data.shadow;
    if (typeof data2 !== "boolean") {
      const err6 = { instancePath: instancePath + "/shadow", schemaPath: "#/properties/shadow/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema42.properties.shadow.type, parentSchema: schema42.properties.shadow, data: data2 };
      if (vErrors === null) {
        vErrors = [err6];
      } else {
        vErrors.push(err6);
      }
      errors++;
    }
  } else {
    const err7 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema42.type, parentSchema: schema42, data };
    if (vErrors === null) {
      vErrors = [err7];
    } else {
      vErrors.push(err7);
    }
    errors++;
  }
  validate146.errors = vErrors;
  return errors === 0;
}
function validate145(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.networking === void 0) {
      data.networking = {};
    }
    if (data.apis === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "apis" }, message: "must have required property 'apis'", schema: schema41.required, parentSchema: schema41, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "name" || key0 === "kind" || key0 === "apis" || key0 === "networking")) {
        const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema41, data };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.apis !== void 0) {
      let data0 = data.apis;
      if (Array.isArray(data0)) {
        if (data0.length < 1) {
          const err2 = { instancePath: instancePath + "/apis", schemaPath: "#/properties/apis/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema41.properties.apis, data: data0 };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        const len0 = data0.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (!validate146(data0[i0], { instancePath: instancePath + "/apis/" + i0, parentData: data0, parentDataProperty: i0, rootData })) {
            vErrors = vErrors === null ? validate146.errors : vErrors.concat(validate146.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err3 = { instancePath: instancePath + "/apis", schemaPath: "#/properties/apis/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema41.properties.apis.type, parentSchema: schema41.properties.apis, data: data0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (!validate64(data.networking, { instancePath: instancePath + "/networking", parentData: data, parentDataProperty: "networking", rootData })) {
      vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
      errors = vErrors.length;
    }
  } else {
    const err4 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema41.type, parentSchema: schema41, data };
    if (vErrors === null) {
      vErrors = [err4];
    } else {
      vErrors.push(err4);
    }
    errors++;
  }
  validate145.errors = vErrors;
  return errors === 0;
}
function validate22(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  const _errs2 = errors;
  let valid1 = true;
  const _errs3 = errors;
  if (errors === _errs3) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.kind === void 0 && (missing0 = "kind")) {
        const err0 = {};
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      } else {
        if (data.kind !== void 0) {
          if ("RealtimeAPI" !== data.kind) {
            const err1 = {};
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        }
      }
    } else {
      const err2 = {};
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
  }
  var _valid0 = _errs3 === errors;
  errors = _errs2;
  if (vErrors !== null) {
    if (_errs2) {
      vErrors.length = _errs2;
    } else {
      vErrors = null;
    }
  }
  if (_valid0) {
    const _errs6 = errors;
    if (!validate23(data, { instancePath, parentData, parentDataProperty, rootData })) {
      vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
      errors = vErrors.length;
    }
    var _valid0 = _errs6 === errors;
    valid1 = _valid0;
  }
  if (!valid1) {
    const err3 = { instancePath, schemaPath: "#/allOf/0/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema', schema: schema7.allOf[0].if, parentSchema: schema7.allOf[0], data };
    if (vErrors === null) {
      vErrors = [err3];
    } else {
      vErrors.push(err3);
    }
    errors++;
  }
  const _errs8 = errors;
  let valid3 = true;
  const _errs9 = errors;
  if (errors === _errs9) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing1;
      if (data.kind === void 0 && (missing1 = "kind")) {
        const err4 = {};
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      } else {
        if (data.kind !== void 0) {
          if ("AsyncAPI" !== data.kind) {
            const err5 = {};
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
      }
    } else {
      const err6 = {};
      if (vErrors === null) {
        vErrors = [err6];
      } else {
        vErrors.push(err6);
      }
      errors++;
    }
  }
  var _valid1 = _errs9 === errors;
  errors = _errs8;
  if (vErrors !== null) {
    if (_errs8) {
      vErrors.length = _errs8;
    } else {
      vErrors = null;
    }
  }
  if (_valid1) {
    const _errs12 = errors;
    if (!validate82(data, { instancePath, parentData, parentDataProperty, rootData })) {
      vErrors = vErrors === null ? validate82.errors : vErrors.concat(validate82.errors);
      errors = vErrors.length;
    }
    var _valid1 = _errs12 === errors;
    valid3 = _valid1;
  }
  if (!valid3) {
    const err7 = { instancePath, schemaPath: "#/allOf/1/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema', schema: schema7.allOf[1].if, parentSchema: schema7.allOf[1], data };
    if (vErrors === null) {
      vErrors = [err7];
    } else {
      vErrors.push(err7);
    }
    errors++;
  }
  const _errs14 = errors;
  let valid5 = true;
  const _errs15 = errors;
  if (errors === _errs15) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing2;
      if (data.kind === void 0 && (missing2 = "kind")) {
        const err8 = {};
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      } else {
        if (data.kind !== void 0) {
          if ("BatchAPI" !== data.kind) {
            const err9 = {};
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
      }
    } else {
      const err10 = {};
      if (vErrors === null) {
        vErrors = [err10];
      } else {
        vErrors.push(err10);
      }
      errors++;
    }
  }
  var _valid2 = _errs15 === errors;
  errors = _errs14;
  if (vErrors !== null) {
    if (_errs14) {
      vErrors.length = _errs14;
    } else {
      vErrors = null;
    }
  }
  if (_valid2) {
    const _errs18 = errors;
    if (!validate111(data, { instancePath, parentData, parentDataProperty, rootData })) {
      vErrors = vErrors === null ? validate111.errors : vErrors.concat(validate111.errors);
      errors = vErrors.length;
    }
    var _valid2 = _errs18 === errors;
    valid5 = _valid2;
  }
  if (!valid5) {
    const err11 = { instancePath, schemaPath: "#/allOf/2/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema', schema: schema7.allOf[2].if, parentSchema: schema7.allOf[2], data };
    if (vErrors === null) {
      vErrors = [err11];
    } else {
      vErrors.push(err11);
    }
    errors++;
  }
  const _errs20 = errors;
  let valid7 = true;
  const _errs21 = errors;
  if (errors === _errs21) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing3;
      if (data.kind === void 0 && (missing3 = "kind")) {
        const err12 = {};
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      } else {
        if (data.kind !== void 0) {
          if ("TaskAPI" !== data.kind) {
            const err13 = {};
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
      }
    } else {
      const err14 = {};
      if (vErrors === null) {
        vErrors = [err14];
      } else {
        vErrors.push(err14);
      }
      errors++;
    }
  }
  var _valid3 = _errs21 === errors;
  errors = _errs20;
  if (vErrors !== null) {
    if (_errs20) {
      vErrors.length = _errs20;
    } else {
      vErrors = null;
    }
  }
  if (_valid3) {
    const _errs24 = errors;
    if (!validate129(data, { instancePath, parentData, parentDataProperty, rootData })) {
      vErrors = vErrors === null ? validate129.errors : vErrors.concat(validate129.errors);
      errors = vErrors.length;
    }
    var _valid3 = _errs24 === errors;
    valid7 = _valid3;
  }
  if (!valid7) {
    const err15 = { instancePath, schemaPath: "#/allOf/3/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema', schema: schema7.allOf[3].if, parentSchema: schema7.allOf[3], data };
    if (vErrors === null) {
      vErrors = [err15];
    } else {
      vErrors.push(err15);
    }
    errors++;
  }
  const _errs26 = errors;
  let valid9 = true;
  const _errs27 = errors;
  if (errors === _errs27) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing4;
      if (data.kind === void 0 && (missing4 = "kind")) {
        const err16 = {};
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      } else {
        if (data.kind !== void 0) {
          if ("TrafficSplitter" !== data.kind) {
            const err17 = {};
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
        }
      }
    } else {
      const err18 = {};
      if (vErrors === null) {
        vErrors = [err18];
      } else {
        vErrors.push(err18);
      }
      errors++;
    }
  }
  var _valid4 = _errs27 === errors;
  errors = _errs26;
  if (vErrors !== null) {
    if (_errs26) {
      vErrors.length = _errs26;
    } else {
      vErrors = null;
    }
  }
  if (_valid4) {
    const _errs30 = errors;
    if (!validate145(data, { instancePath, parentData, parentDataProperty, rootData })) {
      vErrors = vErrors === null ? validate145.errors : vErrors.concat(validate145.errors);
      errors = vErrors.length;
    }
    var _valid4 = _errs30 === errors;
    valid9 = _valid4;
  }
  if (!valid9) {
    const err19 = { instancePath, schemaPath: "#/allOf/4/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema', schema: schema7.allOf[4].if, parentSchema: schema7.allOf[4], data };
    if (vErrors === null) {
      vErrors = [err19];
    } else {
      vErrors.push(err19);
    }
    errors++;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.name === void 0) {
      const err20 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'", schema: schema7.required, parentSchema: schema7, data };
      if (vErrors === null) {
        vErrors = [err20];
      } else {
        vErrors.push(err20);
      }
      errors++;
    }
    if (data.kind === void 0) {
      const err21 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "kind" }, message: "must have required property 'kind'", schema: schema7.required, parentSchema: schema7, data };
      if (vErrors === null) {
        vErrors = [err21];
      } else {
        vErrors.push(err21);
      }
      errors++;
    }
    if (data.name !== void 0) {
      if (!validate147(data.name, { instancePath: instancePath + "/name", parentData: data, parentDataProperty: "name", rootData })) {
        vErrors = vErrors === null ? validate147.errors : vErrors.concat(validate147.errors);
        errors = vErrors.length;
      }
    }
    if (data.kind !== void 0) {
      let data6 = data.kind;
      if (!(data6 === "RealtimeAPI" || data6 === "AsyncAPI" || data6 === "BatchAPI" || data6 === "TaskAPI" || data6 === "TrafficSplitter")) {
        const err22 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/enum", keyword: "enum", params: { allowedValues: schema7.properties.kind.enum }, message: "must be equal to one of the allowed values", schema: schema7.properties.kind.enum, parentSchema: schema7.properties.kind, data: data6 };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
    }
  } else {
    const err23 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema7.type, parentSchema: schema7, data };
    if (vErrors === null) {
      vErrors = [err23];
    } else {
      vErrors.push(err23);
    }
    errors++;
  }
  validate22.errors = vErrors;
  return errors === 0;
}
function validate21(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  if (Array.isArray(data)) {
    if (data.length < 1) {
      const err0 = { instancePath, schemaPath: "#/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema6, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    const len0 = data.length;
    for (let i0 = 0; i0 < len0; i0++) {
      if (!validate22(data[i0], { instancePath: instancePath + "/" + i0, parentData: data, parentDataProperty: i0, rootData })) {
        vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err1 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema6.type, parentSchema: schema6, data };
    if (vErrors === null) {
      vErrors = [err1];
    } else {
      vErrors.push(err1);
    }
    errors++;
  }
  validate21.errors = vErrors;
  return errors === 0;
}

// src/config/older-cortex.ts
var MOVED = {
  api: {
    predictor: "the containers listed under `pod.containers`, each with its own `image`",
    handler: "the containers listed under `pod.containers`, each with its own `image`",
    compute: "each container's own `compute` (`pod.containers[].compute`)"
  },
  autoscaling: {
    target_replica_concurrency: "`autoscaling.target_in_flight`",
    max_replica_concurrency: "`pod.max_concurrency` and `pod.max_queue_length`",
    workers_per_replica: "`pod.max_concurrency`, the requests a replica's containers take at once",
    threads_per_worker: "`pod.max_concurrency`, the requests a replica's containers take at once"
  }
};
function olderCortexField(parent, key) {
  const moved = MOVED[parent]?.[key];
  if (moved === void 0) return void 0;
  return `it is from Cortex's format before v0.42 (cortex-deploy reads v0.42's), replaced by ${moved} (see docs/cortex-yaml.md)`;
}

// src/config/suggest.ts
function levenshtein(a, b) {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}
function closest(word, candidates) {
  let best;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = levenshtein(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === void 0) return void 0;
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  return bestDistance <= limit ? best : void 0;
}

// src/config/schema-check.ts
var fieldsByRole = (() => {
  const out = /* @__PURE__ */ new Map();
  for (const def of Object.values(cortex_schema_default.definitions)) {
    if (!isRecord(def) || typeof def["x-role"] !== "string" || !isRecord(def.properties)) continue;
    const set = out.get(def["x-role"]) ?? /* @__PURE__ */ new Set();
    for (const key of Object.keys(def.properties)) set.add(key);
    out.set(def["x-role"], set);
  }
  return out;
})();
var TYPE_NAMES = {
  integer: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  null: "null"
};
function describe(value) {
  if (value === null || value === void 0) return "null";
  if (typeof value === "string") {
    const short = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return `the string ${JSON.stringify(short)}`;
  }
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}
function oneOfWords(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
function customMessage(e) {
  const messages = e.parentSchema?.["x-messages"];
  const m = isRecord(messages) ? messages[e.keyword] : void 0;
  return typeof m === "string" ? m : void 0;
}
function unknownField(e, key, root, path3) {
  const apiIndex = path3[0];
  const props = e.parentSchema?.properties;
  const known = isRecord(props) ? Object.keys(props) : [];
  const role = e.parentSchema?.["x-role"];
  const api = Array.isArray(root) && typeof apiIndex === "number" ? root[apiIndex] : void 0;
  const kind = isRecord(api) ? api.kind : void 0;
  if (typeof role === "string" && typeof kind === "string" && fieldsByRole.get(role)?.has(key)) {
    return `field \`${key}\` is not supported for ${kind}`;
  }
  const parent = path3.length === 1 ? "api" : String(path3[path3.length - 1]);
  const older = olderCortexField(parent, key);
  if (older !== void 0) return `unknown field \`${key}\`; ${older}`;
  const guess = closest(key, known);
  if (guess !== void 0) return `unknown field \`${key}\`; did you mean \`${guess}\`?`;
  return `unknown field \`${key}\`; known fields here: ${known.join(", ")}`;
}
function messageFor(e) {
  const custom = customMessage(e);
  const p = e.params;
  switch (e.keyword) {
    case "type": {
      if (custom !== void 0) return `${custom}, got ${describe(e.data)}`;
      const types = String(p.type).split(",");
      return `must be ${oneOfWords(types.map((t) => TYPE_NAMES[t] ?? t))}, got ${describe(e.data)}`;
    }
    case "enum": {
      const allowed = (Array.isArray(p.allowedValues) ? p.allowedValues : []).map(String);
      const guess = typeof e.data === "string" ? closest(e.data, allowed) : void 0;
      const hint = guess !== void 0 ? `; did you mean \`${guess}\`?` : "";
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
function toIssue(e, root) {
  const path3 = pointerToPath(e.instancePath, root);
  switch (e.keyword) {
    case "if":
    case "propertyNames":
      return void 0;
    case "required":
      return issue([...path3, String(e.params.missingProperty)], "required field is missing");
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      return {
        ...issue([...path3, key], unknownField(e, key, root, path3), "key"),
        unknownField: true
      };
    }
  }
  const types = String(e.params.type).split(",");
  if (e.keyword === "type" && typeof e.data === "boolean" && types.includes("string") && types.every((t) => t === "string" || t === "null")) {
    const message = `must be ${oneOfWords(types.map((t) => TYPE_NAMES[t] ?? t))}, got ${e.data}`;
    return { ...issue(path3, message), yamlBoolean: true };
  }
  if (e.propertyName !== void 0) {
    const message = `${customMessage(e) ?? "is not a valid name"}, got ${JSON.stringify(e.propertyName)}`;
    return issue([...path3, e.propertyName], message, "key");
  }
  return issue(path3, messageFor(e));
}
function checkSchema(data) {
  if (validate(data)) return [];
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const e of validate.errors ?? []) {
    const found = toIssue(e, data);
    if (found === void 0) continue;
    const id = `${JSON.stringify(found.path)}\0${found.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(found);
  }
  return out;
}

// src/config/load.ts
function fileError(file, message) {
  return { ok: false, errors: [{ file, line: 1, column: 1, path: "", message }], warnings: [] };
}
function messageOf(i, source) {
  if (!i.yamlBoolean) return i.message;
  const written = source.plainText(i.path);
  const value = /^(y|yes|true|on)$/i.test(written ?? "");
  return written === void 0 ? i.message : `${i.message}; ${yamlBooleanHint(written, value)}`;
}
function locateIssues(issues, source, file) {
  return sortConfigErrors(
    issues.map((i) => {
      const pos = source.locate(i.path, i.at);
      return {
        file,
        line: pos.line,
        column: pos.column,
        path: formatPath(i.path),
        message: messageOf(i, source)
      };
    })
  );
}
function dropNullTaskPorts(data) {
  for (const api of data) {
    if (isRecord(api) && api.kind === "TaskAPI" && isRecord(api.pod) && api.pod.port === null)
      delete api.pod.port;
  }
}
function parseConfig(bytes, file) {
  try {
    return parseConfigUnguarded(bytes, file);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return fileError(file, `internal error while validating (please report it): ${message}`);
  }
}
function parseConfigUnguarded(bytes, file) {
  const decoded = decodeConfigText(bytes, file);
  if (!decoded.ok) return { ok: false, errors: [decoded.error], warnings: [] };
  const parsed = parseYaml(decoded.text, file);
  if (!parsed.ok) return { ok: false, errors: sortConfigErrors(parsed.errors), warnings: [] };
  const { data, source } = parsed.value;
  const warnings = sortConfigErrors(parsed.value.warnings);
  dropNullTaskPorts(data);
  const issues = checkSchema(data);
  const ctx = { ...healthFrom(issues), written: (p) => source.has(p) };
  const usable = data.map((api, index) => ({ api, index })).filter(({ index }) => ctx.intact([index]) && ctx.intact([index, "kind"]));
  for (const { api, index } of usable) {
    applyDependentDefaults(api, index, ctx);
    issues.push(...checkApi(api, index, ctx));
  }
  issues.push(...checkFile(usable, ctx));
  if (issues.length > 0 || parsed.value.errors.length > 0) {
    const errors = sortConfigErrors([
      ...parsed.value.errors,
      ...locateIssues(issues, source, file)
    ]);
    return { ok: false, errors, warnings };
  }
  const apis = data;
  for (const api of apis) {
    canonicalizeEndpoint(api);
    canonicalizeMounts(api);
  }
  return {
    ok: true,
    config: {
      file,
      dir: path2.resolve(path2.dirname(file)),
      apis,
      locate: (p) => source.locate(p),
      written: (p) => source.has(p)
    },
    warnings
  };
}
function readFailure(file, e) {
  const code = e?.code;
  const why = code === "ENOENT" ? "no such file" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a folder" : e instanceof Error ? e.message : String(e);
  return fileError(file, `cannot read the file: ${why}`);
}
async function loadConfigFile(file) {
  let bytes;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return fileError(file, "cannot read the file: it is a folder");
    if (info.size > MAX_CONFIG_BYTES)
      return { ok: false, errors: [tooLargeError(file, info.size)], warnings: [] };
    bytes = await readFile(file);
  } catch (e) {
    return readFailure(file, e);
  }
  return parseConfig(bytes, file);
}

// src/text/list.ts
function listItems(raw) {
  return raw.split(/[,\n]/).map((item) => item.trim()).filter((item) => item !== "");
}
function firstRepeated(items) {
  return items.find((item, i) => items.indexOf(item) !== i);
}

// src/github/event.ts
var COMMANDS = [
  "validate",
  "plan",
  "deploy",
  "preview",
  "teardown",
  "rollback",
  "cleanup",
  "gc"
];
function isCommand(value) {
  return COMMANDS.includes(value);
}
var UNDERSTOOD = "push to the default branch (deploy), pull_request or pull_request_target opened/synchronize/reopened/ready_for_review (preview) and closed (teardown), workflow_dispatch (rollback when rollback-to is set, else deploy from the default branch) and schedule (cleanup); it does nothing on other pull request actions, merge_group, tags and other branches";
var PREVIEW_ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review"];
var nothing = (what, rule, next = "") => ({
  ok: true,
  command: "none",
  notice: `Nothing to do for ${what}: command: auto ${rule}. Nothing was changed${next}.`
});
function otherBranch(event) {
  const branch = (event.payload.ref ?? event.ref).replace(/^refs\/heads\//, "");
  const defaultBranch = event.payload.repository?.default_branch;
  if (defaultBranch === void 0 || branch === defaultBranch) return void 0;
  return { branch, defaultBranch };
}
function resolveCommand(requested, event) {
  if (requested !== "auto") return { ok: true, command: requested };
  const { eventName, payload } = event;
  switch (eventName) {
    // A push that is not to the default branch is most often a shared workflow's CI trigger.
    case "push": {
      const defaultBranch = payload.repository?.default_branch;
      const pushesTo = `deploys pushes to the default branch${defaultBranch ? ` (${defaultBranch})` : ""}`;
      const tag = (payload.ref ?? event.ref).match(/^refs\/tags\/(.+)$/)?.[1];
      if (tag !== void 0) {
        return nothing(
          `the push of tag ${tag}`,
          pushesTo,
          "; set `command: deploy` to deploy tags"
        );
      }
      const other = otherBranch(event);
      if (other) {
        return nothing(
          `the push to ${other.branch}`,
          pushesTo,
          "; set `command: deploy` to deploy from other branches"
        );
      }
      return { ok: true, command: "deploy" };
    }
    // pull_request_target runs with the repository's secrets whoever opened the pull request; the
    // preview refuses forks unless allow-fork-previews, and checks the checkout is the head.
    case "pull_request":
    case "pull_request_target": {
      const action = payload.action;
      if (action === void 0) {
        return {
          ok: false,
          message: `command: auto cannot tell what this ${eventName} run is for: its event payload has no action (GITHUB_EVENT_PATH is missing or not GitHub's). Nothing was changed.`
        };
      }
      if (PREVIEW_ACTIONS.includes(action)) return { ok: true, command: "preview" };
      if (action === "closed") return { ok: true, command: "teardown" };
      return nothing(
        `${eventName}.${action}`,
        "previews a pull request when it is opened, synchronized, reopened or marked ready for review and tears the preview down when it is closed, and this action left its head commit as it was"
      );
    }
    // A merge queue's trial merge: the push its merge makes to the branch is what deploys.
    case "merge_group":
      return nothing(
        "merge_group",
        "deploys the push a merge queue makes when it merges into the default branch, not its trial merge"
      );
    case "workflow_dispatch": {
      if (event.rollbackTo.trim() !== "") return { ok: true, command: "rollback" };
      const other = otherBranch(event);
      if (other) {
        return {
          ok: false,
          message: `command: auto deploys a workflow_dispatch run on the default branch (${other.defaultBranch}), and this run is on ${other.branch}. Run it on ${other.defaultBranch}, or set \`command: deploy\` to deploy from other branches.`
        };
      }
      return { ok: true, command: "deploy" };
    }
    case "schedule":
      return { ok: true, command: "cleanup" };
    default:
      return {
        ok: false,
        message: `command: auto does not know the event '${eventName}'. It understands ${UNDERSTOOD}. Set \`command\` explicitly for other events.`
      };
  }
}

// src/github/kubeconfig-list.ts
var import_yaml4 = __toESM(require_dist(), 1);

// src/github/secrets.ts
var import_yaml3 = __toESM(require_dist(), 1);
var SECRET_KEY_NAMES = /* @__PURE__ */ new Set([
  "token",
  "client-key-data",
  "client-certificate-data",
  "password",
  "id-token",
  "refresh-token",
  "access-token",
  "secret",
  "client-secret"
]);
var SECRET_KEYS = new RegExp(`^\\s*-?\\s*(${[...SECRET_KEY_NAMES].join("|")})\\s*:\\s*(.+)$`);
function kubeconfigSecrets(kubeconfig) {
  const out = /* @__PURE__ */ new Set();
  for (const line of kubeconfig.split(/\r?\n/)) {
    const m = SECRET_KEYS.exec(line);
    const value = m?.[2]?.trim().replace(/^["']|["']$/g, "");
    if (value !== void 0 && value.length >= 6) out.add(value);
  }
  return [...out];
}
function maskKubeconfig(kubeconfig, setSecret) {
  let structured = [];
  try {
    structured = structuredKubeconfigSecrets((0, import_yaml3.parse)(kubeconfig));
  } catch {
  }
  for (const secret of /* @__PURE__ */ new Set([...kubeconfigSecrets(kubeconfig), ...structured]))
    setSecret(secret);
}
function structuredKubeconfigSecrets(doc) {
  const out = /* @__PURE__ */ new Set();
  const visit = (node, key) => {
    if (typeof node === "string") {
      if (key !== void 0 && SECRET_KEY_NAMES.has(key) && node.length >= 6) out.add(node);
      return;
    }
    if (Array.isArray(node)) {
      if (key === "args") for (const secret of argSecrets(node)) out.add(secret);
      for (const item of node) visit(item, key === "env" ? "env" : void 0);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node;
    if (key === "env" && typeof record.value === "string" && record.value.length >= 6) {
      out.add(record.value);
    }
    for (const [k, v] of Object.entries(record)) visit(v, k);
  };
  visit(doc, void 0);
  return [...out];
}
var SECRET_FLAG = /^--?[\w-]*(token|secret|password|key)$/i;
function argSecrets(args) {
  const out = [];
  args.forEach((arg, i) => {
    if (typeof arg !== "string") return;
    const eq = arg.indexOf("=");
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    if (!SECRET_FLAG.test(flag)) return;
    const value = eq < 0 ? args[i + 1] : arg.slice(eq + 1);
    if (typeof value === "string" && value.length >= 6 && !value.startsWith("-")) out.push(value);
  });
  return out;
}
function environmentSecrets(env) {
  const names = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN"
  ];
  return names.map((n) => env[n] ?? "").filter((v) => v.length >= 6);
}

// src/github/kubeconfig-list.ts
var SEPARATOR = /^---[ \t]*(#.*)?$/;
function splitKubeconfigs(raw) {
  if (raw.trim() === "") return [];
  const parts = [];
  let current = [];
  let start = 1;
  raw.split(/\r?\n/).forEach((line, i) => {
    if (!SEPARATOR.test(line)) {
      current.push(line);
      return;
    }
    parts.push({ text: current.join("\n"), line: start });
    current = [];
    start = i + 2;
  });
  parts.push({ text: current.join("\n"), line: start });
  return parts;
}
function maskKubeconfigList(raw, setSecret) {
  for (const part of splitKubeconfigs(raw)) maskKubeconfig(part.text, setSecret);
}
function isBlank(text) {
  return text.split("\n").every((l) => /^\s*(#.*)?$/.test(l));
}
function hasClusters(value) {
  const clusters = value !== null && typeof value === "object" && !Array.isArray(value) ? value.clusters : void 0;
  return Array.isArray(clusters) && clusters.length > 0;
}
function isBase64Kubeconfig(text) {
  const compact = text.replace(/\s+/g, "");
  if (compact.length < 16 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return false;
  const doc = (0, import_yaml4.parseDocument)(Buffer.from(compact, "base64").toString("utf8"));
  return doc.errors.length === 0 && hasClusters(doc.toJS());
}
function kubeconfigProblem(text, firstLine = 1) {
  const doc = (0, import_yaml4.parseDocument)(text);
  const error = doc.errors[0];
  if (error) {
    const at2 = error.linePos?.[0];
    const line = at2 ? ` at line ${firstLine + at2.line - 1}, column ${at2.col}` : "";
    const what = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
    return `is not valid YAML${line}: ${what}`;
  }
  if (hasClusters(doc.toJS())) return void 0;
  if (isBase64Kubeconfig(text)) {
    return "is a kubeconfig encoded in base64: give its contents as they are (what `base64 -d` prints), not encoded";
  }
  return "is not a kubeconfig: expected its contents (a mapping with clusters, contexts and users), not a file path";
}
function readKubeconfigList(raw, name) {
  const parts = splitKubeconfigs(raw);
  const clusters = [];
  for (const [i, part] of parts.entries()) {
    const where = `input ${name}: kubeconfig ${i + 1} of ${parts.length} (from line ${part.line})`;
    if (isBlank(part.text)) {
      return {
        ok: false,
        message: `${where} is empty: is a secret not set? Give each cluster's kubeconfig contents, separated by lines \`---\`, with no \`---\` before the first or after the last`
      };
    }
    const problem = kubeconfigProblem(part.text, part.line);
    if (problem !== void 0) return { ok: false, message: `${where} ${problem}` };
    clusters.push({
      kubeconfig: part.text,
      kubeconfigSource: `kubeconfig ${i + 1} of ${name}, from line ${part.line}`
    });
  }
  return { ok: true, clusters };
}

// src/github/preview-compute.ts
var COMPUTE_KEYS = ["cpu", "mem", "gpu", "inf", "shm"];
var EXPECTED = "expected KEY=QUANTITY, comma-separated, with KEY one of cpu, mem, gpu, inf, shm";
function parsePreviewMaxCompute(raw) {
  const fail = (why) => ({
    ok: false,
    message: `input preview-max-compute: ${why}`
  });
  const limits = [];
  for (const item of listItems(raw)) {
    const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(item);
    if (!m) return fail(`${EXPECTED} (e.g. cpu=2, mem=8Gi, gpu=0), got '${item}'`);
    const key = m[1];
    const text = m[2];
    if (!COMPUTE_KEYS.includes(key))
      return fail(`unknown key '${key}' in '${item}'; ${EXPECTED}`);
    const value = parseExactQuantity(text);
    if (value === void 0)
      return fail(`${key}: '${text}' is not a Kubernetes quantity such as 500m, 2 or 8Gi`);
    if (value.sign < 0) return fail(`${key}: must not be negative, got '${text}'`);
    if (limits.some((l) => l.key === key)) return fail(`${key} is given twice`);
    limits.push({ key, text, value });
  }
  return { ok: true, value: limits };
}
function describeLimits(limits) {
  return limits.map((l) => `${l.key}=${l.text}`).join(", ");
}
function checkPreviewCompute(config, limits) {
  const problems = [];
  config.apis.forEach((api, i) => {
    if (api.kind === "TrafficSplitter") return;
    api.pod.containers.forEach((container, j) => {
      for (const limit of limits) {
        const asked = container.compute[limit.key];
        if (asked === null) continue;
        const value = parseExactQuantity(String(asked));
        if (value === void 0 || compareQuantities(value, limit.value) <= 0) continue;
        const path3 = [i, "pod", "containers", j, "compute", limit.key];
        const where = config.written(path3) ? "" : ` (the default; ${limit.key} is not set)`;
        const { line, column } = config.locate(path3);
        problems.push({
          file: config.file,
          line,
          column,
          path: formatPath(path3),
          message: `${asked}${where} is above preview-max-compute's ${limit.key}=${limit.text} (previews only; push deploys are not limited)`
        });
      }
    });
  });
  return sortConfigErrors(problems);
}
function computeRefusal(file, problems) {
  return [
    `${file} asks for more than preview-max-compute allows (${plural(problems.length, "field")}); no preview was deployed:`,
    ...problems.map(formatConfigError)
  ].join("\n");
}

// src/github/preview-replicas.ts
var DEFAULT_PREVIEW_REPLICAS = { min: 1, max: 2 };
function parsePreviewReplicas(raw) {
  const text = raw.trim();
  if (text === "") return { ok: true, value: DEFAULT_PREVIEW_REPLICAS };
  if (text === "config") return { ok: true, value: "config" };
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  const min = Number(m?.[1]);
  const max = Number(m?.[2] ?? m?.[1]);
  if (!m || max < 1 || min > max || max > 1e3) {
    return {
      ok: false,
      message: `input preview-replicas: expected MIN-MAX (e.g. 1-2, with 1 \u2264 MAX \u2264 1000 and MIN \u2264 MAX) or 'config', got '${raw}'`
    };
  }
  return { ok: true, value: { min, max } };
}
function capApi(api, cap) {
  if (api.kind !== "RealtimeAPI") return { api };
  const a = api.autoscaling;
  const max = Math.min(a.max_replicas, cap.max);
  const min = Math.min(a.min_replicas, cap.min, max);
  const init = Math.min(Math.max(Math.min(a.init_replicas, Math.max(cap.min, 1)), min), max);
  if (max === a.max_replicas && min === a.min_replicas && init === a.init_replicas) return { api };
  return {
    api: {
      ...api,
      autoscaling: { ...a, min_replicas: min, max_replicas: max, init_replicas: init }
    },
    change: {
      name: api.name,
      from: { min: a.min_replicas, max: a.max_replicas, init: a.init_replicas },
      to: { min, max, init }
    }
  };
}
function previewConfig(config, replicas) {
  if (replicas === "config") return { config, capped: [] };
  const capped = [];
  const apis = config.apis.map((api) => {
    const r = capApi(api, replicas);
    if (r.change) capped.push(r.change);
    return r.api;
  });
  return { config: { ...config, apis }, capped };
}
function describeCap(c) {
  const f = c.from;
  const t = c.to;
  return `${c.name}: replicas min ${f.min}\u2192${t.min}, max ${f.max}\u2192${t.max}, init ${f.init}\u2192${t.init} (preview cap)`;
}

// src/github/inputs.ts
var InputError = class extends Error {
};
var KUBECONFIG_INPUT = "the kubeconfig input";
var EMPTY_KUBECONFIG_INPUT = "the kubeconfig input is empty (is the secret set and available to this event? Dependabot and fork pull requests get no secrets)";
function kubeconfigAccess(inputs) {
  if (inputs.kubeconfig.trim() === "") {
    return {
      context: inputs.kubeContext,
      ifNoKubeconfig: `${EMPTY_KUBECONFIG_INPUT}, and the runner has no kubeconfig of its own (KUBECONFIG or ~/.kube/config) to use instead`
    };
  }
  return {
    kubeconfig: inputs.kubeconfig,
    kubeconfigSource: KUBECONFIG_INPUT,
    context: inputs.kubeContext
  };
}
function clusterOf(inputs, namespace) {
  return { namespace, ...kubeconfigAccess(inputs) };
}
function bool(get, name, fallback) {
  return optionalBool(get, name) ?? fallback;
}
function optionalBool(get, name) {
  const raw = get(name).trim();
  if (raw === "") return void 0;
  if (/^(true|yes|on|1)$/i.test(raw)) return true;
  if (/^(false|no|off|0)$/i.test(raw)) return false;
  throw new InputError(`input ${name}: expected true or false, got '${raw}'`);
}
function configIdInput(get) {
  const raw = get("config-id").trim();
  if (raw === "") return void 0;
  const problem = checkConfigId(raw);
  if (problem !== void 0) throw new InputError(`input config-id: ${problem}`);
  return raw;
}
function parseWholeNumber(raw) {
  return /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
}
var MAX_UPLOAD_CONCURRENCY = 1024;
function int(get, name, fallback, min, max) {
  const raw = get(name).trim();
  if (raw === "") return fallback;
  const n = parseWholeNumber(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(
      `input ${name}: expected a whole number from ${min} to ${max}, got '${raw}'`
    );
  }
  return n;
}
function parseHumanDuration(raw) {
  const days = /^(\d+)d(.*)$/.exec(raw.trim());
  if (days) {
    const rest = days[2] ?? "";
    return Number(days[1]) * 86400 + (rest === "" ? 0 : parseDuration(rest));
  }
  return parseDuration(raw.trim());
}
function secondsOrNaN(raw) {
  try {
    return parseHumanDuration(raw);
  } catch {
    return Number.NaN;
  }
}
var MAX_TIMEOUT_SECONDS = 7 * 86400;
var MAX_PREVIEW_TTL_SECONDS = 365 * 86400;
function boundedDuration(raw, maxSeconds) {
  const seconds = secondsOrNaN(raw);
  if (!(seconds > 0)) return { ok: false, tooLong: false };
  if (seconds > maxSeconds) return { ok: false, tooLong: true };
  return { ok: true, seconds };
}
function nonNegativeDuration(raw) {
  const seconds = secondsOrNaN(raw);
  return seconds >= 0 && Number.isFinite(seconds) ? seconds : void 0;
}
function minAge(get, name) {
  const text = get(name).trim() || "7d";
  const seconds = nonNegativeDuration(text);
  if (seconds === void 0)
    throw new InputError(`input ${name}: expected a duration such as 36h, 7d or 0s, got '${text}'`);
  return { seconds, text };
}
function kubeconfigInput(get, name) {
  const raw = get(name);
  if (raw.trim() === "") return "";
  const problem = kubeconfigProblem(raw);
  if (problem !== void 0) throw new InputError(`input ${name} ${problem}`);
  return raw;
}
function kubeconfigList(get, name) {
  const read = readKubeconfigList(get(name), name);
  if (!read.ok) throw new InputError(read.message);
  return read.clusters;
}
function contextList(get, name, kubeContext) {
  const contexts = listItems(get(name));
  const twice = firstRepeated(contexts);
  if (twice !== void 0) throw new InputError(`input ${name}: context ${twice} is given twice`);
  if (kubeContext !== void 0 && contexts.includes(kubeContext))
    throw new InputError(
      `input ${name}: context ${kubeContext} is kube-context's, which gc reads already`
    );
  return contexts;
}
function duration(get, name, fallback, maxSeconds) {
  const raw = get(name).trim() || fallback;
  const d = boundedDuration(raw, maxSeconds);
  if (d.ok) return d.seconds;
  throw new InputError(
    d.tooLong ? `input ${name}: at most ${maxSeconds / 86400}d, got '${raw}'` : `input ${name}: expected a positive duration such as 90s, 15m or 7d, got '${raw}'`
  );
}
function readInputs(get) {
  const command = get("command").trim() || "auto";
  if (command !== "auto" && !isCommand(command)) {
    throw new InputError(`input command: '${command}' is not one of auto, ${COMMANDS.join(", ")}`);
  }
  const previewReplicas = parsePreviewReplicas(get("preview-replicas"));
  if (!previewReplicas.ok) throw new InputError(previewReplicas.message);
  const kubeContext = get("kube-context").trim() || void 0;
  const previewMaxCompute = parsePreviewMaxCompute(get("preview-max-compute"));
  if (!previewMaxCompute.ok) throw new InputError(previewMaxCompute.message);
  return {
    config: get("config").trim() || "cortex.yaml",
    command,
    namespace: get("namespace").trim() || "default",
    bucket: get("bucket").trim(),
    prefix: get("prefix").trim() || "cortex-deploy",
    awsRegion: get("aws-region").trim(),
    s3Endpoint: get("s3-endpoint").trim(),
    s3ForcePathStyle: optionalBool(get, "s3-force-path-style"),
    kubeconfig: kubeconfigInput(get, "kubeconfig"),
    kubeContext,
    uploadConcurrency: int(get, "upload-concurrency", 16, 1, MAX_UPLOAD_CONCURRENCY),
    wait: bool(get, "wait", true),
    timeoutSeconds: duration(get, "timeout", "15m", MAX_TIMEOUT_SECONDS),
    prune: bool(get, "prune", true),
    forceConflicts: bool(get, "force-conflicts", false),
    configId: configIdInput(get),
    rollbackTo: get("rollback-to").trim(),
    previewTtlSeconds: duration(get, "preview-ttl", "7d", MAX_PREVIEW_TTL_SECONDS),
    allowForkPreviews: bool(get, "allow-fork-previews", false),
    previewCopySecret: bool(get, "preview-copy-secret", true),
    endpointUrlTemplate: get("endpoint-url-template").trim(),
    githubToken: get("github-token"),
    previewReplicas: previewReplicas.value,
    previewMaxCompute: previewMaxCompute.value,
    dryRun: bool(get, "dry-run", false),
    gcMinAge: minAge(get, "gc-min-age"),
    gcKubeconfigs: kubeconfigList(get, "gc-kubeconfigs"),
    gcContexts: contextList(get, "gc-contexts", kubeContext)
  };
}
var READS_DRY_RUN = ["cleanup", "gc", "validate", "plan"];
function checkDryRun(command, dryRun) {
  if (!dryRun || READS_DRY_RUN.includes(command)) return;
  const instead = command === "deploy" || command === "preview" ? "for a deploy that changes nothing use `command: plan`" : "set dry-run to false to run it";
  throw new InputError(
    `input dry-run: true applies to cleanup and gc only, so this ${command} was not run (it would have changed the cluster); ${instead}.`
  );
}
function pathStyleWarning(forcePathStyle, endpoint) {
  if (forcePathStyle !== false || !endpoint) return void 0;
  return `s3-force-path-style is false with the S3 endpoint ${endpoint}: the bucket is addressed as a host name (virtual-hosted style), which most S3-compatible stores do not serve. Leave the input empty to use path-style with an endpoint.`;
}

export {
  describeConfigError,
  formatConfigError,
  countProblems,
  sortConfigErrors,
  closest,
  loadConfigFile,
  resolveCommand,
  firstRepeated,
  maskKubeconfig,
  environmentSecrets,
  maskKubeconfigList,
  describeLimits,
  checkPreviewCompute,
  computeRefusal,
  previewConfig,
  describeCap,
  InputError,
  KUBECONFIG_INPUT,
  EMPTY_KUBECONFIG_INPUT,
  kubeconfigAccess,
  clusterOf,
  parseWholeNumber,
  MAX_UPLOAD_CONCURRENCY,
  MAX_TIMEOUT_SECONDS,
  boundedDuration,
  nonNegativeDuration,
  readInputs,
  checkDryRun,
  pathStyleWarning
};
