// A missing cortex.yaml in a workspace with no checkout asks whether actions/checkout ran.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../../../src/config/index.ts";
import { withCheckoutHint } from "../../../src/github/checkout-hint.ts";

const workspace = () => mkdtemp(path.join(tmpdir(), "checkout-hint-"));

describe("withCheckoutHint", () => {
  it("asks about actions/checkout when the file is missing and the workspace has no .git", async () => {
    const dir = await workspace();
    const file = path.join(dir, "deploy", "cortex.yaml");
    const loaded = await withCheckoutHint(await loadConfigFile(file), dir);
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? [] : loaded.errors.map((e) => e.message)).toEqual([
      `cannot read the file: no such file; the workspace ${dir} has no .git: did the job run ` +
        "actions/checkout before this step?",
    ]);
  });

  it("leaves the error as it is in a checkout (a wrong path), and other errors alone", async () => {
    const dir = await workspace();
    await mkdir(path.join(dir, ".git"));
    const missing = await loadConfigFile(path.join(dir, "cortex.yaml"));
    expect(await withCheckoutHint(missing, dir)).toEqual(missing);
    const bare = await workspace();
    await writeFile(path.join(bare, "cortex.yaml"), "- name: 1\n");
    const invalid = await loadConfigFile(path.join(bare, "cortex.yaml"));
    expect(invalid.ok).toBe(false);
    expect(await withCheckoutHint(invalid, bare)).toEqual(invalid);
  });
});
