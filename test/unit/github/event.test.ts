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

  it("does nothing, successfully, for a push to another branch and says how to deploy it", () => {
    // A shared workflow's `on: push` runs the deploy job on every feature branch too.
    const r = resolveCommand(
      "auto",
      event("push", { ref: "refs/heads/feature", repository: { default_branch: "main" } }),
    );
    expect(r).toEqual({
      ok: true,
      command: "none",
      notice:
        "Nothing to do for the push to feature: command: auto deploys pushes to the default " +
        "branch (main). Nothing was changed; set `command: deploy` to deploy from other branches.",
    });
  });

  it("does nothing, successfully, for a pushed tag, and calls it a tag", () => {
    const r = resolveCommand(
      "auto",
      event("push", { ref: "refs/tags/v1.0", repository: { default_branch: "main" } }),
    );
    expect(r).toEqual({
      ok: true,
      command: "none",
      notice:
        "Nothing to do for the push of tag v1.0: command: auto deploys pushes to the default " +
        "branch (main). Nothing was changed; set `command: deploy` to deploy tags.",
    });
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

  it.each(["labeled", "unlabeled", "edited", "assigned", "review_requested", "converted_to_draft"])(
    "does nothing, successfully, for pull_request.%s: the head did not move",
    (action) => {
      for (const name of ["pull_request", "pull_request_target"]) {
        expect(resolveCommand("auto", event(name, { action }))).toEqual({
          ok: true,
          command: "none",
          notice:
            `Nothing to do for ${name}.${action}: command: auto previews a pull request when it ` +
            "is opened, synchronized, reopened or marked ready for review and tears the preview " +
            "down when it is closed, and this action left its head commit as it was. Nothing was " +
            "changed.",
        });
      }
    },
  );

  it("previews a draft marked ready for review (a workflow may skip drafts)", () => {
    expect(resolveCommand("auto", event("pull_request", { action: "ready_for_review" }))).toEqual({
      ok: true,
      command: "preview",
    });
  });

  it("does nothing, successfully, for a merge queue's trial merge", () => {
    const r = resolveCommand(
      "auto",
      event("merge_group", { action: "checks_requested", repository: { default_branch: "main" } }),
    );
    expect(r.ok && r.command).toBe("none");
    expect(r.ok && r.command === "none" && r.notice).toBe(
      "Nothing to do for merge_group: command: auto deploys the push a merge queue makes when it " +
        "merges into the default branch, not its trial merge. Nothing was changed.",
    );
  });

  it("refuses a pull_request run whose payload has no action: it cannot tell what it is for", () => {
    const r = resolveCommand("auto", event("pull_request", {}));
    expect(!r.ok && r.message).toMatch(/pull_request run.*no action.*Nothing was changed\.$/);
  });
});
