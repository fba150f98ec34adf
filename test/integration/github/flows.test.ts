// The GitHub flows end to end: the bundled Action (dist/index.js) runs as its own process, as the
// runner starts it, with real webhook payload shapes, against the sandbox's API server and
// versitygw. github.com cannot be reached from here, so GITHUB_API_URL points at a local stand-in
// for the GitHub REST API that implements only the endpoints the Action calls.
// Runs use `wait: false` where a rollout would have to become Ready: no controller runs here.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentMarker } from "../../../src/github/comment.ts";
import { readNamespace } from "../../../src/github/preview-cluster.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../../support/github-standin.ts";
import { listKeys, s3FromEnv, uniquePrefix } from "../artifacts/helpers.ts";
import {
  connect,
  getApi,
  installCrds,
  readyStatus,
  recordRevision,
  setStatus,
  uniqueNamespace,
} from "../deploy/helpers.ts";
import {
  dispatchPayload,
  makeWorkspace,
  pullRequestPayload,
  pushPayload,
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
let kubeconfig: string;

function cortexYaml(image: string): string {
  return `- name: iris
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: ${image}
  autoscaling:
    min_replicas: 2
    max_replicas: 10
  artifacts:
    - path: model/
`;
}

function baseInputs(namespace: string): Record<string, string> {
  return {
    config: "cortex.yaml",
    command: "auto",
    namespace,
    bucket: process.env.CORTEX_DEPLOY_BUCKET ?? "",
    "s3-endpoint": process.env.AWS_ENDPOINT_URL ?? "",
    "s3-force-path-style": "true",
    kubeconfig,
    wait: "false",
    "endpoint-url-template": "https://api.example.com/{namespace}/{endpoint}",
    "github-token": TOKEN,
  };
}

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  kubeconfig = await readFile(process.env.KUBECONFIG ?? "", "utf8");
  gh = await startGitHubStandIn({ repository: REPOSITORY, token: TOKEN });
  workspace = await makeWorkspace();
  await workspace.write("model/weights.bin", `weights ${Date.now()}\n`);
  await workspace.write("model/labels.txt", "setosa\nversicolor\nvirginica\n");
  await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:1"));
});

afterAll(async () => {
  await gh?.close();
  client?.close();
});

describe("push and workflow_dispatch (local stand-in for the GitHub API)", () => {
  it("push to main → deployed, with outputs and a job summary", async () => {
    const namespace = uniqueNamespace("gh-push");
    const githubCalls = gh.requests.length;
    const run = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "push",
      payload: pushPayload(sha("1")),
      inputs: baseInputs(namespace),
      sha: sha("1"),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const live = await getApi(client, namespace, "iris");
    expect(live.spec.pod.containers[0]?.image).toBe("sandbox.test/iris:1");
    expect(live.spec.autoscaling.max_replicas).toBe(10);
    expect(live.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(sha("1"));
    expect(run.outputs.get("namespace")).toBe(namespace);
    expect(run.outputs.get("endpoint")).toBe(`https://api.example.com/${namespace}/iris`);
    expect(
      Number(run.outputs.get("uploaded-files")) + Number(run.outputs.get("skipped-files")),
    ).toBe(2);
    expect(run.outputs.get("preview-url")).toBe("");
    expect(run.summary).toContain("## cortex-deploy: deploy");
    expect(run.summary).toContain(
      `| iris | RealtimeAPI | created | - | - | 2–10 | https://api.example.com/${namespace}/iris |`,
    );
    expect(run.summary).toMatch(/\*\*Artifacts:\*\* \d+ uploaded/);
    expect(run.summary).toMatch(/\| validate \| [\d.]+s \|/);
    expect(run.summary).toMatch(/\| upload \+ apply \| [\d.]+s \|/);
    expect(run.stdout).toContain("::group::upload + apply");
    // A push deploy has no pull request to comment on and no preview environment.
    expect(gh.requests.slice(githubCalls)).toEqual([]);
  });

  it("a push of an older commit over a newer deploy is refused; a force-push deploys it", async () => {
    const namespace = uniqueNamespace("gh-older");
    const inputs = baseInputs(namespace);
    const [older, newer] = [sha("a1"), sha("a2")];
    gh.setHistory([older, newer]);
    const push = (commit: string, forced = false) =>
      runAction({
        workspace,
        apiUrl: gh.url,
        eventName: "push",
        payload: { ...pushPayload(commit), forced },
        inputs,
        sha: commit,
      });
    try {
      await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:2"));
      const first = await push(newer);
      expect(first.code, first.stdout).toBe(0);

      // "Re-run jobs" on the older commit's run: its cortex.yaml names the older image.
      await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:1"));
      const rerun = await push(older);
      expect(rerun.code).toBe(1);
      expect(rerun.stdout).toContain(
        `::error::commit ${older.slice(0, 12)} is older than what is deployed:%0A  realtimeapi/iris: commit ${newer.slice(0, 12)}`,
      );
      expect(rerun.stdout).toContain("Nothing was applied");
      expect(rerun.outputs.get("uploaded-files")).toBe("0");
      expect(rerun.summary).toContain("is older than what is deployed");
      const kept = await getApi(client, namespace, "iris");
      expect(kept.spec.pod.containers[0]?.image).toBe("sandbox.test/iris:2");
      expect(kept.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(newer);
      expect(gh.requests).toContain(`GET /repos/${REPOSITORY}/compare/${newer}...${older}`);

      // The branch was reset to the older commit on purpose.
      const reset = await push(older, true);
      expect(reset.code, reset.stdout).toBe(0);
      const back = await getApi(client, namespace, "iris");
      expect(back.spec.pod.containers[0]?.image).toBe("sandbox.test/iris:1");

      // A commit GitHub does not know (deployed from a clone) cannot be compared: a warning.
      await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:3"));
      const unknown = await push(sha("a3"));
      expect(unknown.code, unknown.stdout).toBe(0);
      expect(unknown.stdout).toMatch(
        /::warning::could not check that commit a3a3a3a3a3a3 is not older than a1a1a1a1a1a1/,
      );
      const third = await getApi(client, namespace, "iris");
      expect(third.spec.pod.containers[0]?.image).toBe("sandbox.test/iris:3");
    } finally {
      gh.setHistory([]);
      await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:1"));
    }
  });

  it("workflow_dispatch with rollback-to: previous → the earlier revision is back", async () => {
    const namespace = uniqueNamespace("gh-rollback");
    const inputs = baseInputs(namespace);
    const first = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "push",
      payload: pushPayload(sha("1")),
      inputs,
      sha: sha("1"),
    });
    expect(first.code, first.stdout).toBe(0);
    // The controller would record each revision; here the test does (stand-in controller).
    await recordRevision(client, await getApi(client, namespace, "iris"), 1);

    await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:2"));
    try {
      const second = await runAction({
        workspace,
        apiUrl: gh.url,
        eventName: "push",
        payload: pushPayload(sha("2")),
        inputs,
        sha: sha("2"),
      });
      expect(second.code, second.stdout).toBe(0);
      expect(second.outputs.get("uploaded-files")).toBe("0");
      const v2 = await getApi(client, namespace, "iris");
      expect(v2.spec.pod.containers[0]?.image).toBe("sandbox.test/iris:2");
      await recordRevision(client, v2, 2);
      await setStatus(client, namespace, "iris", readyStatus(v2.metadata.generation ?? 1, 2));
    } finally {
      await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:1"));
    }

    const back = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "workflow_dispatch",
      payload: dispatchPayload({ "rollback-to": "previous" }),
      inputs: { ...inputs, "rollback-to": "previous" },
      sha: sha("3"),
    });
    expect(back.code, back.stdout + back.stderr).toBe(0);
    const live = await getApi(client, namespace, "iris");
    expect(live.spec.pod.containers[0]?.image).toBe("sandbox.test/iris:1");
    // Not yet renumbered by the controller (no wait): no revision rather than a stale one.
    expect(back.outputs.get("revision")).toBe("");
    expect(back.summary).toContain("## cortex-deploy: rollback to previous");
    expect(back.summary).toContain("| iris | RealtimeAPI | re-applied the spec of revision 1 |");
  });
});

describe("pull request previews (local stand-in for the GitHub API)", () => {
  const base = uniqueNamespace("gh-pr");
  const pr = 7;
  const previewNs = `${base}-pr-${pr}`;
  let commentId = 0;

  it("PR opened → preview namespace deployed, one comment, a Deployment", async () => {
    // The pods' S3 credentials in the base namespace, which the preview copies.
    await client.request("POST", "/api/v1/namespaces", {
      body: { apiVersion: "v1", kind: "Namespace", metadata: { name: base } },
    });
    const secret = { AWS_SECRET_ACCESS_KEY: Buffer.from("base-key").toString("base64") };
    await client.request("POST", `/api/v1/namespaces/${base}/secrets`, {
      body: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "cortex-deploy-artifacts" },
        data: secret,
      },
    });
    const run = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({ action: "opened", number: pr, headSha: sha("a") }),
      inputs: baseInputs(base),
      sha: sha("m"),
      ref: `refs/pull/${pr}/merge`,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);

    const ns = await readNamespace(client, previewNs);
    expect(ns?.metadata.labels).toMatchObject({
      "app.kubernetes.io/managed-by": "cortex-deploy",
      "cortexdeploy.dev/preview": "true",
      "cortexdeploy.dev/pull-request": "7",
      "cortexdeploy.dev/repository": "acme.ml-models",
      "cortexdeploy.dev/head-sha": sha("a"),
    });
    expect(ns?.metadata.annotations?.["cortexdeploy.dev/repository"]).toBe(REPOSITORY);
    const expires = Date.parse(ns?.metadata.annotations?.["cortexdeploy.dev/expires-at"] ?? "");
    expect(expires).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    const copied = await client.request<{ data: Record<string, string> }>(
      "GET",
      `/api/v1/namespaces/${previewNs}/secrets/cortex-deploy-artifacts`,
    );
    expect(copied.data).toEqual(secret);
    expect(run.stdout).toContain(
      `secret/cortex-deploy-artifacts: copied from namespace ${base} into ${previewNs}`,
    );

    const live = await getApi(client, previewNs, "iris");
    expect(live.spec.autoscaling).toMatchObject({
      min_replicas: 1,
      max_replicas: 2,
      init_replicas: 1,
    });
    expect(live.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(sha("a"));

    const url = `https://api.example.com/${previewNs}/iris`;
    expect(run.outputs.get("preview-url")).toBe(url);
    expect(run.outputs.get("namespace")).toBe(previewNs);

    const comments = gh.commentsOn(pr);
    expect(comments).toHaveLength(1);
    commentId = comments[0]?.id ?? 0;
    const body = comments[0]?.body ?? "";
    expect(body.startsWith(commentMarker("cortex.yaml"))).toBe(true);
    expect(body).toContain("### Preview of #7 is deployed");
    expect(body).toContain(`| iris | RealtimeAPI | created | ${url} | - | 1–2 |`);
    expect(body).toContain(sha("a").slice(0, 7));

    expect(gh.deployments).toHaveLength(1);
    expect(gh.deployments[0]).toMatchObject({ ref: sha("a"), environment: "preview/pr-7" });
    expect(gh.deployments[0]?.statuses.map((s) => s.state)).toEqual(["in_progress", "success"]);
    expect(gh.deployments[0]?.statuses[1]?.environment_url).toBe(url);

    expect(run.summary).toContain("## cortex-deploy: preview of #7");
    expect(run.summary).toContain("Replicas capped for the preview: iris 1–2");
    expect(run.summary).toMatch(/\| GitHub comment \| [\d.]+s \|/);
  });

  it("PR synchronize → the same comment updated, not a second", async () => {
    await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:pr-2"));
    try {
      const run = await runAction({
        workspace,
        apiUrl: gh.url,
        eventName: "pull_request",
        payload: pullRequestPayload({ action: "synchronize", number: pr, headSha: sha("c") }),
        inputs: baseInputs(base),
        sha: sha("n"),
        ref: `refs/pull/${pr}/merge`,
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);
    } finally {
      await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:1"));
    }
    const comments = gh.commentsOn(pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).toBe(commentId);
    expect(comments[0]?.body).toContain(sha("c").slice(0, 7));
    expect(comments[0]?.body).toContain("| iris | RealtimeAPI | configured |");
    const ns = await readNamespace(client, previewNs);
    expect(ns?.metadata.labels?.["cortexdeploy.dev/head-sha"]).toBe(sha("c"));
    expect((await getApi(client, previewNs, "iris")).spec.pod.containers[0]?.image).toBe(
      "sandbox.test/iris:pr-2",
    );
    expect(gh.deployments.map((d) => d.ref)).toEqual([sha("a"), sha("c")]);
  });

  it("PR closed → namespace gone, comment marked torn down, Deployments inactive", async () => {
    gh.setPullRequest(pr, "closed");
    const run = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({
        action: "closed",
        number: pr,
        headSha: sha("c"),
        merged: true,
      }),
      inputs: { ...baseInputs(base), wait: "true", timeout: "2m" },
      sha: sha("n"),
      ref: `refs/pull/${pr}/merge`,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(await readNamespace(client, previewNs)).toBeUndefined();

    const comments = gh.commentsOn(pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).toBe(commentId);
    expect(comments[0]?.body).toContain("### Preview of #7 was torn down");
    expect(comments[0]?.body).toContain("because the pull request was closed");
    expect(comments[0]?.body).toContain("`realtimeapi/iris`");
    for (const d of gh.deployments) expect(d.statuses.at(-1)?.state).toBe("inactive");
    expect(run.summary).toContain("## cortex-deploy: teardown of #7");
    expect(run.summary).toContain("| iris | RealtimeAPI | deleted |");
  });

  it("teardown leaves alone a namespace of that name it did not create", async () => {
    const other = `${base}-pr-70`;
    await client.request("POST", "/api/v1/namespaces", {
      body: { apiVersion: "v1", kind: "Namespace", metadata: { name: other } },
    });
    gh.setPullRequest(70, "closed");
    const run = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({ action: "closed", number: 70, headSha: sha("d") }),
      inputs: baseInputs(base),
      sha: sha("n"),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`namespace ${other} exists and is not a cortex-deploy preview`);
    expect((await readNamespace(client, other))?.metadata.deletionTimestamp).toBeUndefined();
  });

  it("fork PR refused: nothing deployed, no comment, and the log says why", async () => {
    const run = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({
        action: "opened",
        number: 8,
        headSha: sha("f"),
        fork: "mallory/ml-models",
      }),
      inputs: baseInputs(base),
      sha: sha("m"),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /::warning title=cortex-deploy%3A no preview for a fork::No preview for pull request #8/,
    );
    expect(run.stdout).toContain("deploy credentials");
    expect(run.stdout).not.toContain("pull_request_target");
    expect(await readNamespace(client, `${base}-pr-8`)).toBeUndefined();
    expect(gh.commentsOn(8)).toEqual([]);
    expect(gh.deployments.filter((d) => d.environment === "preview/pr-8")).toEqual([]);
    expect(run.summary).toContain("the fork mallory/ml-models");
  });

  it("fork PR with allow-fork-previews: true → previewed like any other", async () => {
    const run = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({
        action: "opened",
        number: 9,
        headSha: sha("9"),
        fork: "trusted/ml-models",
      }),
      inputs: { ...baseInputs(base), "allow-fork-previews": "true" },
      sha: sha("m"),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toContain("No preview for pull request");
    expect((await getApi(client, `${base}-pr-9`, "iris")).metadata.labels).toBeDefined();
    expect(gh.commentsOn(9)).toHaveLength(1);
  });

  it("pull_request_target previews a checkout of the head, and refuses the base branch's", async () => {
    // A real checkout: the base branch's commit, and the pull request's on top of it.
    const dir = await mkdtemp(path.join(tmpdir(), "gh-target-"));
    const git = (...args: string[]) =>
      execFileSync("git", args, { cwd: dir, stdio: "pipe" }).toString().trim();
    git("init", "-q", "-b", "main");
    git("config", "user.name", "Ada");
    git("config", "user.email", "ada@example.com");
    await writeFile(
      path.join(dir, "cortex.yaml"),
      cortexYaml("sandbox.test/iris:1").replace(/ {2}artifacts:\n.*\n/, ""),
    );
    git("add", ".");
    git("commit", "-q", "-m", "base");
    const baseSha = git("rev-parse", "HEAD");
    await writeFile(
      path.join(dir, "cortex.yaml"),
      cortexYaml("sandbox.test/iris:2").replace(/ {2}artifacts:\n.*\n/, ""),
    );
    git("commit", "-q", "-am", "pull request");
    const headSha = git("rev-parse", "HEAD");
    const number = 64;
    // In process: pull_request_target is newer than the bundled dist/index.js.
    const target = () =>
      runActionInProcess({
        workspace: { dir, write: async () => {} },
        apiUrl: gh.url,
        eventName: "pull_request_target",
        payload: pullRequestPayload({
          action: "opened",
          number,
          headSha,
          fork: "trusted/ml-models",
        }),
        inputs: { ...baseInputs(base), "allow-fork-previews": "true" },
        sha: baseSha,
      });

    git("checkout", "-q", baseSha);
    const refused = await target();
    expect(refused.failed, refused.log).toBe(true);
    expect(refused.log).toContain(
      `checked out ${baseSha.slice(0, 7)}, which is neither the pull request's head ${headSha.slice(0, 7)}`,
    );
    expect(await readNamespace(client, `${base}-pr-${number}`)).toBeUndefined();
    expect(gh.commentsOn(number)).toEqual([]);

    git("checkout", "-q", headSha);
    const previewed = await target();
    expect(previewed.failed, previewed.log).toBe(false);
    const live = await getApi(client, `${base}-pr-${number}`, "iris");
    expect(live.spec.pod.containers[0]?.image).toBe("sandbox.test/iris:2");
    expect(live.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(headSha);
  });

  it("PR closed without a checkout tears down a preview whose checkout used `path:`", async () => {
    // The preview job checks out into ./repo, so the config's path in the repository is
    // cortex.yaml while the input says repo/cortex.yaml; the close job has no checkout.
    const checkout = await makeWorkspace();
    await checkout.write("repo/.git/config", "[core]\n");
    await checkout.write("repo/model/weights.bin", "weights\n");
    await checkout.write("repo/cortex.yaml", cortexYaml("sandbox.test/iris:1"));
    const inputs = { ...baseInputs(base), config: "repo/cortex.yaml" };
    const event = (action: "opened" | "closed") => ({
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({ action, number: 11, headSha: sha("b") }),
      inputs,
      sha: sha("n"),
    });
    const opened = await runAction({ workspace: checkout, ...event("opened") });
    expect(opened.code, opened.stdout + opened.stderr).toBe(0);
    expect(gh.deployments.filter((d) => d.environment === "preview/pr-11")).toHaveLength(1);

    gh.setPullRequest(11, "closed");
    const closed = await runAction({
      workspace: await makeWorkspace(),
      ...event("closed"),
      inputs: { ...inputs, wait: "true", timeout: "2m" },
    });
    expect(closed.code, closed.stdout + closed.stderr).toBe(0);
    expect(await readNamespace(client, `${base}-pr-11`)).toBeUndefined();
    expect(gh.commentsOn(11)[0]?.body).toContain("### Preview of #11 was torn down");
    const deployments = gh.deployments.filter((d) => d.environment === "preview/pr-11");
    for (const d of deployments) expect(d.statuses.at(-1)?.state).toBe("inactive");
  });

  it("a preview caps its TrafficSplitters' pods by preview-replicas too", async () => {
    const splitWorkspace = await makeWorkspace();
    await splitWorkspace.write(
      "cortex.yaml",
      `${cortexYaml("sandbox.test/iris:1").replace(/ {2}artifacts:\n {4}- path: model\/\n/, "")}
- name: split
  kind: TrafficSplitter
  apis:
    - name: iris
      weight: 100
`,
    );
    const run = await runAction({
      workspace: splitWorkspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({ action: "opened", number: 61, headSha: sha("6") }),
      inputs: { ...baseInputs(base), "preview-replicas": "1-1" },
      sha: sha("m"),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const splitter = await client.get<{ metadata: { labels?: Record<string, string> } }>(
      `/apis/cortexdeploy.dev/v1alpha1/namespaces/${base}-pr-61/trafficsplitters/split`,
    );
    // The controller runs min(--splitter-replicas, this) pods for it.
    expect(splitter.metadata.labels?.["cortexdeploy.dev/max-replicas"]).toBe("1");
  });

  it("a preview asking more than preview-max-compute fails before anything is created", async () => {
    const bigWorkspace = await makeWorkspace();
    await bigWorkspace.write("model/weights.bin", `weights ${Date.now()}\n`);
    await bigWorkspace.write(
      "cortex.yaml",
      cortexYaml("sandbox.test/iris:1").replace(
        "        image: sandbox.test/iris:1\n",
        "        image: sandbox.test/iris:1\n        compute:\n          cpu: 4\n          gpu: 1\n",
      ),
    );
    const prefix = uniquePrefix("gh-max-compute");
    const number = 62;
    // In process: the check is newer than the bundled dist/index.js.
    const run = await runActionInProcess({
      workspace: bigWorkspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({ action: "opened", number, headSha: sha("7") }),
      inputs: { ...baseInputs(base), prefix, "preview-max-compute": "cpu=2, mem=8Gi, gpu=0" },
      sha: sha("m"),
    });
    expect(run.failed, run.log).toBe(true);
    const gpu =
      "[0].pod.containers[0].compute.gpu: 1 is above preview-max-compute's gpu=0 " +
      "(previews only; push deploys are not limited)";
    // Annotated on its line, as validate's errors are, and listed in the failure.
    expect(run.log).toContain(`::error title=cortex.yaml,file=cortex.yaml,line=9,col=16::${gpu}`);
    expect(run.log).toContain(`cortex.yaml:9:16: error: ${gpu}`);
    expect(run.log).toContain(
      "cortex.yaml:8:16: error: [0].pod.containers[0].compute.cpu: 4 is above preview-max-compute's cpu=2",
    );
    // Nothing was created: no namespace, no artifacts, no GitHub Deployment.
    expect(await readNamespace(client, `${base}-pr-${number}`)).toBeUndefined();
    expect(await listKeys(s3FromEnv(), prefix)).toEqual([]);
    expect(gh.deployments.filter((d) => d.environment === `preview/pr-${number}`)).toEqual([]);
    // The PR comment and the job summary say why.
    const comment = gh.commentsOn(number)[0]?.body ?? "";
    expect(comment).toContain(`### ❌ Preview of #${number} failed`);
    expect(comment).toContain("is above preview-max-compute's gpu=0");
    // Nothing was created: no expiry to promise, no table of APIs.
    expect(comment).not.toContain("expires");
    expect(comment).not.toContain("| API |");
    expect(run.summary).toContain(`## ❌ cortex-deploy: preview of #${number} failed`);
    expect(run.summary).toContain("asks for more than preview-max-compute allows (2 fields)");
  });

  it("a failed update keeps showing the preview that still runs", async () => {
    const number = 63;
    const namespace = `${base}-pr-${number}`;
    const url = `https://api.example.com/${namespace}/iris`;
    const event = (action: "opened" | "synchronize", seed: string) => ({
      workspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({ action, number, headSha: sha(seed) }),
      inputs: { ...baseInputs(base), "preview-max-compute": "cpu=2, gpu=0" },
      sha: sha("m"),
    });
    const first = await runAction(event("opened", "3"));
    expect(first.code, first.stdout + first.stderr).toBe(0);

    await workspace.write(
      "cortex.yaml",
      cortexYaml("sandbox.test/iris:1").replace(
        "        image: sandbox.test/iris:1\n",
        "        image: sandbox.test/iris:1\n        compute:\n          gpu: 1\n",
      ),
    );
    try {
      // In process: showing what still runs is newer than the bundled dist/index.js.
      const update = await runActionInProcess(event("synchronize", "4"));
      expect(update.failed, update.log).toBe(true);
      expect(update.summary).toContain(
        `The preview of ${sha("3").slice(0, 7)} is still running at ${url}.`,
      );
    } finally {
      await workspace.write("cortex.yaml", cortexYaml("sandbox.test/iris:1"));
    }
    const comments = gh.commentsOn(number);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? "";
    expect(body).toContain(`### ❌ Update of the preview of #${number} failed`);
    expect(body).toContain(
      `The update to commit [\`${sha("4").slice(0, 7)}\`](https://github.com/${REPOSITORY}/commit/${sha("4")}) failed; ` +
        `the preview of commit [\`${sha("3").slice(0, 7)}\`](https://github.com/${REPOSITORY}/commit/${sha("3")}) is still running.`,
    );
    expect(body).toContain("is above preview-max-compute's gpu=0");
    expect(body).toContain(`**Preview:** ${url}`);
    expect(body).toContain(`| iris | RealtimeAPI | ⏳ Pending | ${url} | - | 1–2 |`);
    expect(body).toMatch(/expires \d{4}-\d\d-\d\d \d\d:\d\d UTC unless pushed again/);
    const live = await getApi(client, namespace, "iris");
    expect(live.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(sha("3"));
  });

  it("calls no GitHub endpoint the stand-in does not implement", () => {
    expect(gh.unhandled).toEqual([]);
  });
});
