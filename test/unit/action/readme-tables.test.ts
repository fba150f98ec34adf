// README's tables of the Action's inputs and outputs say what action.yml says: same names, same
// defaults, same descriptions. GitHub shows action.yml on the Marketplace and README on the
// repository, and the two had drifted before.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../../..");
const action = parse(readFileSync(path.join(root, "action.yml"), "utf8")) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};
const readme = readFileSync(path.join(root, "README.md"), "utf8");

const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** The rows of README's table whose header starts with `first`, as cells, by first cell. */
function table(first: string): Map<string, string[]> {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => new RegExp(`^\\| ${first} +\\|`).test(l));
  expect(start, `README has a table headed "${first}"`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => oneLine(c).replaceAll("\\|", "|"));
    rows.set((cells[0] ?? "").replaceAll("`", ""), cells.slice(1));
  }
  return rows;
}

describe("README's Action tables", () => {
  it("list every input of action.yml with its default and description", () => {
    const rows = table("input");
    expect([...rows.keys()]).toEqual(Object.keys(action.inputs));
    for (const [name, input] of Object.entries(action.inputs)) {
      const defaultCell = input.default === undefined ? "" : `\`${input.default}\``;
      expect(rows.get(name), name).toEqual([defaultCell, oneLine(input.description)]);
    }
  });

  it("list every output of action.yml with its description", () => {
    const rows = table("output");
    expect([...rows.keys()]).toEqual(Object.keys(action.outputs));
    for (const [name, output] of Object.entries(action.outputs))
      expect(rows.get(name), name).toEqual([oneLine(output.description)]);
  });
});
