// Every example cortex.yaml of Cortex v0.42 must validate unchanged.

import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatConfigError, loadConfigFile } from "../../../src/config/index.ts";

const repoRoot = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const examples = path.resolve(repoRoot, "../shared/conformance/cortex-examples");
const files = readdirSync(examples)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe("Cortex's example files", () => {
  it("are all there", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)("%s validates", async (file) => {
    const result = await loadConfigFile(path.join(examples, file));
    const errors = result.ok ? [] : result.errors.map(formatConfigError);
    expect(errors).toEqual([]);
    if (!result.ok) return;
    // The file name says the kind of its last API: <kind>__<example>__<file>.yaml.
    const kind = file.split("__")[0];
    const last = result.config.apis[result.config.apis.length - 1];
    expect(last?.kind.toLowerCase()).toBe(
      kind === "trafficsplitter" ? "trafficsplitter" : `${kind}api`,
    );
    expect(result.config.dir).toBe(examples);
  });
});
