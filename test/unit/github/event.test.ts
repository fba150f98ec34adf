import { describe, expect, it } from "vitest";
import { type EventContext, resolveCommand } from "../../../src/github/event.ts";

function event(
  eventName: string,
  payload: EventContext["payload"] = {},
  rollbackTo = "",
): EventContext {
  return { eventName, payload, ref: "", rollbackTo };
}

describe("resolveCommand", () => {
  const table: [string, EventContext, string][] = [
    [
      "push to default",
      event("push", { ref: "refs/heads/main", repository: { default_branch: "main" } }),
      "deploy",
    ],
    ["PR opened", event("pull_request", { action: "opened" }), "preview"],
    ["PR synchronize", event("pull_request", { action: "synchronize" }), "preview"],
    ["PR reopened", event("pull_request", { action: "reopened" }), "preview"],
    ["PR closed", event("pull_request", { action: "closed" }), "teardown"],
    ["PR target opened", event("pull_request_target", { action: "opened" }), "preview"],
    ["PR target synchronize", event("pull_request_target", { action: "synchronize" }), "preview"],
    ["PR target reopened", event("pull_request_target", { action: "reopened" }), "preview"],
    ["PR target closed", event("pull_request_target", { action: "closed" }), "teardown"],
    ["dispatch without rollback-to", event("workflow_dispatch"), "deploy"],
    ["dispatch with rollback-to", event("workflow_dispatch", {}, "previous"), "rollback"],
    ["schedule", event("schedule"), "cleanup"],
  ];
  it.each(table)("%s", (_name, ctx, expected) => {
    expect(resolveCommand("auto", ctx)).toEqual({ ok: true, command: expected });
  });

  it("takes an explicit command as it is, whatever the event", () => {
    expect(resolveCommand("validate", event("issues"))).toEqual({ ok: true, command: "validate" });
  });

  it("refuses a push to another branch and says how to deploy it anyway", () => {
    const r = resolveCommand(
      "auto",
      event("push", { ref: "refs/heads/feature", repository: { default_branch: "main" } }),
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/default branch \(main\).*feature.*command: deploy/);
  });

  it("calls a pushed tag a tag, not a branch", () => {
    const r = resolveCommand(
      "auto",
      event("push", { ref: "refs/tags/v1.0", repository: { default_branch: "main" } }),
    );
    expect(!r.ok && r.message).toBe(
      "command: auto deploys pushes to the default branch, and this push is of the tag v1.0. " +
        "Limit the workflow to `push: branches: [...]`, or set `command: deploy` to deploy tags.",
    );
  });

  it("refuses a dispatch deploy from another branch, but rolls back from any", () => {
    // "Run workflow" on a feature branch would otherwise ship that branch to production.
    const feature = { ref: "refs/heads/feature", repository: { default_branch: "main" } };
    const r = resolveCommand("auto", event("workflow_dispatch", feature));
    expect(!r.ok && r.message).toBe(
      "command: auto deploys a workflow_dispatch run on the default branch (main), and this " +
        "run is on feature. Run it on main, or set `command: deploy` to deploy from other branches.",
    );
    expect(resolveCommand("auto", event("workflow_dispatch", feature, "3"))).toEqual({
      ok: true,
      command: "rollback",
    });
    const main = { ref: "refs/heads/main", repository: { default_branch: "main" } };
    expect(resolveCommand("auto", event("workflow_dispatch", main))).toEqual({
      ok: true,
      command: "deploy",
    });
  });

  it("refuses an unknown event and lists the understood ones", () => {
    const r = resolveCommand("auto", event("issues"));
    expect(!r.ok && r.message).toMatch(/'issues'.*push to the default branch.*schedule/);
  });

  it("refuses pull_request actions it does not handle", () => {
    const r = resolveCommand("auto", event("pull_request", { action: "labeled" }));
    expect(!r.ok && r.message).toMatch(/pull_request\.labeled/);
    const t = resolveCommand("auto", event("pull_request_target", { action: "labeled" }));
    expect(!t.ok && t.message).toMatch(/for pull_request_target\.labeled;/);
  });
});
