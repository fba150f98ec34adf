// The precompiled validator must match the schema file it is generated from.

import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");

describe("src/config/generated/validate.js", () => {
  it("is up to date with src/config/cortex.schema.json", () => {
    const out = execFileSync(process.execPath, ["scripts/gen-schema-validator.mjs", "--check"], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(out).toContain("is up to date");
  });
});
