import { describe, expect, it } from "vitest";
import { forkRefusalMessage, pullRequestFromPayload } from "../../../src/github/pull-request.ts";

// Trimmed from a real pull_request webhook payload: the fields the Action reads, in their places.
function payload(head: { full_name: string; fork: boolean } | null, action = "opened") {
  return {
    action,
    number: 7,
    pull_request: {
      number: 7,
      html_url: "https://github.com/acme/ml/pull/7",
      head: { ref: "feature", sha: "b".repeat(40), repo: head },
      base: { ref: "main", sha: "c".repeat(40), repo: { full_name: "acme/ml", fork: false } },
    },
    repository: { full_name: "acme/ml", default_branch: "main" },
  };
}

describe("the pull request of a payload", () => {
  it("reads number, head commit and branch", () => {
    const r = pullRequestFromPayload(
      payload({ full_name: "acme/ml", fork: false }),
      "pull_request",
    );
    expect(r).toEqual({
      ok: true,
      pullRequest: {
        number: 7,
        headSha: "b".repeat(40),
        headRef: "feature",
        headRepository: "acme/ml",
        baseRepository: "acme/ml",
        fromFork: false,
        url: "https://github.com/acme/ml/pull/7",
      },
    });
  });

  it("sees a fork by the head repository's name", () => {
    const r = pullRequestFromPayload(
      payload({ full_name: "mallory/ml", fork: true }),
      "pull_request",
    );
    expect(r.ok && r.pullRequest.fromFork).toBe(true);
  });

  it("does not take a branch of a repository that is itself a fork for a fork PR", () => {
    const r = pullRequestFromPayload(payload({ full_name: "acme/ml", fork: true }), "pull_request");
    expect(r.ok && r.pullRequest.fromFork).toBe(false);
  });

  it("treats a deleted fork (head.repo null) as a fork", () => {
    const r = pullRequestFromPayload(payload(null, "closed"), "pull_request");
    expect(r.ok && r.pullRequest.fromFork).toBe(true);
    expect(r.ok && forkRefusalMessage(r.pullRequest)).toContain("a deleted fork");
  });

  it("says which event it needs when there is no pull request", () => {
    const r = pullRequestFromPayload({ ref: "refs/heads/main" }, "push");
    expect(r).toEqual({ ok: false, message: expect.stringContaining("this run's event (push)") });
  });
});

describe("the fork refusal", () => {
  const r = pullRequestFromPayload(
    payload({ full_name: "mallory/ml", fork: true }),
    "pull_request",
  );
  const message = r.ok ? forkRefusalMessage(r.pullRequest) : "";

  it("says why: fork code would run with the deploy credentials", () => {
    expect(message).toContain("the fork mallory/ml");
    expect(message).toContain("deploy credentials");
    expect(message).toContain("Nothing was deployed");
    expect(message).toContain("allow-fork-previews: true");
  });

  it("never recommends pull_request_target", () => {
    expect(message).not.toContain("pull_request_target");
  });
});
