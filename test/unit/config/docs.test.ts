// The example at the top of docs/cortex-yaml.md must stay valid.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { formatConfigError, parseConfig } from "../../../src/config/index.ts";

const repoRoot = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");

it("the reference's example validates", () => {
  const doc = readFileSync(path.join(repoRoot, "docs/cortex-yaml.md"), "utf8");
  const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
  expect(example).toContain("kind: RealtimeAPI");
  const result = parseConfig(example, "docs/cortex-yaml.md");
  expect(result.ok ? [] : result.errors.map(formatConfigError)).toEqual([]);
  expect(result.ok && result.config.apis[0]?.name).toBe("iris");
});
