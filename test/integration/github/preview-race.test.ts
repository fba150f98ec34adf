// A preview run and the pull request's close, end to end: the bundled Action as a process against
// the sandbox, GitHub's API as the local stand-in, and S3 behind the suite's proxy, which holds the
// preview's first upload until the test lets it go. So "teardown finished while the preview
// uploaded" happens in that order every time, with no timing involved.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNamespace } from "../../../src/github/preview-cluster.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { type FaultProxy, startFaultProxy } from "../../support/fault-proxy.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../../support/github-standin.ts";
import { connect, getApi, installCrds, uniqueNamespace } from "../deploy/helpers.ts";
import {
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
let s3: FaultProxy;
let workspace: Workspace;
let inputs: Record<string, string>;
const base = uniqueNamespace("gh-race");

const CORTEX_YAML = `- name: iris
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: sandbox.test/iris:1
  artifacts:
    - path: model/
`;

function run(action: "opened" | "synchronize" | "closed", pr: number, seed: string) {
  return runAction({
    workspace,
    apiUrl: gh.url,
    eventName: "pull_request",
    payload: pullRequestPayload({ action, number: pr, headSha: sha(seed) }),
    // Teardown waits until the namespace is gone, as a finished teardown has.
    inputs: action === "closed" ? { ...inputs, wait: "true" } : inputs,
    sha: sha("m"),
    ref: `refs/pull/${pr}/merge`,
  });
}

/** The same run of this checkout's src/ (for behaviour newer than the bundled dist/index.js). */
function runInProcess(action: "opened" | "synchronize" | "closed", pr: number, seed: string) {
  return runActionInProcess({
    workspace,
    apiUrl: gh.url,
    eventName: "pull_request",
    payload: pullRequestPayload({ action, number: pr, headSha: sha(seed) }),
    inputs: action === "closed" ? { ...inputs, wait: "true" } : inputs,
    sha: sha("m"),
    ref: `refs/pull/${pr}/merge`,
  });
}

/** A synchronize run (of dist/, or `start`'s) held at its first S3 upload while `meanwhile` runs. */
async function syncWhile<T = Awaited<ReturnType<typeof run>>>(
  pr: number,
  meanwhile: () => Promise<void>,
  start: () => Promise<T> = () => run("synchronize", pr, "2") as Promise<T>,
): Promise<T> {
  await workspace.write("model/weights.bin", `weights ${pr} ${Date.now()} ${Math.random()}\n`);
  const gate = s3.hold((req) => req.method === "PUT");
  const sync = start();
  await gate.reached;
  try {
    await meanwhile();
  } finally {
    gate.release();
  }
  return sync;
}

const lastStates = (pr: number) =>
  gh.deployments
    .filter((d) => d.environment === `preview/pr-${pr}`)
    .map((d) => d.statuses.at(-1)?.state);

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  gh = await startGitHubStandIn({ repository: REPOSITORY, token: TOKEN });
  s3 = await startFaultProxy({
    target: process.env.AWS_ENDPOINT_URL ?? "",
    seed: 1,
    rates: {},
  });
  workspace = await makeWorkspace();
  await workspace.write("cortex.yaml", CORTEX_YAML);
  await workspace.write("model/weights.bin", "weights\n");
  inputs = {
    config: "cortex.yaml",
    command: "auto",
    namespace: base,
    bucket: process.env.CORTEX_DEPLOY_BUCKET ?? "",
    "s3-endpoint": s3.endpoint,
    "s3-force-path-style": "true",
    kubeconfig: await readFile(process.env.KUBECONFIG ?? "", "utf8"),
    wait: "false",
    "endpoint-url-template": "https://api.example.com/{namespace}/{endpoint}",
    "github-token": TOKEN,
  };
});

afterAll(async () => {
  await s3?.close();
  await gh?.close();
  client?.close();
});

describe("a preview run and its pull request's close (local stand-in for the GitHub API)", () => {
  it("teardown finishes while the preview uploads → nothing is recreated, the comment stays torn down", async () => {
    const pr = 45;
    const first = await run("opened", pr, "1");
    expect(first.code, first.stdout + first.stderr).toBe(0);

    // In process: this checkout's src/ asks before its upload too, and must ask again after it.
    const done = await syncWhile(
      pr,
      async () => {
        gh.setPullRequest(pr, "closed");
        const teardown = await run("closed", pr, "2");
        expect(teardown.code, teardown.stdout + teardown.stderr).toBe(0);
        expect(await readNamespace(client, `${base}-pr-${pr}`)).toBeUndefined();
      },
      () => runInProcess("synchronize", pr, "2"),
    );
    expect(done.failed, done.log).toBe(false);
    expect(done.log).toContain(`PR #${pr} was closed while this run uploaded; no preview deployed`);
    expect(done.log).not.toContain("::error::");
    // Not recreated, neither bare nor as a preview.
    expect(await readNamespace(client, `${base}-pr-${pr}`)).toBeUndefined();
    const comments = gh.commentsOn(pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(`### Preview of #${pr} was torn down`);
    expect(lastStates(pr).every((s) => s === "inactive")).toBe(true);
    expect(done.summary).toContain(`no preview of #${pr} (closed)`);
  });

  it("a run for a PR that is already closed → nothing uploaded, no namespace, comment or Deployment", async () => {
    // A re-run of an old synchronize after the close, or a run that started after it.
    const pr = 47;
    gh.setPullRequest(pr, "closed");
    // Artifacts S3 does not have yet: a run that went on to its upload would send them.
    await workspace.write("model/weights.bin", `weights ${pr} ${Date.now()} ${Math.random()}\n`);
    const s3Requests = s3.counts.forward;
    const githubRequests = gh.requests.length;
    const rerun = await runInProcess("synchronize", pr, "3");
    expect(rerun.failed, rerun.log).toBe(false);
    expect(rerun.log).toContain(
      `::notice title=cortex-deploy%3A pull request closed::Pull request #${pr} is closed, so ` +
        `this run deployed no preview of ${sha("3").slice(0, 7)} and wrote nothing`,
    );
    expect(rerun.log).not.toContain("::warning");
    expect(rerun.summary).toContain(`no preview of #${pr} (closed)`);
    // Nothing sent to S3 (not even an existence check), nothing in the cluster.
    expect(s3.counts.forward).toBe(s3Requests);
    expect(rerun.outputs.get("uploaded-files")).toBe("0");
    expect(rerun.outputs.get("uploaded-bytes")).toBe("0");
    expect(rerun.outputs.get("apis")).toBe("[]");
    expect(await readNamespace(client, `${base}-pr-${pr}`)).toBeUndefined();
    // GitHub was only asked about the pull request: no comment, no Deployment.
    expect(gh.requests.slice(githubRequests)).toEqual([`GET /repos/${REPOSITORY}/pulls/${pr}`]);
    expect(gh.commentsOn(pr)).toEqual([]);
    expect(lastStates(pr)).toEqual([]);
  });

  it("GitHub cannot say whether the PR is open → warned; a recreated namespace is a full preview teardown recognises", async () => {
    const pr = 46;
    const first = await run("opened", pr, "1");
    expect(first.code, first.stdout + first.stderr).toBe(0);

    gh.setPullRequest(pr, 500);
    const sync = await syncWhile(pr, async () => {
      const teardown = await run("closed", pr, "2");
      expect(teardown.code, teardown.stdout + teardown.stderr).toBe(0);
      expect(await readNamespace(client, `${base}-pr-${pr}`)).toBeUndefined();
    });
    const done = await sync;
    const ns = await readNamespace(client, `${base}-pr-${pr}`);
    expect(ns?.metadata.labels?.["cortexdeploy.dev/preview"]).toBe("true");
    expect(ns?.metadata.labels?.["cortexdeploy.dev/pull-request"]).toBe(String(pr));
    expect(ns?.metadata.annotations?.["cortexdeploy.dev/repository"]).toBe(REPOSITORY);
    expect(done.stdout).toContain(`asking GitHub whether #${pr} is still open`);

    // So a teardown (or cleanup) deletes it instead of leaving it alone; GitHub still cannot say
    // whether the pull request was reopened, and the teardown goes on.
    const again = await runInProcess("closed", pr, "2");
    expect(again.failed, again.log).toBe(false);
    expect(again.log).not.toContain("left alone");
    expect(again.log).toContain(
      `asking GitHub whether #${pr} is still open: HTTP 500 (HTTP 500); tearing the preview ` +
        `down without knowing whether #${pr} was reopened`,
    );
    expect(await readNamespace(client, `${base}-pr-${pr}`)).toBeUndefined();
  });

  it("re-run of an older head's run → nothing uploaded, applied, commented or deployed; a warning names both commits", async () => {
    const pr = 48;
    const namespace = `${base}-pr-${pr}`;
    const first = await run("opened", pr, "3");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    gh.setPullRequest(pr, "open", sha("3"));
    const comment = gh.commentsOn(pr)[0]?.body;
    expect(comment).toContain(sha("3").slice(0, 7));
    const deployments = gh.deployments.length;
    const s3Requests = s3.counts.forward;

    // The older commit's cortex.yaml names another image.
    await workspace.write("cortex.yaml", CORTEX_YAML.replace("iris:1", "iris:old"));
    try {
      const rerun = await runInProcess("synchronize", pr, "1");
      expect(rerun.failed, rerun.log).toBe(false);
      expect(rerun.log).toContain(
        `::warning title=cortex-deploy%3A pull request moved on::Pull request #${pr} is now at ` +
          `${sha("3").slice(0, 7)}, and this run is for ${sha("1").slice(0, 7)}, an earlier head of ` +
          "it: nothing was deployed",
      );
      expect(rerun.summary).toContain(
        `no preview of #${pr} (superseded by ${sha("3").slice(0, 7)})`,
      );
    } finally {
      await workspace.write("cortex.yaml", CORTEX_YAML);
    }
    expect(s3.counts.forward).toBe(s3Requests);
    expect((await getApi(client, namespace, "iris")).spec.pod.containers[0]?.image).toBe(
      "sandbox.test/iris:1",
    );
    const ns = await readNamespace(client, namespace);
    expect(ns?.metadata.labels?.["cortexdeploy.dev/head-sha"]).toBe(sha("3"));
    expect(gh.commentsOn(pr).map((c) => c.body)).toEqual([comment]);
    expect(gh.deployments).toHaveLength(deployments);
    expect(lastStates(pr)).toEqual(["success"]);
  });

  it("a newer commit is pushed while the preview uploads → nothing applied, its Deployment inactive", async () => {
    const pr = 49;
    const namespace = `${base}-pr-${pr}`;
    const first = await run("opened", pr, "1");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const comment = gh.commentsOn(pr)[0]?.body;
    gh.setPullRequest(pr, "open", sha("2"));

    await workspace.write("model/weights.bin", `weights ${pr} ${Date.now()} ${Math.random()}\n`);
    const gate = s3.hold((req) => req.method === "PUT");
    const sync = runInProcess("synchronize", pr, "2");
    await gate.reached;
    gh.setPullRequest(pr, "open", sha("4"));
    gate.release();
    const done = await sync;
    expect(done.failed, done.log).toBe(false);
    expect(done.log).toContain(
      `Pull request #${pr} is now at ${sha("4").slice(0, 7)}, and this run is for ${sha("2").slice(0, 7)}`,
    );
    const ns = await readNamespace(client, namespace);
    expect(ns?.metadata.labels?.["cortexdeploy.dev/head-sha"]).toBe(sha("1"));
    expect(
      (await getApi(client, namespace, "iris")).metadata.annotations?.["cortexdeploy.dev/commit"],
    ).toBe(sha("1"));
    expect(gh.commentsOn(pr).map((c) => c.body)).toEqual([comment]);
    // The first run's Deployment is still the live one; this run's is inactive.
    expect(lastStates(pr)).toEqual(["success", "inactive"]);
  });

  it("re-run of the close's run after the PR was reopened → nothing deleted, the comment stays", async () => {
    const pr = 50;
    const namespace = `${base}-pr-${pr}`;
    const first = await run("opened", pr, "1");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const comment = gh.commentsOn(pr)[0]?.body;
    expect(comment).toContain(`### Preview of #${pr} is deployed`);

    // Closed, torn down and reopened, whose preview run deployed again; GitHub says open.
    gh.setPullRequest(pr, "open");
    const rerun = await runInProcess("closed", pr, "1");
    expect(rerun.failed, rerun.log).toBe(false);
    expect(rerun.log).toContain(
      `::warning title=cortex-deploy%3A pull request reopened::Pull request #${pr} is open again`,
    );
    expect(rerun.log).toContain("nothing was deleted");
    expect(rerun.summary).toContain(`no teardown of #${pr} (reopened)`);
    const ns = await readNamespace(client, namespace);
    expect(ns?.metadata.deletionTimestamp).toBeUndefined();
    expect(
      (await getApi(client, namespace, "iris")).metadata.annotations?.["cortexdeploy.dev/commit"],
    ).toBe(sha("1"));
    expect(gh.commentsOn(pr).map((c) => c.body)).toEqual([comment]);
    expect(lastStates(pr)).toEqual(["success"]);

    // Closed for good: the same run tears down.
    gh.setPullRequest(pr, "closed");
    const teardown = await runInProcess("closed", pr, "1");
    expect(teardown.failed, teardown.log).toBe(false);
    expect(await readNamespace(client, namespace)).toBeUndefined();
    expect(gh.commentsOn(pr)[0]?.body).toContain(`### Preview of #${pr} was torn down`);
    expect(lastStates(pr)).toEqual(["inactive"]);
  });

  it("calls no GitHub endpoint the stand-in does not implement", () => {
    expect(gh.unhandled).toEqual([]);
  });
});
