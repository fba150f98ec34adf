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
    const doc = parseDocument(part.text);
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      const line = at ? ` at line ${part.line + at.line - 1}, column ${at.col}` : "";
      // The parser's first sentence only: the lines it quotes after it may hold a token.
      const what = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
      return { ok: false, message: `${where} is not valid YAML${line}: ${what}` };
    }
    const value: unknown = doc.toJS();
    const clustersOf =
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, unknown>).clusters
        : undefined;
    if (!Array.isArray(clustersOf) || clustersOf.length === 0) {
      return {
        ok: false,
        message:
          `${where} is not a kubeconfig: expected its contents (a mapping with clusters, contexts ` +
          "and users), not a file path",
      };
    }
    clusters.push({
      kubeconfig: part.text,
      kubeconfigSource: `kubeconfig ${i + 1} of ${name}, from line ${part.line}`,
    });
  }
  return { ok: true, clusters };
}
