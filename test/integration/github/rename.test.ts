// Renaming (or transferring) the repository while previews are open, end to end: the bundled
// Action as a process against the sandbox, GitHub's API as local stand-ins for the old and the new
// name. A preview records GitHub's repository id, which a rename keeps, so teardown and cleanup
// under the new name still know it as theirs; a preview made before ids were recorded is left
// alone with a message that says how to delete it. Runs use `wait: false`: no controller runs.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimPreviewNamespace, readNamespace } from "../../../src/github/preview-cluster.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../../support/github-standin.ts";
import { connect, getApi, installCrds, uniqueNamespace } from "../deploy/helpers.ts";
import {
  IRIS_CONFIG,
  makeWorkspace,
  pullRequestPayload,
  pushPayload,
  REPOSITORY,
  runAction,
  sha,
  TOKEN,
  type Workspace,
} from "./support.ts";

const RENAMED = "acme/models";
/** The id the payloads' repository has (support.ts), which GitHub keeps across the rename. */
const REPOSITORY_ID = "1";

let client: KubeClient;
let ghOld: GitHubStandIn;
let ghNew: GitHubStandIn;
let workspace: Workspace;
let inputs: Record<string, string>;
const base = uniqueNamespace("gh-ren");
const gone = (ns: { metadata: { deletionTimestamp?: string } } | undefined) =>
  ns === undefined || ns.metadata.deletionTimestamp !== undefined;

/** A preview made while the repository was still acme/ml-models. */
async function previewBeforeRename(pr: number) {
  const run = await runAction({
    workspace,
    apiUrl: ghOld.url,
    eventName: "pull_request",
    payload: pullRequestPayload({ action: "opened", number: pr, headSha: sha("1") }),
    inputs,
    sha: sha("m"),
    env: { GITHUB_REPOSITORY_ID: REPOSITORY_ID },
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

/** A run after the rename: GitHub sends the new name and the same id. */
function afterRename(eventName: string, payload: Record<string, unknown>) {
  return runAction({
    workspace,
    apiUrl: ghNew.url,
    eventName,
    payload,
    inputs: { ...inputs, wait: "true" },
    sha: sha("m"),
    env: { GITHUB_REPOSITORY: RENAMED, GITHUB_REPOSITORY_ID: REPOSITORY_ID },
  });
}

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  ghOld = await startGitHubStandIn({ repository: REPOSITORY, token: TOKEN });
  ghNew = await startGitHubStandIn({ repository: RENAMED, token: TOKEN });
  workspace = await makeWorkspace();
  await workspace.write("cortex.yaml", IRIS_CONFIG);
  inputs = {
    namespace: base,
    kubeconfig: await readFile(process.env.KUBECONFIG ?? "", "utf8"),
    wait: "false",
    "github-token": TOKEN,
  };
});

afterAll(async () => {
  await ghOld?.close();
  await ghNew?.close();
  client?.close();
});

describe("previews across a repository rename (local stand-ins for the GitHub API)", () => {
  it("a preview records the repository id", async () => {
    await previewBeforeRename(10);
    const ns = await readNamespace(client, `${base}-pr-10`);
    expect(ns?.metadata.labels?.["cortexdeploy.dev/repository-id"]).toBe(REPOSITORY_ID);
  });

  it("teardown under the new name deletes the preview made under the old one", async () => {
    await previewBeforeRename(11);
    ghNew.setPullRequest(11, "closed");
    const run = await afterRename(
      "pull_request",
      pullRequestPayload({ action: "closed", number: 11, headSha: sha("1") }),
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("renamed or transferred, so it is torn down");
    expect(gone(await readNamespace(client, `${base}-pr-11`)), run.stdout).toBe(true);
  });

  it("cleanup under the new name finds the old name's previews by id", async () => {
    await previewBeforeRename(13);
    ghNew.setPullRequest(13, "closed");
    const run = await afterRename("schedule", {
      schedule: "17 3 * * *",
      repository: { id: 1, full_name: RENAMED, default_branch: "main" },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const removed = JSON.parse(run.outputs.get("removed-previews") ?? "[]") as {
      namespace: string;
    }[];
    expect(removed.map((p) => p.namespace)).toContain(`${base}-pr-13`);
    expect(gone(await readNamespace(client, `${base}-pr-13`))).toBe(true);
    // Still this repository's: the one of PR 10 stays (open, not expired).
    expect(gone(await readNamespace(client, `${base}-pr-10`))).toBe(false);
  });

  it("a preview made before ids were recorded is left alone, with how to delete it", async () => {
    const namespace = `${base}-pr-12`;
    await claimPreviewNamespace(client, {
      namespace,
      repository: REPOSITORY,
      pullRequest: 12,
      headSha: sha("1"),
      expiresAt: new Date(Date.now() + 86_400_000),
      runUrl: "",
      configId: "0123456789abcdef",
      configPath: "cortex.yaml",
    });
    ghNew.setPullRequest(12, "closed");
    const run = await afterRename(
      "pull_request",
      pullRequestPayload({ action: "closed", number: 12, headSha: sha("1") }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `is the preview of ${REPOSITORY} #12, and this is ${RENAMED}; it is left alone`,
    );
    expect(run.stdout).toContain(`If this repository was ${REPOSITORY} (renamed or transferred)`);
    expect(run.stdout).toContain(`kubectl delete namespace ${namespace}`);
    expect(gone(await readNamespace(client, namespace))).toBe(false);
  });

  it("a push after the rename is refused, naming the config-id that keeps its APIs", async () => {
    const namespace = `${base}-push`;
    const push = (gh: GitHubStandIn, repository: string, extra: Record<string, string> = {}) =>
      runAction({
        workspace,
        apiUrl: gh.url,
        eventName: "push",
        payload: pushPayload(sha("p")),
        inputs: { ...inputs, namespace, ...extra },
        sha: sha("p"),
        env: { GITHUB_REPOSITORY: repository, GITHUB_REPOSITORY_ID: REPOSITORY_ID },
      });
    const before = await push(ghOld, REPOSITORY);
    expect(before.code, before.stdout + before.stderr).toBe(0);
    const oldId = (await getApi(client, namespace, "iris")).metadata.labels?.[
      "cortexdeploy.dev/config"
    ];

    const refused = await push(ghNew, RENAMED);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      `deploy with --config-id ${oldId} (Action input config-id) to keep managing it`,
    );

    const kept = await push(ghNew, RENAMED, { "config-id": oldId ?? "" });
    expect(kept.code, kept.stdout + kept.stderr).toBe(0);
    const iris = await getApi(client, namespace, "iris");
    expect(iris.metadata.labels?.["cortexdeploy.dev/config"]).toBe(oldId);
  });
});
