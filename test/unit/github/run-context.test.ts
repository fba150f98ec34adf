import { describe, expect, it } from "vitest";
import { commitLink, runContextFromEnv } from "../../../src/github/run-context.ts";

describe("the run context", () => {
  it("reads the runner's variables", () => {
    const ctx = runContextFromEnv(
      {
        GITHUB_REPOSITORY: "acme/ml",
        GITHUB_SERVER_URL: "https://ghe.example.com/",
        GITHUB_API_URL: "https://ghe.example.com/api/v3",
        GITHUB_RUN_ID: "77",
        GITHUB_SHA: "abc",
        GITHUB_ACTOR: "octocat",
        GITHUB_WORKSPACE: "/w",
        RUNNER_TEMP: "/t",
        GITHUB_REPOSITORY_ID: "123456",
      },
      "/cwd",
    );
    expect(ctx).toEqual({
      repository: "acme/ml",
      repositoryId: "123456",
      owner: "acme",
      repo: "ml",
      serverUrl: "https://ghe.example.com",
      apiUrl: "https://ghe.example.com/api/v3",
      runUrl: "https://ghe.example.com/acme/ml/actions/runs/77",
      actor: "octocat",
      sha: "abc",
      workspace: "/w",
      runnerTemp: "/t",
    });
  });

  it("takes the repository id from the event when the runner does not set it", () => {
    const payload = { repository: { id: 987, full_name: "acme/ml" } };
    expect(runContextFromEnv({}, "/cwd", payload).repositoryId).toBe("987");
    expect(runContextFromEnv({ GITHUB_REPOSITORY_ID: "5" }, "/cwd", payload).repositoryId).toBe(
      "5",
    );
    expect(runContextFromEnv({}, "/cwd", {}).repositoryId).toBe("");
  });

  it("defaults to github.com and the current folder outside a runner", () => {
    const ctx = runContextFromEnv({}, "/cwd");
    expect(ctx).toMatchObject({
      apiUrl: "https://api.github.com",
      runUrl: "",
      actor: "",
      workspace: "/cwd",
    });
  });

  it("links commits when it knows the repository", () => {
    expect(commitLink({ serverUrl: "https://github.com", repository: "" }, "abcdef123")).toBe(
      "`abcdef1`",
    );
    expect(commitLink({ serverUrl: "https://github.com", repository: "a/b" }, "")).toBe("-");
  });
});
