// Text we do not control stays text in GitHub's Markdown: no HTML, links, mentions or early ends.
import { describe, expect, it } from "vitest";
import {
  cell,
  codeCell,
  codeSpan,
  escapeHtml,
  fencedBlock,
  inlineText,
} from "../../../src/text/markdown.ts";

describe("Markdown from untrusted text", () => {
  it("inline text: HTML, links, emphasis and mentions are inert", () => {
    const text = "<img src=x> [Re-run](https://evil.example) *now* @org/team & ~~x~~";
    const out = inlineText(text);
    expect(out).toBe(
      "\\<img src=x\\> \\[Re-run\\](https://evil.example) \\*now\\* @\u200borg/team \\& \\~\\~x\\~\\~",
    );
    expect(out).not.toMatch(/(^|[^\\])[<[*&~]/);
  });

  it("a table cell keeps its row: pipes escaped, lines joined", () => {
    expect(cell("a|b\nc\\d")).toBe("a\\|b c\\\\d");
  });

  it("a code span holds any backticks without ending early", () => {
    expect(codeSpan("cortex.yaml")).toBe("`cortex.yaml`");
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x`")).toBe("`` `x` ``");
    expect(codeCell("a|b")).toBe("`a\\|b`");
  });

  it("a fenced block cannot be closed by its text", () => {
    const block = fencedBlock("+ a\n```\n<b>x</b>", "diff");
    expect(block).toBe("````diff\n+ a\n```\n<b>x</b>\n````");
  });

  it("HTML escaping for text inside raw HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});
