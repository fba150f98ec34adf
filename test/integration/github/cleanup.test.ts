// `command: cleanup` on a schedule, end to end: the bundled Action as a process against the
// sandbox's API server, with the local stand-in for the GitHub REST API (github.com cannot be
// reached from here). A preview made with a 1s TTL expires; one with the default TTL stays unless
// GitHub says its pull request is closed (its teardown failed); when GitHub cannot say, it stays.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNamespace } from "../../../src/github/preview-cluster.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../../support/github-standin.ts";
import { connect, installCrds, uniqueNamespace } from "../deploy/helpers.ts";
import {
  IRIS_CONFIG,
  makeWorkspace,
  pullRequestPayload,
  REPOSITORY,
  runAction,
  runActionInProcess,
  sha,
  TOKEN,
  type Workspace,
} from "./support.ts";

let client: KubeClient;
let gh: GitHubStandIn;
let workspace: Workspace;
let inputs: Record<string, string>;
const base = uniqueNamespace("gh-clean");
const expiring = `${base}-pr-21`;
const lasting = `${base}-pr-22`;
const closedPr = `${base}-pr-23`;
const unknownPr = `${base}-pr-24`;

const schedulePayload = {
  schedule: "17 3 * * *",
  repository: { full_name: REPOSITORY, default_branch: "main" },
};

interface Listed {
  namespace: string;
  pullRequest: number;
  expiresAt: string;
}

const names = (json: string | undefined) =>
  (JSON.parse(json ?? "[]") as Listed[]).map((p) => p.namespace);

async function preview(number: number, ttl?: string) {
  const run = await runAction({
    workspace,
    apiUrl: gh.url,
    eventName: "pull_request",
    payload: pullRequestPayload({ action: "opened", number, headSha: sha(String(number % 10)) }),
    inputs: ttl ? { ...inputs, "preview-ttl": ttl } : inputs,
    sha: sha("m"),
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

async function cleanup(dryRun: boolean) {
  return runAction({
    workspace,
    apiUrl: gh.url,
    eventName: "schedule",
    payload: schedulePayload,
    inputs: { ...inputs, "dry-run": String(dryRun) },
    sha: sha("m"),
  });
}

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  gh = await startGitHubStandIn({ repository: REPOSITORY, token: TOKEN });
  workspace = await makeWorkspace();
  await workspace.write("cortex.yaml", IRIS_CONFIG);
  inputs = {
    namespace: base,
    kubeconfig: await readFile(process.env.KUBECONFIG ?? "", "utf8"),
    wait: "false",
    "github-token": TOKEN,
  };
  await preview(21, "1s");
  await preview(22);
  await preview(23);
  await preview(24);
  // 23 was closed and its teardown failed; GitHub fails to answer about 24.
  gh.setPullRequest(23, "closed");
  gh.setPullRequest(24, 502);
  // Let the 1s TTL pass (the expiry is whole seconds after the push).
  const ns = await readNamespace(client, expiring);
  const expiresAt = Date.parse(ns?.metadata.annotations?.["cortexdeploy.dev/expires-at"] ?? "");
  await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 200));
});

afterAll(async () => {
  await gh?.close();
  client?.close();
});

describe("cleanup of expired previews (local stand-in for the GitHub API)", () => {
  it("dry run: lists the expired preview and deletes nothing", async () => {
    const run = await cleanup(true);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(names(run.outputs.get("expired-previews"))).toContain(expiring);
    expect(names(run.outputs.get("expired-previews"))).not.toContain(lasting);
    expect(run.outputs.get("removed-previews")).toBe("[]");
    expect(run.stdout).toContain(`would delete namespace/${expiring} (#21`);
    expect((await readNamespace(client, expiring))?.metadata.deletionTimestamp).toBeUndefined();
    expect(run.summary).toContain("(dry run)");
    expect(run.summary).toContain(`| \`${expiring}\` | #21 | expired `);
    // The closed pull request's preview is listed with why; the one GitHub could not answer about
    // is not, and a warning says the rest went by expiry alone.
    expect(run.stdout).toContain(`would delete namespace/${closedPr} (#23, closed)`);
    expect(names(run.outputs.get("closed-previews"))).toContain(closedPr);
    expect(names(run.outputs.get("closed-previews"))).not.toContain(lasting);
    expect(names(run.outputs.get("expired-previews"))).not.toContain(closedPr);
    expect(run.summary).toContain(`| \`${closedPr}\` | #23 | closed | would delete (dry run) |`);
    expect(run.stdout).toContain("asking GitHub whether #24 is still open");
    expect(run.stdout).toMatch(/GitHub did not say whether .*#24.* still open/);
    expect(run.stdout).toContain("cleanup deletes only previews past their expiry for them");
    expect((await readNamespace(client, closedPr))?.metadata.deletionTimestamp).toBeUndefined();
  });

  it("deletes only the expired preview, lists it, and marks its comment and Deployment", async () => {
    const run = await cleanup(false);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const removed = JSON.parse(run.outputs.get("removed-previews") ?? "[]") as Listed[];
    expect(removed).toContainEqual(
      expect.objectContaining({ namespace: expiring, pullRequest: 21 }),
    );
    expect(removed.map((p) => p.namespace)).not.toContain(lasting);
    expect(removed).toContainEqual(
      expect.objectContaining({ namespace: closedPr, pullRequest: 23, reason: "closed" }),
    );
    expect(removed.map((p) => p.namespace)).not.toContain(unknownPr);

    const gone = await readNamespace(client, expiring);
    expect(gone === undefined || gone.metadata.deletionTimestamp !== undefined).toBe(true);
    expect((await readNamespace(client, lasting))?.metadata.deletionTimestamp).toBeUndefined();
    expect((await readNamespace(client, unknownPr))?.metadata.deletionTimestamp).toBeUndefined();
    const closed = await readNamespace(client, closedPr);
    expect(closed === undefined || closed.metadata.deletionTimestamp !== undefined).toBe(true);
    expect(gh.commentsOn(23)[0]?.body).toContain("because the pull request was closed");

    const [comment] = gh.commentsOn(21);
    expect(comment?.body).toContain("### Preview of #21 was torn down");
    expect(comment?.body).toContain("because it expired on");
    expect(gh.commentsOn(22)[0]?.body).toContain("is deployed");
    const envs = (n: number) => gh.deployments.filter((d) => d.environment === `preview/pr-${n}`);
    expect(envs(21).map((d) => d.statuses.at(-1)?.state)).toEqual(["inactive"]);
    expect(envs(22).map((d) => d.statuses.at(-1)?.state)).toEqual(["success"]);
    expect(envs(23).map((d) => d.statuses.at(-1)?.state)).toEqual(["inactive"]);
    expect(run.summary).toContain(`| \`${expiring}\` | #21 |`);
    expect(run.summary).toContain("| deleted |");
  });

  it("claims no previews, and leaves its outputs empty, when it cannot list them", async () => {
    const unreachable = inputs.kubeconfig?.replace(/server: \S+/, "server: https://127.0.0.1:1");
    const run = await runActionInProcess({
      workspace,
      apiUrl: gh.url,
      eventName: "schedule",
      payload: schedulePayload,
      inputs: { ...inputs, kubeconfig: unreachable ?? "" },
      sha: sha("m"),
    });
    expect(run.failed).toBe(true);
    expect(run.summary).toContain("cleanup of expired and closed previews failed");
    expect(run.summary).toContain("cannot reach the Kubernetes API server at https://127.0.0.1:1");
    expect(run.summary).not.toContain("No preview is past its expiry");
    for (const name of ["expired-previews", "closed-previews", "removed-previews"])
      expect(run.outputs.get(name), name).toBe("");
  });
});
