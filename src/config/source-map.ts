// Positions of fields in the parsed YAML: path → line/column, the nearest existing node when the
// path does not exist (a missing required key points at its parent mapping).

import { isMap, isScalar, isSeq, type LineCounter, type Node, type ParsedNode } from "yaml";
import type { Anchor } from "./issue.ts";
import type { ConfigPath } from "./path.ts";

export interface Position {
  line: number;
  column: number;
}

interface Step {
  /** The deepest node reached, and where it starts. */
  node: ParsedNode | null;
  pos: Position;
  /** Position of the last key reached, when the path ended on a mapping key. */
  keyPos?: Position;
  complete: boolean;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
}

export class SourceMap {
  readonly #contents: ParsedNode | null;
  readonly #lines: LineCounter;

  constructor(contents: ParsedNode | null, lines: LineCounter) {
    this.#contents = contents;
    this.#lines = lines;
  }

  positionOf(offset: number): Position {
    const { line, col } = this.#lines.linePos(offset);
    return { line, column: col };
  }

  #start(node: Node | null | undefined): Position {
    const offset = node?.range?.[0];
    return offset === undefined ? { line: 1, column: 1 } : this.positionOf(offset);
  }

  #walk(path: ConfigPath): Step {
    let node = this.#contents;
    let pos = this.#start(node);
    let keyPos: Position | undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] as string | number;
      keyPos = undefined;
      if (isMap(node)) {
        // The last one: of a key written twice, the last value is used (as go-yaml does).
        const pair = node.items.findLast((p) => keyText(p.key) === String(seg));
        if (pair === undefined) return { node, pos, complete: false };
        keyPos = this.#start(pair.key as Node);
        const value = pair.value as ParsedNode | null;
        // `pod:` with nothing after it: the key is the nearest thing the user wrote.
        if (value === null || isEmptyScalar(value)) {
          return { node: value, pos: keyPos, keyPos, complete: i === path.length - 1 };
        }
        node = value;
        pos = this.#start(node);
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg] as ParsedNode | undefined;
        if (item === undefined) return { node, pos, complete: false };
        node = item;
        pos = this.#start(node);
      } else {
        return { node, pos, complete: false };
      }
    }
    return { node, pos, ...(keyPos ? { keyPos } : {}), complete: true };
  }

  /** Where `path` is in the file: its key or its value; the nearest existing node otherwise. */
  locate(path: ConfigPath, at: Anchor = "value"): Position {
    const step = this.#walk(path);
    if (step.complete && at === "key" && step.keyPos) return step.keyPos;
    return step.pos;
  }

  /** The text of the plain scalar at `path` as written (`y` for a value YAML read as true). */
  plainText(path: ConfigPath): string | undefined {
    const step = this.#walk(path);
    const node = step.complete ? step.node : null;
    if (!isScalar(node) || node.type !== "PLAIN" || typeof node.source !== "string")
      return undefined;
    return node.source;
  }

  /** Whether the user wrote this field (defaults do not count). */
  has(path: ConfigPath): boolean {
    return this.#walk(path).complete;
  }
}
