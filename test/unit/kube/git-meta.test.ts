// Where a CLI deploy came from, read from a real git checkout in a temporary folder.
import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitMetadataFromGit, runnerOf } from "../../../src/kube/git-meta.ts";

async function checkout(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "git-meta-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Ada");
  git("config", "user.email", "ada@example.com");
  await writeFile(path.join(dir, "cortex.yaml"), "[]\n");
  git("add", ".");
  git("commit", "-q", "-m", "first");
  return dir;
}

describe("git metadata of a CLI deploy", () => {
  it("names HEAD, the branch and the user of a clean checkout", async () => {
    const dir = await checkout();
    const meta = await gitMetadataFromGit(dir, {});
    expect(meta.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(meta).toMatchObject({ ref: "refs/heads/main", actor: "Ada" });
    expect(meta.dirty).toBeUndefined();
  });

  it("says when the files differ from HEAD (edited or new), so HEAD's commit is not the spec's", async () => {
    const dir = await checkout();
    await writeFile(path.join(dir, "cortex.yaml"), "- name: x\n");
    expect((await gitMetadataFromGit(dir, {})).dirty).toBe(true);
    const other = await checkout();
    await writeFile(path.join(other, "model.bin"), "new\n");
    expect((await gitMetadataFromGit(other, {})).dirty).toBe(true);
  });
});

describe("who runs a command (a rollback's mark)", () => {
  it("is the git user in the CLI, with no run and no commit", async () => {
    const dir = await checkout();
    expect(await runnerOf(dir, { USER: "root" })).toEqual({ actor: "Ada" });
  });

  it("is GitHub's actor and run in Actions", async () => {
    const env = {
      GITHUB_ACTIONS: "true",
      GITHUB_ACTOR: "octocat",
      GITHUB_REPOSITORY: "acme/ml",
      GITHUB_RUN_ID: "9",
      GITHUB_SHA: "1".repeat(40),
    };
    expect(await runnerOf(await checkout(), env)).toEqual({
      actor: "octocat",
      runUrl: "https://github.com/acme/ml/actions/runs/9",
    });
  });
});
