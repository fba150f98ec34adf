// A pull_request_target preview deploys only a checkout of the pull request's head (or a merge
// of it): actions/checkout checks out the base branch there unless told otherwise.
import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkCheckout, readCheckout } from "../../../src/github/checkout-head.ts";

const c = (n: string) => n.repeat(40);

describe("checkCheckout", () => {
  it("accepts the head, and a merge whose parent is the head", () => {
    expect(checkCheckout(c("1"), { commit: c("1"), parents: [c("0")] }, "repo")).toEqual({
      ok: true,
    });
    expect(checkCheckout(c("1"), { commit: c("m"), parents: [c("b"), c("1")] }, "repo")).toEqual({
      ok: true,
    });
  });

  it("refuses the base branch's checkout and says how to check out the head", () => {
    const check = checkCheckout(c("1"), { commit: c("b"), parents: [c("a")] }, "repo");
    expect(check).toEqual({
      ok: false,
      message:
        "this pull_request_target run checked out bbbbbbb, which is neither the pull request's " +
        "head 1111111 nor a merge of it (on pull_request_target, actions/checkout checks out the " +
        "base branch unless told otherwise); nothing was deployed. Check out the head: " +
        "actions/checkout with `ref: ${{ github.event.pull_request.head.sha }}`.",
    });
  });

  it("warns when git cannot say what is checked out", () => {
    const check = checkCheckout(c("1"), undefined, "repo");
    expect(check.ok).toBe(true);
    expect(check.ok && check.warning).toContain(
      "could not read which commit is checked out in repo",
    );
  });
});

describe("readCheckout", () => {
  it("reads HEAD and its parents from a real checkout, and nothing from a folder without one", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "checkout-head-"));
    const git = (...args: string[]) =>
      execFileSync("git", args, { cwd: dir, stdio: "pipe" }).toString().trim();
    git("init", "-q", "-b", "main");
    git("config", "user.name", "Ada");
    git("config", "user.email", "ada@example.com");
    await writeFile(path.join(dir, "cortex.yaml"), "[]\n");
    git("add", ".");
    git("commit", "-q", "-m", "first");
    const first = git("rev-parse", "HEAD");
    await writeFile(path.join(dir, "cortex.yaml"), "[] # two\n");
    git("commit", "-q", "-am", "second");
    expect(await readCheckout(dir)).toEqual({ commit: git("rev-parse", "HEAD"), parents: [first] });
    expect(await readCheckout(await mkdtemp(path.join(tmpdir(), "no-git-")))).toBeUndefined();
  });
});
