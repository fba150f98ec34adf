import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/text/markdown.ts
var ACTIVE = /[\\`*_[\]<>&|~]/g;
function inlineText(text) {
  return text.replace(/\r?\n/g, " ").replace(ACTIVE, "\\$&").replaceAll("@", "@\u200B");
}
var cell = inlineText;
var BLOCK_START = /^([#=+-]|\d{1,9}[.)])/;
function quoteLine(line) {
  if (line.trim() === "") return "";
  const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
  const text = inlineText(line.slice(indent)).replace(
    BLOCK_START,
    (m) => m.replace(/[#=+.)-]/, "\\$&")
  );
  return "\xA0".repeat(indent) + text;
}
function quoteBlock(text) {
  const lines = text.split(/\r?\n/).map(quoteLine);
  return lines.map((line, i) => {
    if (line === "") return ">";
    const next = lines[i + 1];
    return `> ${line}${next !== void 0 && next !== "" ? "\\" : ""}`;
  }).join("\n");
}
function codeSpan(text) {
  const flat = text.replace(/\r?\n/g, " ");
  const fence = "`".repeat(longestRun(flat, "`") + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
function codeCell(text) {
  return codeSpan(text).replaceAll("|", "\\|");
}
function fencedBlock(text, lang = "") {
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  return `${fence}${lang}
${text}
${fence}`;
}
var HTML = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}
function longestRun(text, char) {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

export {
  inlineText,
  cell,
  quoteBlock,
  codeSpan,
  codeCell,
  fencedBlock,
  escapeHtml
};
