import { describe, expect, it } from "vitest";
import {
  forkRefusalMessage,
  headMoved,
  pullRequestFromPayload,
  supersededMessage,
} from "../../../src/github/pull-request.ts";
import { notWanted } from "../../../src/github/run-preview.ts";

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

describe("a run for a head the pull request has moved on from", () => {
  const [old, now] = ["1".repeat(40), "3".repeat(40)];

  it("is one whose commit differs from GitHub's head, when both are known", () => {
    expect(headMoved(old, now)).toBe(true);
    expect(headMoved(now, now)).toBe(false);
    // A payload or an answer without a head cannot tell: the preview goes on.
    expect(headMoved("", now)).toBe(false);
    expect(headMoved(old, "")).toBe(false);
  });

  it("is told apart from a closed pull request, which both checks act on", () => {
    const pr = { number: 5, headSha: old };
    expect(notWanted(pr, { state: "open", headSha: old }, "before write")).toBeUndefined();
    expect(notWanted(pr, undefined, "before write")).toBeUndefined();
    expect(notWanted(pr, { state: "closed", headSha: old }, "before write")?.message).toBe(
      "PR #5 was closed while this run uploaded; no preview deployed.",
    );
    const moved = notWanted(pr, { state: "open", headSha: now }, "before upload");
    expect(moved?.title).toBe("cortex-deploy: no preview of #5 (superseded by 3333333)");
    expect(moved?.message).toBe(supersededMessage(5, old, now));
    expect(moved?.level).toBe("warning");
  });

  it("is closed before the upload: a notice, since the run started nothing", () => {
    // A re-run of an old synchronize after the close, or a run that started after it.
    const closed = notWanted(
      { number: 5, headSha: old },
      { state: "closed", headSha: now },
      "before upload",
    );
    expect(closed?.title).toBe("cortex-deploy: no preview of #5 (closed)");
    expect(closed?.level).toBe("notice");
    expect(closed?.message).toBe(
      "Pull request #5 is closed, so this run deployed no preview of 1111111 and wrote nothing " +
        "(no upload, namespace, comment or Deployment); reopen it to preview it again.",
    );
    // Closed wins over a moved head: reopening is what brings a preview back.
    expect(
      notWanted({ number: 5, headSha: old }, { state: "closed", headSha: now }, "before write")
        ?.title,
    ).toBe("cortex-deploy: no preview of #5 (closed)");
  });

  it("says both commits, that nothing was deployed, and what to do", () => {
    expect(supersededMessage(5, old, now)).toBe(
      "Pull request #5 is now at 3333333, and this run is for 1111111, an earlier head of it: " +
        "nothing was deployed, and the preview and its comment stay as the newest run leaves " +
        "them. To deploy again, re-run the newest run of #5 instead.",
    );
  });
});
