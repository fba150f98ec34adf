import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/text/markdown.ts
var ACTIVE = /[\\`*_[\]<>&|~]/g;
function inlineText(text) {
  return text.replace(/\r?\n/g, " ").replace(ACTIVE, "\\$&").replaceAll("@", "@\u200B");
}
var cell = inlineText;
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
  codeSpan,
  codeCell,
  fencedBlock,
  escapeHtml
};
