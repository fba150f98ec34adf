// Markdown for GitHub (job summaries, PR comments, the plan) built from text we do not control:
// API names, file paths, error messages and values from cortex.yaml, a fork's pull request's
// included. GitHub renders raw HTML and links in Markdown, and `@org/team` in a comment notifies
// people; a backtick in a name would end its code span early. These keep such text inert.

/** Punctuation that starts HTML, entities, links, emphasis, code or strikethrough mid-line. */
const ACTIVE = /[\\`*_[\]<>&|~]/g;

/** Text shown as it is, on one line: no HTML, links, emphasis or mentions. */
export function inlineText(text: string): string {
  return (
    text
      .replace(/\r?\n/g, " ")
      .replace(ACTIVE, "\\$&")
      // A zero-width space after @ keeps GitHub from mentioning (and notifying) anyone.
      .replaceAll("@", "@\u200b")
  );
}

/** A table cell (`|` is escaped along with the rest). */
export const cell = inlineText;

/** A marker at the head of a line that would start a heading, a list or a setext underline. */
const BLOCK_START = /^([#=+-]|\d{1,9}[.)])/;

/** One line of a quoteBlock: escaped, its indentation kept as no-break spaces. */
function quoteLine(line: string): string {
  if (line.trim() === "") return "";
  const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
  const text = inlineText(line.slice(indent)).replace(BLOCK_START, (m) =>
    m.replace(/[#=+.)-]/, "\\$&"),
  );
  // Spaces would be stripped (or, four of them, make a code block); no-break spaces stay.
  return "\u00a0".repeat(indent) + text;
}

/**
 * Text as a block quote that keeps its lines (a failure that lists fields one per line): each
 * line escaped as inlineText and `> `-prefixed, ended with a hard break (a backslash) so GitHub
 * does not join it to the next.
 */
export function quoteBlock(text: string): string {
  const lines = text.split(/\r?\n/).map(quoteLine);
  return lines
    .map((line, i) => {
      if (line === "") return ">";
      const next = lines[i + 1];
      return `> ${line}${next !== undefined && next !== "" ? "\\" : ""}`;
    })
    .join("\n");
}

/** `text` as inline code, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, " ");
  const fence = "`".repeat(longestRun(flat, "`") + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Inline code inside a table cell: GitHub splits cells on `|` before it reads code spans. */
export function codeCell(text: string): string {
  return codeSpan(text).replaceAll("|", "\\|");
}

/** A fenced code block that no line of `text` can close. */
export function fencedBlock(text: string, lang = ""): string {
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

const HTML: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text inside raw HTML (`<pre><code>`, `<code>`), where Markdown escapes do not apply. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
