// `command: auto` on events a shared workflow also runs on (a label, an edit, a merge queue, a tag,
// a feature branch): the step succeeds with a notice, its outputs say nothing was done, and
// nothing reaches the cluster, S3 or GitHub. In process: newer than the bundled dist/index.js.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNamespace } from "../../../src/github/preview-cluster.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { quoteBlock } from "../../../src/text/markdown.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../../support/github-standin.ts";
import { listKeys, s3FromEnv, uniquePrefix } from "../artifacts/helpers.ts";
import { connect, installCrds, uniqueNamespace } from "../deploy/helpers.ts";
import {
  IRIS_CONFIG,
  makeWorkspace,
  mergeGroupPayload,
  pullRequestPayload,
  pushPayload,
  REPOSITORY,
  runActionInProcess,
  sha,
  TOKEN,
  type Workspace,
} from "./support.ts";

let client: KubeClient;
let gh: GitHubStandIn;
let workspace: Workspace;
let inputs: Record<string, string>;
const namespace = uniqueNamespace("gh-nothing");
const prefix = uniquePrefix("gh-nothing");
const PR = 71;

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  gh = await startGitHubStandIn({ repository: REPOSITORY, token: TOKEN });
  workspace = await makeWorkspace();
  await workspace.write("cortex.yaml", `${IRIS_CONFIG}  artifacts:\n    - path: model/\n`);
  await workspace.write("model/weights.bin", `weights ${Date.now()} ${Math.random()}\n`);
  inputs = {
    config: "cortex.yaml",
    command: "auto",
    namespace,
    bucket: process.env.CORTEX_DEPLOY_BUCKET ?? "",
    prefix,
    "s3-endpoint": process.env.AWS_ENDPOINT_URL ?? "",
    "s3-force-path-style": "true",
    kubeconfig: await readFile(process.env.KUBECONFIG ?? "", "utf8"),
    wait: "false",
    "endpoint-url-template": "https://api.example.com/{namespace}/{endpoint}",
    "github-token": TOKEN,
  };
});

afterAll(async () => {
  await gh?.close();
  client?.close();
});

const cases: [string, string, Record<string, unknown>, string, string][] = [
  [
    "a label added to an open pull request",
    "pull_request",
    pullRequestPayload({ action: "labeled", number: PR, headSha: sha("1") }),
    `refs/pull/${PR}/merge`,
    "Nothing to do for pull_request.labeled: command: auto previews a pull request when it is " +
      "opened, synchronized, reopened or marked ready for review and tears the preview down when " +
      "it is closed, and this action left its head commit as it was. Nothing was changed.",
  ],
  [
    "an edited pull request title (pull_request_target)",
    "pull_request_target",
    pullRequestPayload({ action: "edited", number: PR, headSha: sha("1") }),
    "refs/heads/main",
    "Nothing to do for pull_request_target.edited:",
  ],
  [
    "a merge queue's trial merge",
    "merge_group",
    mergeGroupPayload(sha("2"), PR),
    `refs/heads/gh-readonly-queue/main/pr-${PR}-${sha("b")}`,
    "Nothing to do for merge_group: command: auto deploys the push a merge queue makes when it " +
      "merges into the default branch, not its trial merge. Nothing was changed.",
  ],
  [
    "a pushed tag",
    "push",
    pushPayload(sha("3"), "refs/tags/v1.0"),
    "refs/tags/v1.0",
    "Nothing to do for the push of tag v1.0: command: auto deploys pushes to the default branch " +
      "(main). Nothing was changed; set `command: deploy` to deploy tags.",
  ],
  [
    "a push to a feature branch",
    "push",
    pushPayload(sha("4"), "refs/heads/feature"),
    "refs/heads/feature",
    "Nothing to do for the push to feature: command: auto deploys pushes to the default branch " +
      "(main). Nothing was changed; set `command: deploy` to deploy from other branches.",
  ],
];

describe("command: auto with nothing to do (local stand-in for the GitHub API)", () => {
  it.each(cases)(
    "%s: succeeds with a notice and touches nothing",
    async (_name, eventName, payload, ref, notice) => {
      const requests = gh.requests.length;
      const run = await runActionInProcess({
        workspace,
        apiUrl: gh.url,
        eventName,
        payload,
        inputs,
        sha: sha("m"),
        ref,
      });
      expect(run.failed, run.log).toBe(false);
      expect(run.log).not.toContain("::error");
      expect(run.log).not.toContain("::warning");
      expect(run.log).toContain(`::notice title=cortex-deploy%3A nothing to do::${notice}`);
      expect(run.summary).toContain("## cortex-deploy: nothing to do");
      expect(run.summary).toContain(quoteBlock(notice));
      // Every output is set, to what a run that did nothing leaves (as a refused fork preview).
      expect(Object.fromEntries(run.outputs)).toEqual({
        revision: "",
        apis: "[]",
        endpoint: "",
        namespace: "",
        "uploaded-files": "0",
        "uploaded-bytes": "0",
        "skipped-files": "0",
        "preview-url": "",
      });
      // Nothing written anywhere: no namespace (base or preview), no artifacts, no GitHub call.
      expect(await readNamespace(client, namespace)).toBeUndefined();
      expect(await readNamespace(client, `${namespace}-pr-${PR}`)).toBeUndefined();
      expect(await listKeys(s3FromEnv(), prefix)).toEqual([]);
      expect(gh.requests.slice(requests)).toEqual([]);
    },
  );

  it("still fails a workflow_dispatch deploy from another branch: a person asked for it", async () => {
    const run = await runActionInProcess({
      workspace,
      apiUrl: gh.url,
      eventName: "workflow_dispatch",
      payload: { ref: "refs/heads/feature", repository: { default_branch: "main" }, inputs: {} },
      inputs,
      sha: sha("m"),
      ref: "refs/heads/feature",
    });
    expect(run.failed, run.log).toBe(true);
    expect(run.log).toContain(
      "::error::command: auto deploys a workflow_dispatch run on the default branch (main), and " +
        "this run is on feature.",
    );
    expect(run.summary).toContain("## cortex-deploy failed");
    expect(await readNamespace(client, namespace)).toBeUndefined();
  });
});
