// Shared by the GitHub flow tests: a repository on disk, webhook payloads in GitHub's shapes
// (trimmed to real fields, in their real places), and one run of the bundled Action
// (dist/index.js) as its own process with the runner's environment contract (or of src/ in
// process).
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { actionEnv, type ProcessResult, runNode } from "../../support/run-node.ts";
import { type ActionRun as InProcessRun, runAction as runInProcess } from "../deploy/run-action.ts";

export const REPOSITORY = "acme/ml-models";
/** The smallest config a flow can deploy: one RealtimeAPI on the sandbox's iris image. */
export const IRIS_CONFIG =
  "- name: iris\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: sandbox.test/iris:1\n";

export const TOKEN = `ghs_${randomBytes(18).toString("base64url")}`;
const RUN_ID = "4242";

export function sha(seed: string): string {
  return (seed.repeat(40) + "0".repeat(40)).slice(0, 40);
}

const repo = (fork = false, fullName = REPOSITORY) => ({
  id: fork ? 2 : 1,
  name: fullName.split("/")[1],
  full_name: fullName,
  private: false,
  fork,
  owner: { login: fullName.split("/")[0], type: fork ? "User" : "Organization" },
  html_url: `https://github.com/${fullName}`,
  default_branch: "main",
});

const sender = { login: "octocat", id: 583231, type: "User" };

/** A push to main, or to `ref` (another branch, or a tag: refs/tags/v1.0). */
export function pushPayload(after: string, ref = "refs/heads/main"): Record<string, unknown> {
  return {
    ref,
    before: "0".repeat(40),
    after,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${REPOSITORY}/compare/000000000000...${after.slice(0, 12)}`,
    commits: [{ id: after, message: "Update model", distinct: true }],
    head_commit: { id: after, message: "Update model", timestamp: "2025-01-01T12:00:00Z" },
    repository: repo(),
    pusher: { name: "octocat", email: "octocat@example.com" },
    sender,
  };
}

export interface PrOptions {
  /** opened, synchronize, reopened, closed, or one auto has nothing to do for (labeled...). */
  action: "opened" | "synchronize" | "reopened" | "closed" | "labeled" | "edited";
  number: number;
  headSha: string;
  /** owner/name of a fork the head branch lives in. */
  fork?: string;
  merged?: boolean;
}

export function pullRequestPayload(o: PrOptions): Record<string, unknown> {
  const headRepo = o.fork ? repo(true, o.fork) : repo();
  return {
    action: o.action,
    number: o.number,
    ...(o.action === "synchronize" ? { before: sha("e"), after: o.headSha } : {}),
    ...(o.action === "labeled" ? { label: { id: 1, name: "needs-review", color: "fbca04" } } : {}),
    ...(o.action === "edited" ? { changes: { title: { from: "Try a big model" } } } : {}),
    pull_request: {
      url: `https://api.github.com/repos/${REPOSITORY}/pulls/${o.number}`,
      html_url: `https://github.com/${REPOSITORY}/pull/${o.number}`,
      number: o.number,
      state: o.action === "closed" ? "closed" : "open",
      title: "Try a bigger model",
      user: sender,
      merged: o.merged ?? false,
      draft: false,
      head: {
        label: `${headRepo.owner.login}:feature`,
        ref: "feature",
        sha: o.headSha,
        user: headRepo.owner,
        repo: headRepo,
      },
      base: { label: "acme:main", ref: "main", sha: sha("b"), user: repo().owner, repo: repo() },
    },
    repository: repo(),
    sender,
  };
}

/** A merge queue's trial merge of a pull request into main (merge_group checks_requested). */
export function mergeGroupPayload(headSha: string, pullRequest: number): Record<string, unknown> {
  return {
    action: "checks_requested",
    merge_group: {
      head_sha: headSha,
      head_ref: `refs/heads/gh-readonly-queue/main/pr-${pullRequest}-${sha("b")}`,
      base_sha: sha("b"),
      base_ref: "refs/heads/main",
      head_commit: { id: headSha, message: `Merge pull request #${pullRequest}` },
    },
    repository: repo(),
    sender,
  };
}

export function dispatchPayload(inputs: Record<string, string>): Record<string, unknown> {
  return {
    inputs,
    ref: "refs/heads/main",
    repository: repo(),
    sender,
    workflow: ".github/workflows/rollback.yml",
  };
}

export interface Workspace {
  dir: string;
  write(file: string, contents: string): Promise<void>;
}

/** A checkout: a folder with .git, so the config identity is its path in the repository. */
export async function makeWorkspace(): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), "gh-flows-"));
  await mkdir(path.join(dir, ".git"));
  return {
    dir,
    async write(file, contents) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), contents);
    },
  };
}

export interface ActionRun extends ProcessResult {
  outputs: Map<string, string>;
  outputsText: string;
  summary: string;
}

/** GITHUB_OUTPUT's `name<<DELIMITER` blocks, as the runner reads them. */
export function parseOutputs(text: string): Map<string, string> {
  const outputs = new Map<string, string>();
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) {
    outputs.set(m[1] ?? "", m[3] ?? "");
  }
  return outputs;
}

export interface RunOptions {
  workspace: Workspace;
  apiUrl: string;
  eventName: string;
  payload: Record<string, unknown>;
  inputs: Record<string, string>;
  sha: string;
  ref?: string;
  /** Runner variables to set or override (e.g. GITHUB_REPOSITORY after a rename). */
  env?: Record<string, string>;
}

/** The runner's GITHUB_* (and AWS_*) variables for one run, its event payload written to disk. */
async function runnerEnv(o: RunOptions, runDir: string): Promise<Record<string, string>> {
  const eventPath = path.join(runDir, "event.json");
  await writeFile(eventPath, JSON.stringify(o.payload, null, 2));
  return {
    RUNNER_TEMP: runDir,
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: o.ref ?? "refs/heads/main",
    GITHUB_SHA: o.sha,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_RUN_ID: RUN_ID,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: o.apiUrl,
    GITHUB_ACTOR: "octocat",
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? "",
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? "",
    AWS_REGION: process.env.AWS_REGION ?? "",
    ...o.env,
  };
}

async function makeRunDir(workspace: Workspace): Promise<string> {
  const runDir = path.join(workspace.dir, ".runner", randomBytes(4).toString("hex"));
  await mkdir(runDir, { recursive: true });
  return runDir;
}

/** Runs dist/index.js once, as the runner does: INPUT_*, GITHUB_* and the output/summary files. */
export async function runAction(o: RunOptions): Promise<ActionRun> {
  const runDir = await makeRunDir(o.workspace);
  const outputFile = path.join(runDir, "output.txt");
  const summaryFile = path.join(runDir, "summary.md");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  const env = actionEnv(o.workspace.dir, o.inputs, {
    ...(await runnerEnv(o, runDir)),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  });
  const result = await runNode("dist/index.js", [], { cwd: o.workspace.dir, env });
  const outputsText = await readFile(outputFile, "utf8");
  return {
    ...result,
    outputsText,
    outputs: parseOutputs(outputsText),
    summary: await readFile(summaryFile, "utf8"),
  };
}

/**
 * The same run of this checkout's src/action.ts in this process: for behaviour that the bundled
 * dist/index.js may not have yet (dist is rebuilt only on release).
 */
export async function runActionInProcess(o: RunOptions): Promise<InProcessRun> {
  const runDir = await makeRunDir(o.workspace);
  return runInProcess(o.workspace.dir, o.inputs, await runnerEnv(o, runDir));
}

/** The job log without the lines the runner consumes (::add-mask:: never reaches the log). */
export function visibleLog(stdout: string): string {
  return stdout
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
}
