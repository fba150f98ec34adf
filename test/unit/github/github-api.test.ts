// The GitHub REST calls against the local stand-in for the GitHub API (github.com cannot be
// reached from here): the same requests the Action makes, answered with GitHub's shapes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commentMarker } from "../../../src/github/comment.ts";
import { GitHubApi, GitHubApiError } from "../../../src/github/github-api.ts";
import { mask } from "../../../src/github/masked.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../../support/github-standin.ts";

let gh: GitHubStandIn;
let api: GitHubApi;

beforeEach(async () => {
  gh = await startGitHubStandIn({ repository: "acme/ml", token: "ghs_standin_token" });
  api = new GitHubApi("ghs_standin_token", "acme/ml", gh.url);
});

afterEach(() => gh.close());

describe("the sticky comment (local stand-in for the GitHub API)", () => {
  it("creates the comment once, then updates it in place", async () => {
    const first = await api.upsertComment(7, "cortex.yaml", `${commentMarker("cortex.yaml")}\none`);
    const second = await api.upsertComment(
      7,
      "cortex.yaml",
      `${commentMarker("cortex.yaml")}\ntwo`,
    );
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(gh.commentsOn(7).map((c) => c.body)).toEqual([`${commentMarker("cortex.yaml")}\ntwo`]);
  });

  it("finds its comment behind more than a page of others, and leaves those alone", async () => {
    for (let i = 0; i < 130; i++) gh.addComment(7, `comment ${i}`, "alice");
    gh.addComment(7, `${commentMarker("cortex.yaml")}\nold`);
    await api.upsertComment(7, "cortex.yaml", `${commentMarker("cortex.yaml")}\nnew`);
    const ours = gh.commentsOn(7).filter((c) => c.body.startsWith(commentMarker("cortex.yaml")));
    expect(ours.map((c) => c.body)).toEqual([`${commentMarker("cortex.yaml")}\nnew`]);
    expect(gh.commentsOn(7)).toHaveLength(131);
    expect(
      gh.comments
        .filter((c) => c.user.login === "alice")
        .every((c) => c.body.startsWith("comment")),
    ).toBe(true);
  });

  it("does not take over a comment someone else wrote with the marker", async () => {
    // Anyone can comment on a pull request; a planted marker must not get the preview's URL
    // written into a comment its author can edit.
    const planted = gh.addComment(
      7,
      `${commentMarker("cortex.yaml")}\nmoved: evil.example`,
      "mallory",
    );
    const result = await api.upsertComment(7, "cortex.yaml", `${commentMarker("cortex.yaml")}\nok`);
    expect(result.created).toBe(true);
    expect(result.id).not.toBe(planted.id);
    expect(planted.body).toContain("evil.example");
    expect(await api.findComment(7, "cortex.yaml")).toMatchObject({ id: result.id });
  });

  it("with a person's token, finds that person's comment and not another's", async () => {
    const pat = await startGitHubStandIn({
      repository: "acme/ml",
      token: "ghp_x",
      tokenUser: "ci-bot",
    });
    try {
      const viaPat = new GitHubApi("ghp_x", "acme/ml", pat.url);
      pat.addComment(7, `${commentMarker("cortex.yaml")}\nplanted`, "mallory");
      const first = await viaPat.upsertComment(
        7,
        "cortex.yaml",
        `${commentMarker("cortex.yaml")}\n1`,
      );
      const second = await viaPat.upsertComment(
        7,
        "cortex.yaml",
        `${commentMarker("cortex.yaml")}\n2`,
      );
      expect(first.created).toBe(true);
      expect(second).toEqual({ id: first.id, created: false });
      expect(pat.commentsOn(7).map((c) => [c.user.login, c.body.split("\n")[1]])).toEqual([
        ["mallory", "planted"],
        ["ci-bot", "2"],
      ]);
    } finally {
      await pat.close();
    }
  });

  it("keeps one comment per config", async () => {
    await api.upsertComment(7, "a/cortex.yaml", `${commentMarker("a/cortex.yaml")}\na`);
    await api.upsertComment(7, "b/cortex.yaml", `${commentMarker("b/cortex.yaml")}\nb`);
    expect(gh.commentsOn(7)).toHaveLength(2);
  });

  it("does not write when the body is unchanged", async () => {
    const body = `${commentMarker("cortex.yaml")}\nsame`;
    await api.upsertComment(7, "cortex.yaml", body);
    const before = gh.requests.length;
    await api.upsertComment(7, "cortex.yaml", body);
    expect(gh.requests.slice(before)).toEqual(["GET /repos/acme/ml/issues/7/comments"]);
  });

  it("names the missing permission when GitHub refuses", async () => {
    const bad = new GitHubApi("wrong", "acme/ml", gh.url);
    await expect(bad.upsertComment(7, "cortex.yaml", "x")).rejects.toThrow(GitHubApiError);
    await expect(bad.findComment(7, "cortex.yaml")).rejects.toThrow(/refused the token \(401\)/);
    const elsewhere = new GitHubApi("ghs_standin_token", "acme/other", gh.url);
    await expect(
      elsewhere.createDeployment({ ref: "abc", environment: "e", description: "", payload: {} }),
    ).rejects.toThrow(/permissions: deployments: write/);
  });
});

describe("GitHub Deployments (local stand-in for the GitHub API)", () => {
  it("creates a transient, non-production deployment that skips the PR's checks", async () => {
    const id = await api.createDeployment({
      ref: "b".repeat(40),
      environment: "preview/pr-7",
      description: "preview",
      payload: { namespace: "ml-pr-7" },
    });
    await api.setDeploymentStatus(id, {
      state: "success",
      description: "deployed",
      environmentUrl: "https://api.example.com/ml-pr-7/iris",
      logUrl: "https://github.com/acme/ml/actions/runs/1",
    });
    const [d] = gh.deployments;
    expect(d).toMatchObject({
      id,
      ref: "b".repeat(40),
      environment: "preview/pr-7",
      transient_environment: true,
      production_environment: false,
      payload: { namespace: "ml-pr-7" },
    });
    expect(d?.statuses).toEqual([
      expect.objectContaining({
        state: "success",
        environment_url: "https://api.example.com/ml-pr-7/iris",
      }),
    ]);
  });

  it("lists an environment's deployments, newest first", async () => {
    const a = await api.createDeployment({
      ref: "a",
      environment: "preview/pr-7",
      description: "",
      payload: {},
    });
    await api.createDeployment({
      ref: "x",
      environment: "preview/pr-8",
      description: "",
      payload: {},
    });
    const b = await api.createDeployment({
      ref: "b",
      environment: "preview/pr-7",
      description: "",
      payload: {},
    });
    expect(await api.listDeployments("preview/pr-7")).toEqual([b, a]);
  });
});

describe("what the Action sends is redacted (local stand-in for the GitHub API)", () => {
  // core.setSecret masks the job log only; a PR comment on a public repository is world-readable.
  const secret = "tok-GGG-secret-7777";
  mask(secret);

  it("takes masked values out of the comment, created and updated", async () => {
    const failure = (n: number) =>
      `${commentMarker("cortex.yaml")}\n> vendor-login: key ${secret} rejected (${n})`;
    await api.upsertComment(7, "cortex.yaml", failure(1));
    expect(gh.commentsOn(7).map((c) => c.body)).toEqual([
      `${commentMarker("cortex.yaml")}\n> vendor-login: key *** rejected (1)`,
    ]);
    await api.upsertComment(7, "cortex.yaml", failure(2));
    expect(gh.commentsOn(7).map((c) => c.body)).toEqual([
      `${commentMarker("cortex.yaml")}\n> vendor-login: key *** rejected (2)`,
    ]);
    // Unchanged once redacted: not written again.
    const before = gh.requests.length;
    await api.upsertComment(7, "cortex.yaml", failure(2));
    expect(gh.requests.slice(before)).toEqual(["GET /repos/acme/ml/issues/7/comments"]);
  });

  it("takes them out of a Deployment and its status, before the description is cut short", async () => {
    const id = await api.createDeployment({
      ref: "b".repeat(40),
      environment: "preview/pr-7",
      description: `preview with ${secret}`,
      payload: { namespace: "ml-pr-7", note: secret },
    });
    // The secret straddles the 140 characters GitHub keeps: cut first, its start would remain.
    const description = `${"x".repeat(130)} ${secret} and more`;
    await api.setDeploymentStatus(id, {
      state: "failure",
      description,
      environmentUrl: `https://api.example.com/?k=${secret}`,
    });
    const [d] = gh.deployments;
    expect(d?.description).toBe("preview with ***");
    expect(d?.payload).toEqual({ namespace: "ml-pr-7", note: "***" });
    expect(d?.statuses[0]?.description).toBe(`${"x".repeat(130)} *** and m`);
    expect(d?.statuses[0]?.environment_url).toBe("https://api.example.com/?k=***");
    expect(JSON.stringify(gh.deployments)).not.toContain("tok-G");
  });
});
