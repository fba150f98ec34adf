import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanupOutputs, cleanupTable } from "../../../src/github/run-cleanup.ts";
import { teardownIdentity } from "../../../src/github/run-teardown.ts";
import { configIdForPath } from "../../../src/kube/config-id.ts";

const expired = [
  {
    namespace: "ml-pr-3",
    pullRequest: 3,
    expiresAt: "2025-01-02T00:00:00.000Z",
    configs: {},
    reason: "expired" as const,
  },
  {
    namespace: "ml-pr-1",
    pullRequest: 1,
    expiresAt: "2025-01-09T00:00:00.000Z",
    configs: {},
    reason: "closed" as const,
  },
];

describe("the cleanup table", () => {
  it("says what was deleted and what was not", () => {
    const md = cleanupTable(expired, new Set(["ml-pr-3"]), false);
    expect(md).toContain("| namespace | pull request | why | action |");
    expect(md).toContain("| `ml-pr-3` | #3 | expired 2025-01-02 00:00 UTC | deleted |");
    expect(md).toContain("| `ml-pr-1` | #1 | closed | not deleted (see the log) |");
  });

  it("says what a dry run would delete", () => {
    expect(cleanupTable(expired, new Set(), true)).toContain("would delete (dry run)");
  });

  it("says when nothing expired", () => {
    expect(cleanupTable([], new Set(), false)).toBe(
      "No preview is past its expiry or has its pull request closed.",
    );
  });
});

describe("the cleanup outputs", () => {
  it("list what was found, by reason, and what was deleted", () => {
    const out = cleanupOutputs(expired, new Set(["ml-pr-3"]));
    const namespaces = (json: string | undefined) =>
      (JSON.parse(json ?? "") as { namespace: string }[]).map((p) => p.namespace);
    expect(namespaces(out["expired-previews"])).toEqual(["ml-pr-3"]);
    expect(namespaces(out["closed-previews"])).toEqual(["ml-pr-1"]);
    expect(namespaces(out["removed-previews"])).toEqual(["ml-pr-3"]);
    expect(cleanupOutputs([], new Set())["expired-previews"]).toBe("[]");
  });

  it("are all empty, not [], when cleanup could not list the previews", () => {
    expect(cleanupOutputs(undefined, new Set())).toEqual({
      "expired-previews": "",
      "closed-previews": "",
      "removed-previews": "",
    });
  });
});

describe("the config identity at teardown", () => {
  it("is the deploy's identity when the checkout is there", async () => {
    const repo = await mkdtemp(path.join(tmpdir(), "teardown-id-"));
    await mkdir(path.join(repo, ".git"));
    await mkdir(path.join(repo, "models"));
    await writeFile(path.join(repo, "models", "cortex.yaml"), "[]\n");
    await writeFile(
      path.join(repo, ".git", "config"),
      '[remote "origin"]\n\turl = https://github.com/acme/ml\n',
    );
    expect(teardownIdentity("models/cortex.yaml", repo, {})).toEqual({
      id: configIdForPath("models/cortex.yaml", "github.com/acme/ml"),
      path: "models/cortex.yaml",
    });
  });

  it("is the recorded one of the same path when the repository was renamed since the preview", async () => {
    const repo = await mkdtemp(path.join(tmpdir(), "teardown-id-"));
    await mkdir(path.join(repo, ".git"));
    await writeFile(path.join(repo, "cortex.yaml"), "[]\n");
    const env = { GITHUB_REPOSITORY: "acme/models" };
    const old = configIdForPath("cortex.yaml", "github.com/acme/ml-models");
    const recorded = { [old]: "cortex.yaml", ffff: "other/cortex.yaml" };
    expect(teardownIdentity("cortex.yaml", repo, env, recorded)).toEqual({
      id: old,
      path: "cortex.yaml",
    });
    expect(teardownIdentity("cortex.yaml", repo, env, { ffff: "other/cortex.yaml" })).toEqual({
      id: configIdForPath("cortex.yaml", "github.com/acme/models"),
      path: "cortex.yaml",
    });
  });

  it("is the same without a checkout (the file may be gone on close)", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "teardown-id-"));
    const env = { GITHUB_REPOSITORY: "acme/ml" };
    expect(teardownIdentity("models/cortex.yaml", empty, env)).toEqual({
      id: configIdForPath("models/cortex.yaml", "github.com/acme/ml"),
      path: "models/cortex.yaml",
    });
  });

  it("is the preview's recorded identity when the checkout was in a subfolder (`path:`)", async () => {
    // The preview hashed the path from the git root (cortex.yaml); the close job has no checkout
    // and only knows the input as given, relative to the workspace (repo/cortex.yaml).
    const empty = await mkdtemp(path.join(tmpdir(), "teardown-id-"));
    const recorded = { aaaa: "cortex.yaml", bbbb: "other/cortex.yaml" };
    expect(teardownIdentity("repo/cortex.yaml", empty, {}, recorded)).toEqual({
      id: "aaaa",
      path: "cortex.yaml",
    });
    expect(teardownIdentity("repo/other/cortex.yaml", empty, {}, recorded)).toEqual({
      id: "bbbb",
      path: "other/cortex.yaml",
    });
    // An exact path wins over a shorter suffix.
    expect(teardownIdentity("cortex.yaml", empty, {}, recorded)).toEqual({
      id: "aaaa",
      path: "cortex.yaml",
    });
  });

  it("does not take another config's identity by a partial name", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "teardown-id-"));
    const env = { GITHUB_REPOSITORY: "acme/ml" };
    expect(teardownIdentity("repo/my-cortex.yaml", empty, env, { aaaa: "cortex.yaml" })).toEqual({
      id: configIdForPath("repo/my-cortex.yaml", "github.com/acme/ml"),
      path: "repo/my-cortex.yaml",
    });
  });
});
