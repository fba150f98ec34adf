// loadConfigFile: reading errors are located one-liners too, and size is checked before reading.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatConfigError, loadConfigFile, MAX_CONFIG_BYTES } from "../../../src/config/index.ts";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cortex-config-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadConfigFile", () => {
  it("reports a missing file at 1:1", async () => {
    const file = path.join(dir, "nope.yaml");
    const result = await loadConfigFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatConfigError)).toEqual([
      `${file}:1:1: error: cannot read the file: no such file`,
    ]);
  });

  it("reports a folder", async () => {
    const result = await loadConfigFile(dir);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      "cannot read the file: it is a folder",
    ]);
  });

  it("refuses a file over 1 MiB", async () => {
    const file = path.join(dir, "big.yaml");
    await writeFile(file, `# ${"x".repeat(MAX_CONFIG_BYTES)}\n`);
    const result = await loadConfigFile(file);
    expect(result.ok ? [] : result.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [1, 1, `file is 1.0 MiB (${MAX_CONFIG_BYTES + 3} bytes); the limit is 1 MiB`],
    ]);
  });

  it("loads a valid file with its absolute folder", async () => {
    const file = path.join(dir, "cortex.yaml");
    await writeFile(
      file,
      "- name: api\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - {name: api, image: x}\n",
    );
    const result = await loadConfigFile(file);
    expect(result.ok && result.config.dir).toBe(dir);
    expect(result.ok && result.config.apis.map((a) => a.name)).toEqual(["api"]);
  });

  it("locates errors with the path as given", async () => {
    const file = path.join(dir, "bad.yaml");
    await writeFile(file, "- name: api\n  kind: RealtimeAPI\n");
    const result = await loadConfigFile(file);
    expect(result.ok ? [] : result.errors.map(formatConfigError)).toEqual([
      `${file}:1:3: error: [0].pod: required field is missing`,
    ]);
  });
});
