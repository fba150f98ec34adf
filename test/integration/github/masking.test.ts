// Secret masking, end to end: the bundled Action runs with a kubeconfig whose user is a real
// ServiceAccount token of the sandbox's API server, a GitHub token (for the local stand-in for
// the GitHub REST API: github.com cannot be reached from here) and AWS keys. None of them may
// appear in what a person can see: the log (stdout without the ::add-mask:: commands the runner
// consumes), stderr, the job summary, the outputs or the PR comment. The runner masks the log
// only: what the Action sends to GitHub and writes in the summary is redacted by the Action.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../../src/kube/client.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../../support/github-standin.ts";
import { serviceAccountToken, tokenKubeconfig } from "../../support/service-account.ts";
import { connect, getApi, installCrds, uniqueNamespace } from "../deploy/helpers.ts";
import {
  type ActionRun,
  IRIS_CONFIG,
  makeWorkspace,
  pullRequestPayload,
  pushPayload,
  REPOSITORY,
  runAction,
  runActionInProcess,
  sha,
  TOKEN,
  visibleLog,
  type Workspace,
} from "./support.ts";

let client: KubeClient;
let gh: GitHubStandIn;
let workspace: Workspace;
let saToken = "";
let ciKubeconfig = "";
const home = uniqueNamespace("gh-mask");

/** A ServiceAccount bound to cluster-admin, and a token for it from the TokenRequest API. */
async function clusterAdminToken(): Promise<string> {
  await client.request("POST", "/api/v1/namespaces", {
    body: { apiVersion: "v1", kind: "Namespace", metadata: { name: home } },
  });
  await client.request("POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
    body: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: `${home}-ci` },
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: "cluster-admin",
      },
      subjects: [{ kind: "ServiceAccount", name: "ci", namespace: home }],
    },
  });
  return serviceAccountToken(client, home, "ci");
}

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  gh = await startGitHubStandIn({ repository: REPOSITORY, token: TOKEN });
  workspace = await makeWorkspace();
  await workspace.write("model/w.bin", "weights\n");
  await workspace.write("cortex.yaml", `${IRIS_CONFIG}  artifacts:\n    - path: model/\n`);
  saToken = await clusterAdminToken();
  ciKubeconfig = await tokenKubeconfig("ci", saToken);
});

afterAll(async () => {
  await gh?.close();
  client?.close();
});

function expectNowhere(run: ActionRun, secret: string, extra: string[] = []) {
  expect(secret.length).toBeGreaterThan(10);
  expect(visibleLog(run.stdout)).not.toContain(secret);
  expect(run.stderr).not.toContain(secret);
  expect(run.summary).not.toContain(secret);
  expect(run.outputsText).not.toContain(secret);
  for (const text of extra) expect(text).not.toContain(secret);
  // Masked before anything else was printed.
  const lines = run.stdout.split("\n");
  const firstOther = lines.findIndex((l) => l !== "" && !l.startsWith("::add-mask::"));
  const mask = lines.indexOf(`::add-mask::${secret}`);
  expect(mask).toBeGreaterThanOrEqual(0);
  expect(mask).toBeLessThan(firstOther);
}

function inputs(namespace: string): Record<string, string> {
  return {
    namespace,
    kubeconfig: ciKubeconfig,
    bucket: process.env.CORTEX_DEPLOY_BUCKET ?? "",
    "s3-endpoint": process.env.AWS_ENDPOINT_URL ?? "",
    "s3-force-path-style": "true",
    wait: "false",
    "github-token": TOKEN,
  };
}

describe("secret masking (local stand-in for the GitHub API)", () => {
  it("a deploy with a token kubeconfig: the token works and is never shown", async () => {
    const namespace = uniqueNamespace("gh-mask-push");
    const run = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "push",
      payload: pushPayload(sha("5")),
      inputs: inputs(namespace),
      sha: sha("5"),
    });
    expect(run.code, visibleLog(run.stdout) + run.stderr).toBe(0);
    // The deploy went through with the ServiceAccount's token.
    const live = await getApi(client, namespace, "iris");
    expect(live.metadata.managedFields?.some((f) => f.manager === "cortex-deploy")).toBe(true);
    expectNowhere(run, saToken);
    expectNowhere(run, TOKEN);
    expectNowhere(run, process.env.AWS_SECRET_ACCESS_KEY ?? "");
  });

  it("a preview (GitHub calls) and a failing run: still nothing shown", async () => {
    const base = uniqueNamespace("gh-mask-pr");
    const ok = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({ action: "opened", number: 31, headSha: sha("6") }),
      inputs: inputs(base),
      sha: sha("m"),
    });
    expect(ok.code, visibleLog(ok.stdout) + ok.stderr).toBe(0);
    const comments = gh.commentsOn(31).map((c) => c.body);
    expect(comments).toHaveLength(1);
    for (const secret of [saToken, TOKEN]) expectNowhere(ok, secret, comments);

    // The API server refuses this token's user nothing, so break the kubeconfig's server instead:
    // the error message names the server, never the credentials.
    const broken = ciKubeconfig.replace(/server: .*/, "server: https://127.0.0.1:9");
    const failed = await runAction({
      workspace,
      apiUrl: gh.url,
      eventName: "push",
      payload: pushPayload(sha("7")),
      inputs: { ...inputs(uniqueNamespace("gh-mask-fail")), kubeconfig: broken },
      sha: sha("7"),
    });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      "cannot reach the Kubernetes API server at https://127.0.0.1:9",
    );
    expectNowhere(failed, saToken);
  });

  it("a masked value in a failure reaches the PR comment, the Deployment and the summary as ***", async () => {
    // An exec plugin that gets its key from the kubeconfig's env and echoes it when it fails:
    // the key is masked in the log, and the failure sentence that quotes it goes to GitHub.
    const key = "tok-GGG-secret-7777";
    const kubeconfig = JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "c", cluster: { server: "https://127.0.0.1:9" } }],
      users: [
        {
          name: "u",
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1",
              command: "sh",
              args: ["-c", 'echo "vendor-login: key $VENDOR_API_KEY rejected" >&2; exit 1'],
              env: [{ name: "VENDOR_API_KEY", value: key }],
              interactiveMode: "Never",
            },
          },
        },
      ],
      contexts: [{ name: "x", context: { cluster: "c", user: "u" } }],
      "current-context": "x",
    });
    const run = await runActionInProcess({
      workspace,
      apiUrl: gh.url,
      eventName: "pull_request",
      payload: pullRequestPayload({ action: "opened", number: 32, headSha: sha("8") }),
      inputs: { ...inputs(uniqueNamespace("gh-mask-exec")), kubeconfig },
      sha: sha("m"),
    });
    expect(run.failed, run.log).toBe(true);
    expect(run.log).toContain(`::add-mask::${key}`);
    // The plugin ran and its message is the failure: only the key is gone.
    const comments = gh.commentsOn(32).map((c) => c.body);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("vendor-login: key *** rejected");
    const statuses = gh.deployments
      .filter((d) => d.environment.includes("32"))
      .flatMap((d) => d.statuses.map((st) => st.description));
    expect(statuses.some((d) => d.includes("vendor-login: key *** rejected"))).toBe(true);
    expect(run.summary).toContain("vendor-login: key *** rejected");
    for (const text of [...comments, ...statuses, run.summary]) expect(text).not.toContain(key);
  });
});
