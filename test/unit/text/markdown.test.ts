// Text we do not control stays text in GitHub's Markdown: no HTML, links, mentions or early ends.
import { describe, expect, it } from "vitest";
import {
  cell,
  codeCell,
  codeSpan,
  escapeHtml,
  fencedBlock,
  inlineText,
  quoteBlock,
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

  it("a quote block keeps each line of a failure, ending all but the last with a hard break", () => {
    const failure =
      "cortex.yaml asks for more than preview-max-compute allows (2 fields); nothing was created:\n" +
      "  cortex.yaml:7:14: [0].pod.containers[0].compute.cpu: 8 is above cpu=2\n" +
      "  cortex.yaml:8:14: [0].pod.containers[0].compute.gpu: 1 is above gpu=0";
    const nb = "\u00a0\u00a0";
    expect(quoteBlock(failure).split("\n")).toEqual([
      "> cortex.yaml asks for more than preview-max-compute allows (2 fields); nothing was created:\\",
      `> ${nb}cortex.yaml:7:14: \\[0\\].pod.containers\\[0\\].compute.cpu: 8 is above cpu=2\\`,
      `> ${nb}cortex.yaml:8:14: \\[0\\].pod.containers\\[0\\].compute.gpu: 1 is above gpu=0`,
    ]);
    expect(quoteBlock("not Ready: iris")).toBe("> not Ready: iris");
    expect(quoteBlock("a\r\n\nb")).toBe("> a\n>\n> b");
  });

  it("a quote block keeps each line inert: no HTML, links, mentions, headings or lists", () => {
    expect(quoteBlock("<img src=x>\n[Re-run](https://evil.example) @org/team").split("\n")).toEqual(
      ["> \\<img src=x\\>\\", "> \\[Re-run\\](https://evil.example) @\u200borg/team"],
    );
    expect(quoteBlock("# h\n- item\n+ item\n12. item\n3) item\n---\n===").split("\n")).toEqual([
      "> \\# h\\",
      "> \\- item\\",
      "> \\+ item\\",
      "> 12\\. item\\",
      "> 3\\) item\\",
      "> \\---\\",
      "> \\===",
    ]);
    // Four spaces would make a code block: they are no-break spaces, not Markdown indentation.
    expect(quoteBlock("    <b>x</b>")).toBe(`> ${"\u00a0".repeat(4)}\\<b\\>x\\</b\\>`);
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
