import { existsSync } from "node:fs";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeKubeconfigFile } from "../../../src/github/kubeconfig-file.ts";

describe("the kubeconfig file", () => {
  it("is written in the runner's temp folder, readable by this user only, and removed after", async () => {
    const runnerTemp = await mkdtemp(path.join(tmpdir(), "runner-temp-"));
    const file = await writeKubeconfigFile("apiVersion: v1\nkind: Config\n", runnerTemp);
    expect(file.path.startsWith(runnerTemp)).toBe(true);
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file.path))).mode & 0o777).toBe(0o700);
    expect(await readFile(file.path, "utf8")).toBe("apiVersion: v1\nkind: Config\n");
    await file.remove();
    expect(existsSync(file.path)).toBe(false);
  });

  it("gives each run its own file", async () => {
    const runnerTemp = await mkdtemp(path.join(tmpdir(), "runner-temp-"));
    const a = await writeKubeconfigFile("a", runnerTemp);
    const b = await writeKubeconfigFile("b", runnerTemp);
    expect(a.path).not.toBe(b.path);
    await Promise.all([a.remove(), b.remove()]);
  });
});
