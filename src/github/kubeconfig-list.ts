// The gc-kubeconfigs input: the kubeconfigs of more clusters in one input, as YAML documents
// separated by lines `---` (one secret each, written one after the other). Split on the lines
// rather than by a YAML stream parser, so each kubeconfig keeps its exact text (the Kubernetes
// client loads it as it is) and every message can say on which line of the input it starts.
import { parseDocument } from "yaml";
import type { ClusterAccess } from "../commands/common.ts";
import { maskKubeconfig } from "./secrets.ts";

export interface KubeconfigPart {
  text: string;
  /** The input's line (1-based) where this kubeconfig's text starts. */
  line: number;
}

/** A YAML document start marker on a line of its own (a comment may follow). */
const SEPARATOR = /^---[ \t]*(#.*)?$/;

/** The input's kubeconfigs, in order; none for an empty input. Never throws (masking uses it). */
export function splitKubeconfigs(raw: string): KubeconfigPart[] {
  if (raw.trim() === "") return [];
  const parts: KubeconfigPart[] = [];
  let current: string[] = [];
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

/** Masks every credential of every kubeconfig in the input, each read on its own. */
export function maskKubeconfigList(raw: string, setSecret: (s: string) => void): void {
  for (const part of splitKubeconfigs(raw)) maskKubeconfig(part.text, setSecret);
}

/** A comment-only or blank document: most often a secret that is not set. */
function isBlank(text: string): boolean {
  return text.split("\n").every((l) => /^\s*(#.*)?$/.test(l));
}

/** Whether a parsed document is a kubeconfig: a mapping with at least one cluster. */
function hasClusters(value: unknown): boolean {
  const clusters =
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>).clusters
      : undefined;
  return Array.isArray(clusters) && clusters.length > 0;
}

/** Whether `text` is a kubeconfig encoded in base64, as some guides tell people to store it. */
function isBase64Kubeconfig(text: string): boolean {
  const compact = text.replace(/\s+/g, "");
  if (compact.length < 16 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return false;
  const doc = parseDocument(Buffer.from(compact, "base64").toString("utf8"));
  return doc.errors.length === 0 && hasClusters(doc.toJS());
}

/**
 * What is wrong with one kubeconfig's contents, as the rest of a sentence that names it ("is not
 * valid YAML at line 3, column 1: ..."), or undefined if it has clusters. `firstLine` is the line
 * of its input where it starts. The message quotes no text of it: it is a secret.
 */
export function kubeconfigProblem(text: string, firstLine = 1): string | undefined {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const line = at ? ` at line ${firstLine + at.line - 1}, column ${at.col}` : "";
    // The parser's first sentence only: the lines it quotes after it may hold a token.
    const what = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
    return `is not valid YAML${line}: ${what}`;
  }
  if (hasClusters(doc.toJS())) return undefined;
  if (isBase64Kubeconfig(text)) {
    return (
      "is a kubeconfig encoded in base64: give its contents as they are (what `base64 -d` " +
      "prints), not encoded"
    );
  }
  return (
    "is not a kubeconfig: expected its contents (a mapping with clusters, contexts and users), " +
    "not a file path"
  );
}

/**
 * The input's kubeconfigs, each checked to be a YAML mapping with clusters, or what is wrong and
 * where. Messages quote no text of the input: it is a secret.
 */
export function readKubeconfigList(
  raw: string,
  name: string,
): { ok: true; clusters: ClusterAccess[] } | { ok: false; message: string } {
  const parts = splitKubeconfigs(raw);
  const clusters: ClusterAccess[] = [];
  for (const [i, part] of parts.entries()) {
    const where = `input ${name}: kubeconfig ${i + 1} of ${parts.length} (from line ${part.line})`;
    // An empty document is refused, not skipped: a secret that is not set expands to nothing,
    // and gc would then delete what only that cluster uses.
    if (isBlank(part.text)) {
      return {
        ok: false,
        message:
          `${where} is empty: is a secret not set? Give each cluster's kubeconfig contents, ` +
          "separated by lines `---`, with no `---` before the first or after the last",
      };
    }
    const problem = kubeconfigProblem(part.text, part.line);
    if (problem !== undefined) return { ok: false, message: `${where} ${problem}` };
    clusters.push({
      kubeconfig: part.text,
      kubeconfigSource: `kubeconfig ${i + 1} of ${name}, from line ${part.line}`,
    });
  }
  return { ok: true, clusters };
}
