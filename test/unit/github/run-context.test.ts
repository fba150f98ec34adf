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
        GITHUB_WORKSPACE: "/w",
        RUNNER_TEMP: "/t",
      },
      "/cwd",
    );
    expect(ctx).toEqual({
      repository: "acme/ml",
      owner: "acme",
      repo: "ml",
      serverUrl: "https://ghe.example.com",
      apiUrl: "https://ghe.example.com/api/v3",
      runUrl: "https://ghe.example.com/acme/ml/actions/runs/77",
      sha: "abc",
      workspace: "/w",
      runnerTemp: "/t",
    });
  });

  it("defaults to github.com and the current folder outside a runner", () => {
    const ctx = runContextFromEnv({}, "/cwd");
    expect(ctx).toMatchObject({ apiUrl: "https://api.github.com", runUrl: "", workspace: "/cwd" });
  });

  it("links commits when it knows the repository", () => {
    expect(commitLink({ serverUrl: "https://github.com", repository: "" }, "abcdef123")).toBe(
      "`abcdef1`",
    );
    expect(commitLink({ serverUrl: "https://github.com", repository: "a/b" }, "")).toBe("-");
  });
});
