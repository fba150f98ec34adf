// The example workflows are what users copy: every step that uses this Action may only pass inputs
// action.yml declares (GitHub only warns about an unknown one, and the step then runs without it),
// and may only read outputs it declares.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../../..");
const action = parse(readFileSync(path.join(root, "action.yml"), "utf8")) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const dir = path.join(root, "examples/workflows");

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

const workflows = readdirSync(dir)
  .filter((f) => f.endsWith(".yml"))
  .map((file) => {
    const text = readFileSync(path.join(dir, file), "utf8");
    const doc = parse(text) as { jobs: Record<string, { steps?: Step[] }> };
    const steps = Object.values(doc.jobs).flatMap((j) => j.steps ?? []);
    return { file, text, ours: steps.filter((s) => s.uses?.startsWith("cortex-deploy/")) };
  });

describe("the example workflows", () => {
  it("each use the Action", () => {
    expect(workflows.length).toBeGreaterThanOrEqual(5);
    for (const w of workflows) expect(w.ours.length, w.file).toBeGreaterThan(0);
  });

  it.each(workflows)("$file passes only inputs action.yml declares", ({ ours }) => {
    for (const step of ours)
      for (const input of Object.keys(step.with ?? {}))
        expect(Object.keys(action.inputs)).toContain(input);
  });

  it.each(workflows)("$file reads only outputs action.yml declares", ({ ours, text }) => {
    for (const step of ours) {
      if (step.id === undefined) continue;
      const read = text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, "g"));
      for (const [, output] of read) expect(Object.keys(action.outputs)).toContain(output);
    }
  });
});
