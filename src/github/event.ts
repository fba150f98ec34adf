// Which command a workflow run means, from the event that started it. Pure: the Action passes in
// the event name and payload, tests pass in recorded webhook shapes.

export const COMMANDS = [
  "validate",
  "plan",
  "deploy",
  "preview",
  "teardown",
  "rollback",
  "cleanup",
  "gc",
] as const;
export type Command = (typeof COMMANDS)[number];

export function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}

export interface EventContext {
  eventName: string;
  /** The webhook payload (GITHUB_EVENT_PATH), or {} when there is none. */
  payload: {
    action?: string;
    ref?: string;
    repository?: { default_branch?: string };
  };
  /** GITHUB_REF, e.g. refs/heads/main. */
  ref: string;
  rollbackTo: string;
}

/**
 * What `command: auto` makes of an event: a command to run, nothing to do (an event a shared
 * workflow also runs on, which needs no deploy: the step succeeds with `notice`), or a refusal
 * (an event auto cannot act on as the workflow stands: the step fails with `message`).
 */
export type Resolution =
  | { ok: true; command: Command }
  | { ok: true; command: "none"; notice: string }
  | { ok: false; message: string };

const UNDERSTOOD =
  "push to the default branch (deploy), pull_request or pull_request_target " +
  "opened/synchronize/reopened/ready_for_review (preview) and closed (teardown), workflow_dispatch " +
  "(rollback when rollback-to is set, else deploy from the default branch) and schedule (cleanup); " +
  "it does nothing on other pull request actions, merge_group, tags and other branches";

/** Pull request actions that ask for a preview of the head: a new head, or a draft made ready. */
const PREVIEW_ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review"];

const nothing = (what: string, rule: string, next = ""): Resolution => ({
  ok: true,
  command: "none",
  notice: `Nothing to do for ${what}: command: auto ${rule}. Nothing was changed${next}.`,
});

/** The run's branch when it is not the repository's default one (known from the payload). */
function otherBranch(event: EventContext): { branch: string; defaultBranch: string } | undefined {
  const branch = (event.payload.ref ?? event.ref).replace(/^refs\/heads\//, "");
  const defaultBranch = event.payload.repository?.default_branch;
  if (defaultBranch === undefined || branch === defaultBranch) return undefined;
  return { branch, defaultBranch };
}

/** Resolves `command: auto` from the event; any explicit command is taken as it is. */
export function resolveCommand(requested: Command | "auto", event: EventContext): Resolution {
  if (requested !== "auto") return { ok: true, command: requested };
  const { eventName, payload } = event;
  switch (eventName) {
    // A push that is not to the default branch is most often a shared workflow's CI trigger.
    case "push": {
      const defaultBranch = payload.repository?.default_branch;
      const pushesTo = `deploys pushes to the default branch${defaultBranch ? ` (${defaultBranch})` : ""}`;
      const tag = (payload.ref ?? event.ref).match(/^refs\/tags\/(.+)$/)?.[1];
      if (tag !== undefined) {
        return nothing(
          `the push of tag ${tag}`,
          pushesTo,
          "; set `command: deploy` to deploy tags",
        );
      }
      const other = otherBranch(event);
      if (other) {
        return nothing(
          `the push to ${other.branch}`,
          pushesTo,
          "; set `command: deploy` to deploy from other branches",
        );
      }
      return { ok: true, command: "deploy" };
    }
    // pull_request_target runs with the repository's secrets whoever opened the pull request; the
    // preview refuses forks unless allow-fork-previews, and checks the checkout is the head.
    case "pull_request":
    case "pull_request_target": {
      const action = payload.action;
      if (action === undefined) {
        return {
          ok: false,
          message:
            `command: auto cannot tell what this ${eventName} run is for: its event payload has no ` +
            "action (GITHUB_EVENT_PATH is missing or not GitHub's). Nothing was changed.",
        };
      }
      if (PREVIEW_ACTIONS.includes(action)) return { ok: true, command: "preview" };
      if (action === "closed") return { ok: true, command: "teardown" };
      // labeled, edited, assigned, converted_to_draft...: the head commit did not move.
      return nothing(
        `${eventName}.${action}`,
        "previews a pull request when it is opened, synchronized, reopened or marked ready for " +
          "review and tears the preview down when it is closed, and this action left its head " +
          "commit as it was",
      );
    }
    // A merge queue's trial merge: the push its merge makes to the branch is what deploys.
    case "merge_group":
      return nothing(
        "merge_group",
        "deploys the push a merge queue makes when it merges into the default branch, not its " +
          "trial merge",
      );
    case "workflow_dispatch": {
      // A rollback re-applies a recorded revision, whatever branch the run is on.
      if (event.rollbackTo.trim() !== "") return { ok: true, command: "rollback" };
      const other = otherBranch(event);
      if (other) {
        return {
          ok: false,
          message:
            `command: auto deploys a workflow_dispatch run on the default branch (${other.defaultBranch}), ` +
            `and this run is on ${other.branch}. Run it on ${other.defaultBranch}, or set ` +
            "`command: deploy` to deploy from other branches.",
        };
      }
      return { ok: true, command: "deploy" };
    }
    case "schedule":
      return { ok: true, command: "cleanup" };
    default:
      return {
        ok: false,
        message: `command: auto does not know the event '${eventName}'. It understands ${UNDERSTOOD}. Set \`command\` explicitly for other events.`,
      };
  }
}
