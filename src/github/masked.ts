// The values this run masked, and their redaction from text that leaves for GitHub. core.setSecret
// masks the job log only: a PR comment, a Deployment status and the job summary carry whatever
// text they are given, and a public repository's comments are world-readable. So every value the
// Action masks goes through `mask`, and the GitHub API client and the job summary writer pass what
// they send through `redact`.
import * as core from "@actions/core";
import { escapeHtml, inlineText } from "../text/markdown.ts";

/**
 * Lines shorter than this are neither masked nor redacted. A multi-line secret is masked line by
 * line, and a PEM's last line or a lone brace is no secret on its own: masking three characters
 * would star out ordinary words and numbers all over the log, the comment and the summary.
 */
export const MIN_MASKED_LENGTH = 4;

/** What the redaction writes in place of a masked value, as the runner does in the log. */
export const REDACTED = "***";

/** The lines of `value` that are masked: GitHub masks a multi-line secret line by line. */
export function maskedLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= MIN_MASKED_LENGTH);
}

/**
 * The shortest base64 form that is redacted. Shorter ones are common runs of letters: redacting
 * them would star out ordinary words of prose and base64 text. So a secret under 9 bytes is found
 * base64-encoded at some offsets only, and one under 6 bytes not at all.
 */
const MIN_BASE64_FORM = 8;

/**
 * The base64 characters that encode `value` wherever it sits in a longer base64-encoded text (a
 * kubeconfig's client-key-data holding a masked PEM, say). Base64 packs 3 bytes into 4 characters,
 * so the value starts at one of three offsets within a group: dropping 0, 1 or 2 of its leading
 * bytes aligns the rest. The characters that also encode the bytes after it are left out.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const forms: string[] = [];
  for (const skip of [0, 1, 2]) {
    const rest = bytes.subarray(skip);
    const whole = Math.floor(rest.length / 3) * 4 + (rest.length % 3);
    const form = rest.toString("base64").slice(0, whole);
    if (form.length >= MIN_BASE64_FORM) forms.push(form);
  }
  return forms;
}

/**
 * The ways a value can appear in what we send: as it is, escaped for Markdown (a comment's or the
 * summary's text), for HTML (a code block), in a table cell, in JSON, in a URL and base64-encoded.
 * The runner masks such encodings of a secret in the log too.
 */
function encodings(value: string): string[] {
  return [
    value,
    inlineText(value),
    escapeHtml(value),
    value.replaceAll("|", "\\|"),
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    ...base64Forms(value),
  ];
}

/** The masked values of one run, told to the runner and taken out of outgoing text. */
export class MaskedValues {
  private readonly values = new Set<string>();
  /** Every encoding of every value, longest first; rebuilt after a value is added. */
  private patterns: string[] | undefined;

  constructor(private readonly setSecret: (value: string) => void) {}

  /** Masks each line of `value` in the job log and remembers it for `redact`. */
  add(value: string): void {
    for (const line of maskedLines(value)) {
      this.setSecret(line);
      if (this.values.has(line)) continue;
      this.values.add(line);
      this.patterns = undefined;
    }
  }

  /**
   * `text` with every masked value replaced by ***. Longest first, so a value that contains
   * another is replaced whole rather than leaving its rest behind.
   */
  redact(text: string): string {
    if (this.values.size === 0 || text === "") return text;
    this.patterns ??= [...new Set([...this.values].flatMap(encodings))].sort(
      (a, b) => b.length - a.length,
    );
    let out = text;
    for (const pattern of this.patterns) out = out.replaceAll(pattern, REDACTED);
    return out;
  }
}

/** This run's masked values: the Action has one run per process. */
const masked = new MaskedValues((value) => core.setSecret(value));

/** Masks `value` (each of its lines) in the job log, and in everything `redact` cleans. */
export function mask(value: string): void {
  masked.add(value);
}

/** `text` without any value this run masked: for everything that is sent to GitHub. */
export function redact(text: string): string {
  return masked.redact(text);
}

/** Every string in `value` (objects and arrays, deeply) redacted; other values as they are. */
export function redactDeep(value: unknown): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  }
  return value;
}
