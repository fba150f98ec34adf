// The demo's own repository: a copy of examples/iris where every change is a commit, never
// touching the example itself.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleDir } from "../../../scripts/demo/paths.ts";
import { makeWorkDir, type WorkDir } from "../../../scripts/demo/workdir.ts";

let parent: string;
let work: WorkDir;
const exampleConfig = readFileSync(path.join(exampleDir, "cortex.yaml"), "utf8");

const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: work.dir, encoding: "utf8" }).trim();

beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), "demo-workdir-"));
  work = await makeWorkDir(path.join(parent, "repo"), "registry.example/iris:3");
});

afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

describe("makeWorkDir", () => {
  it("copies the example, with the image replaced, into a git repository of its own", async () => {
    expect(existsSync(path.join(work.dir, ".git"))).toBe(true);
    expect(existsSync(path.join(work.dir, "server.py"))).toBe(true);
    const config = await work.readConfig();
    expect(config).toContain("image: registry.example/iris:3");
    expect(config).not.toContain("examples-iris:1");
    expect(readFileSync(path.join(exampleDir, "cortex.yaml"), "utf8")).toBe(exampleConfig);
  });

  it("commits every change, the model included, as the author the history shows", async () => {
    const first = await work.commit("iris: model v1");
    await work.writeConfig(`${await work.readConfig()}# changed\n`);
    const second = await work.commit("change");
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    expect(second).not.toBe(first);
    expect(git("log", "--format=%s")).toBe("change\niris: model v1");
    // model/ is committed here (the example ignores it): a new model is a commit like any other.
    expect(() => git("check-ignore", "-q", "model/model.joblib")).toThrow();
    expect(git("config", "user.name")).toBe("cortex-deploy demo");
    expect(git("status", "--porcelain")).toBe("");
  });

  it("starts afresh when the folder exists (a second run)", async () => {
    const again = await makeWorkDir(work.dir);
    expect(existsSync(path.join(again.dir, ".git"))).toBe(true);
    expect(() => git("rev-parse", "HEAD")).toThrow();
  });
});
