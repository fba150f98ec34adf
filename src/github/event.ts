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

export type Resolution = { ok: true; command: Command } | { ok: false; message: string };

const UNDERSTOOD =
  "push to the default branch (deploy), pull_request or pull_request_target " +
  "opened/synchronize/reopened (preview) and closed (teardown), workflow_dispatch (rollback " +
  "when rollback-to is set, else deploy from the default branch) and schedule (cleanup)";

/** Resolves `command: auto` from the event; any explicit command is taken as it is. */
/** The run's branch when it is not the repository's default one (known from the payload). */
function otherBranch(event: EventContext): { branch: string; defaultBranch: string } | undefined {
  const branch = (event.payload.ref ?? event.ref).replace(/^refs\/heads\//, "");
  const defaultBranch = event.payload.repository?.default_branch;
  if (defaultBranch === undefined || branch === defaultBranch) return undefined;
  return { branch, defaultBranch };
}

export function resolveCommand(requested: Command | "auto", event: EventContext): Resolution {
  if (requested !== "auto") return { ok: true, command: requested };
  const { eventName, payload } = event;
  switch (eventName) {
    case "push": {
      const tag = (payload.ref ?? event.ref).match(/^refs\/tags\/(.+)$/)?.[1];
      if (tag !== undefined) {
        return {
          ok: false,
          message:
            `command: auto deploys pushes to the default branch, and this push is of the tag ${tag}. ` +
            "Limit the workflow to `push: branches: [...]`, or set `command: deploy` to deploy tags.",
        };
      }
      const other = otherBranch(event);
      if (other) {
        return {
          ok: false,
          message:
            `command: auto deploys pushes to the default branch (${other.defaultBranch}), and this ` +
            `push is to ${other.branch}. Set \`command: deploy\` to deploy from other branches.`,
        };
      }
      return { ok: true, command: "deploy" };
    }
    // pull_request_target runs with the repository's secrets whoever opened the pull request; the
    // preview refuses forks unless allow-fork-previews, and checks the checkout is the head.
    case "pull_request":
    case "pull_request_target":
      switch (payload.action) {
        case "opened":
        case "synchronize":
        case "reopened":
          return { ok: true, command: "preview" };
        case "closed":
          return { ok: true, command: "teardown" };
        default:
          return {
            ok: false,
            message:
              `command: auto does nothing for ${eventName}.${payload.action ?? "(no action)"}; ` +
              "limit the workflow to `types: [opened, synchronize, reopened, closed]`.",
          };
      }
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
