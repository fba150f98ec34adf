import { describe, expect, it } from "vitest";
import {
  commentMarker,
  isCommentFor,
  renderPreviewComment,
  renderTornDownComment,
} from "../../../src/github/comment.ts";

const ctx = {
  serverUrl: "https://github.com",
  repository: "acme/ml",
  runUrl: "https://github.com/acme/ml/actions/runs/9",
};

const base = {
  configPath: "cortex.yaml",
  pullRequest: 42,
  namespace: "ml-pr-42",
  headSha: "abcdef1234567890abcdef1234567890abcdef12",
  expiresAt: new Date("2025-01-08T12:00:00Z"),
  ctx,
};

describe("the comment marker", () => {
  it("names the config, so two configs keep two comments", () => {
    expect(commentMarker("cortex.yaml")).toBe("<!-- cortex-deploy:preview config=cortex.yaml -->");
    const body = renderPreviewComment({ ...base, apis: [] });
    expect(isCommentFor(body, "cortex.yaml")).toBe(true);
    expect(isCommentFor(body, "models/cortex.yaml")).toBe(false);
  });

  it("is not fooled by a quote of the marker in someone's reply", () => {
    expect(isCommentFor(`> ${commentMarker("cortex.yaml")}\nthanks`, "cortex.yaml")).toBe(false);
  });

  it("cannot be closed early by a path", () => {
    expect(commentMarker("a -->b.yaml")).toBe(
      "<!-- cortex-deploy:preview config=a%20--%3Eb.yaml -->",
    );
  });
});

describe("the preview comment", () => {
  const body = renderPreviewComment({
    ...base,
    apis: [
      {
        name: "iris",
        kind: "RealtimeAPI",
        action: "create",
        change: "created",
        state: "ready",
        revision: 3,
        replicas: { ready: 1, desired: 1, min: 1, max: 2 },
        endpoint: "https://api.example.com/ml-pr-42/iris",
      },
      {
        name: "split",
        kind: "TrafficSplitter",
        action: "create",
        change: "created",
        endpoint: "/split",
      },
    ],
    artifacts: {
      uploadedFiles: 2,
      uploadedBytes: 1_500_000,
      skippedFiles: 5,
      skippedBytes: 10,
      seconds: 1,
      mbPerSecond: 1,
    },
    previewUrl: "https://api.example.com/ml-pr-42/iris",
  });

  it("starts with the marker and shows namespace, commit, artifacts and expiry", () => {
    expect(body.split("\n")[0]).toBe(commentMarker("cortex.yaml"));
    expect(body).toContain("### Preview of #42 is deployed");
    expect(body).toContain("Namespace `ml-pr-42`");
    expect(body).toContain(
      "[`abcdef1`](https://github.com/acme/ml/commit/abcdef1234567890abcdef1234567890abcdef12)",
    );
    expect(body).toContain("artifacts: 2 files uploaded (1.5 MB), 5 already in S3");
    expect(body).toContain("expires 2025-01-08 12:00 UTC");
    expect(body).toContain("**Preview:** https://api.example.com/ml-pr-42/iris");
  });

  it("has one table row per API with status, endpoint, revision and replicas", () => {
    expect(body).toContain(
      "| iris | RealtimeAPI | ✅ Ready | https://api.example.com/ml-pr-42/iris | 3 | 1/1 ready · 1–2 |",
    );
    expect(body).toContain("| split | TrafficSplitter | created | `/split` | - | - |");
    expect(body).toContain("[this run](https://github.com/acme/ml/actions/runs/9)");
  });

  it("leads with the failure when the preview failed", () => {
    const failed = renderPreviewComment({ ...base, apis: [], failure: "not Ready: iris | crash" });
    expect(failed).toContain("### ❌ Preview of #42 failed");
    expect(failed).toContain("> not Ready: iris \\| crash");
  });

  it("keeps each line of a multi-line failure on its own quoted line", () => {
    const failed = renderPreviewComment({
      ...base,
      apis: [],
      failure: "preview-max-compute refused:\n  cpu: 8 > 2\n  gpu: 1 > 0",
    });
    const quoted = failed.split("\n").filter((l) => l.startsWith(">"));
    expect(quoted).toHaveLength(3);
    expect(quoted[2]).toContain("gpu: 1 \\> 0");
  });

  it("names no expiry and no empty table when the run stopped before the namespace", () => {
    const refused = renderPreviewComment({
      ...base,
      apis: [],
      expiresAt: undefined,
      failure: "cortex.yaml asks for more than preview-max-compute allows",
    });
    expect(refused).not.toContain("expires");
    expect(refused).not.toContain("| API |");
    expect(refused).toContain("artifacts: no artifacts\n");
    const stamped = renderPreviewComment({ ...base, apis: [] });
    expect(stamped).toContain("expires 2025-01-08 12:00 UTC unless pushed again");
  });
});

describe("the comment of a failed update", () => {
  const running = {
    commits: ["1234567890abcdef1234567890abcdef12345678"],
    previewUrl: "https://api.example.com/ml-pr-42/iris",
    expiresAt: new Date("2025-01-07T09:00:00Z"),
    apis: [
      {
        name: "iris",
        kind: "RealtimeAPI" as const,
        action: "unchanged" as const,
        change: "running",
        state: "ready" as const,
        revision: 2,
        replicas: { ready: 1, desired: 1, min: 1, max: 2 },
        endpoint: "https://api.example.com/ml-pr-42/iris",
      },
    ],
  };
  const body = renderPreviewComment({
    ...base,
    apis: [],
    expiresAt: undefined,
    failure: "cortex.yaml asks for more than preview-max-compute allows",
    running,
  });

  it("says the update failed, why, and which commit's preview still runs", () => {
    expect(isCommentFor(body, "cortex.yaml")).toBe(true);
    expect(body).toContain("### ❌ Update of the preview of #42 failed");
    expect(body).toContain(
      "The update to commit [`abcdef1`](https://github.com/acme/ml/commit/abcdef1234567890abcdef1234567890abcdef12) " +
        "failed; the preview of commit [`1234567`](https://github.com/acme/ml/commit/1234567890abcdef1234567890abcdef12345678) " +
        "is still running.",
    );
    expect(body).toContain("> cortex.yaml asks for more than preview-max-compute allows");
  });

  it("keeps the running preview's URL, table and expiry", () => {
    expect(body).toContain("**Preview:** https://api.example.com/ml-pr-42/iris");
    expect(body).toContain(
      "| iris | RealtimeAPI | ✅ Ready | https://api.example.com/ml-pr-42/iris | 2 | 1/1 ready · 1–2 |",
    );
    expect(body).toContain(
      "Namespace `ml-pr-42` · expires 2025-01-07 09:00 UTC unless pushed again",
    );
  });

  it("is the plain failure when nothing runs", () => {
    const first = renderPreviewComment({ ...base, apis: [], failure: "refused" });
    expect(first).toContain("### ❌ Preview of #42 failed");
    expect(first).not.toContain("still running");
  });
});

describe("the torn-down comment", () => {
  it("keeps the marker and says what was deleted and why", () => {
    const body = renderTornDownComment({
      configPath: "cortex.yaml",
      pullRequest: 42,
      namespace: "ml-pr-42",
      reason: "the pull request was closed",
      deleted: ["realtimeapi/iris"],
      namespaceDeleted: true,
      lastCommit: base.headSha,
      ctx,
    });
    expect(isCommentFor(body, "cortex.yaml")).toBe(true);
    expect(body).toContain("### Preview of #42 was torn down");
    expect(body).toContain(
      "Namespace `ml-pr-42` and everything in it were deleted because the pull request was closed.",
    );
    expect(body).toContain("Deleted: `realtimeapi/iris`.");
  });

  it("says the namespace stays when other configs use it", () => {
    const body = renderTornDownComment({
      configPath: "a/cortex.yaml",
      pullRequest: 1,
      namespace: "ml-pr-1",
      reason: "it expired",
      deleted: [],
      namespaceDeleted: false,
      lastCommit: "",
      ctx,
    });
    expect(body).toContain("other configs still use it");
    expect(body).not.toContain("Deleted:");
  });
});

describe("untrusted text in the comment", () => {
  it("a failure message cannot add HTML, links or mentions", () => {
    const body = renderPreviewComment({
      ...base,
      apis: [],
      failure: "<img src=https://evil.example/t.png> [log in](https://evil.example) @acme/admins",
    });
    expect(body).not.toMatch(/(^|[^\\])<img/m);
    expect(body).not.toContain("[log in](");
    expect(body).not.toMatch(/@acme/);
    expect(body).toContain("\\<img src=https://evil.example/t.png\\>");
  });

  it("a config path with a backtick stays inside its code span", () => {
    const body = renderPreviewComment({ ...base, configPath: "a`<b>`.yaml", apis: [] });
    expect(body).toContain("``a`<b>`.yaml``");
  });
});
