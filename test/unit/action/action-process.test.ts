// Runs the bundled Action (dist/index.js) as a process with GitHub's environment contract:
// INPUT_* variables, GITHUB_EVENT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and a workspace folder.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { actionEnv, runNode } from "../../support/run-node.ts";

const valid = `- name: iris
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: ghcr.io/acme/iris:1
`;

const broken = `- name: iris
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: ghcr.io/acme/iris:1
  autoscaling:
    max_replicas: 0
`;

let workspace: string;

async function runAction(
  inputs: Record<string, string>,
  eventName = "push",
  env: Record<string, string> = {},
) {
  const eventPath = path.join(workspace, "event.json");
  await writeFile(
    eventPath,
    JSON.stringify({ ref: "refs/heads/main", repository: { default_branch: "main" } }),
  );
  const outputFile = path.join(workspace, "output.txt");
  const summaryFile = path.join(workspace, "summary.md");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  const result = await runNode("dist/index.js", [], {
    cwd: workspace,
    env: actionEnv(workspace, inputs, {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: "refs/heads/main",
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...env,
    }),
  });
  return {
    ...result,
    outputs: await readFile(outputFile, "utf8"),
    summary: await readFile(summaryFile, "utf8"),
  };
}

beforeEach(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), "cortex-deploy-action-"));
});

describe("the Action as a process", () => {
  it("passes on a valid file, sets the apis output and writes the summary", async () => {
    await writeFile(path.join(workspace, "cortex.yaml"), valid);
    const r = await runAction({ config: "cortex.yaml", command: "validate" });
    expect(r.stdout).not.toContain("::error");
    expect(r.code).toBe(0);
    expect(r.outputs).toMatch(
      /^apis<<.*\n\[\{"name":"iris","kind":"RealtimeAPI","endpoint":"\/iris"\}\]\n/m,
    );
    expect(r.summary).toContain("cortex.yaml is valid");
    expect(r.summary).toContain("iris");
  });

  it("annotates each error at its file, line and column and fails the step", async () => {
    await writeFile(path.join(workspace, "cortex.yaml"), broken);
    const r = await runAction({ config: "cortex.yaml", command: "validate" });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error title=cortex\.yaml,file=cortex\.yaml,line=8,col=\d+::\[0\]\.autoscaling\.max_replicas: /,
    );
    expect(r.stdout).toMatch(/::error::cortex\.yaml has 1 error; nothing was changed\./);
    expect(r.summary).toContain("cortex.yaml is not valid");
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
  });

  it("keeps HTML a cortex.yaml holds out of the job summary (a fork's file is read too)", async () => {
    const field =
      "</code></pre><h2>Approved</h2><a href=https://evil.example>Re-run</a><pre><code>";
    await writeFile(
      path.join(workspace, "cortex.yaml"),
      valid.replace("  kind: RealtimeAPI\n", `  kind: RealtimeAPI\n  "${field}": 1\n`),
    );
    const r = await runAction({ config: "cortex.yaml", command: "validate" });
    expect(r.code).toBe(1);
    expect(r.summary).toContain("cortex.yaml is not valid");
    expect(r.summary).toContain("&lt;/code&gt;&lt;/pre&gt;&lt;h2&gt;Approved");
    expect(r.summary).not.toContain("<h2>Approved");
    expect(r.summary).not.toContain("<a href");
  });

  it("annotates warnings at their line without failing the step", async () => {
    await writeFile(
      path.join(workspace, "cortex.yaml"),
      valid.replace("  kind: RealtimeAPI\n", "  kind: RealtimeAPI\n  kind: RealtimeAPI\n"),
    );
    const r = await runAction({ config: "cortex.yaml", command: "validate" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "::warning title=cortex.yaml,file=cortex.yaml,line=3,col=3::[0].kind: duplicate key `kind`; the last one is used (as Cortex does)",
    );
    expect(r.stdout).not.toContain("::error");
    expect(r.summary).toContain("cortex.yaml is valid");
    expect(r.summary).toContain("1 warning:");
  });

  it("annotates an artifact path that matches nothing, as it does a schema error", async () => {
    await writeFile(
      path.join(workspace, "cortex.yaml"),
      `${valid}  artifacts:\n    - path: model/*.onnx\n`,
    );
    const r = await runAction({ config: "cortex.yaml", command: "validate" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '::error title=cortex.yaml,file=cortex.yaml,line=8,col=13::[0].artifacts[0].path: matches no files (the folder "model" does not exist)',
    );
    expect(r.summary).toContain("cortex.yaml is not valid");
  });

  it("refuses cleanup outside a workflow run, naming what is missing", async () => {
    await writeFile(path.join(workspace, "cortex.yaml"), valid);
    const r = await runAction({ config: "cortex.yaml", command: "cleanup" });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::cleanup needs GITHUB_REPOSITORY/);
  });

  it("fails with the list of understood events for an unknown event", async () => {
    await writeFile(path.join(workspace, "cortex.yaml"), valid);
    const r = await runAction({ config: "cortex.yaml" }, "issues");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::command: auto does not know the event 'issues'/);
    // The job summary says it too: it is where people look first.
    expect(r.summary).toContain("## cortex-deploy failed");
    expect(r.summary).toContain("command: auto does not know the event 'issues'");
  });

  it("names a missing config file instead of crashing", async () => {
    const r = await runAction({ config: "nope.yaml", command: "validate" });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error title=cortex\.yaml,file=nope\.yaml,line=1,col=1::cannot read the file: no such file/,
    );
    expect(r.stdout).not.toContain("failed unexpectedly");
  });

  it("names a workspace that is not there instead of crashing", async () => {
    await writeFile(path.join(workspace, "cortex.yaml"), valid);
    const missing = path.join(workspace, "not-checked-out");
    const r = await runAction({ config: "cortex.yaml", command: "validate" }, "push", {
      GITHUB_WORKSPACE: missing,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error::cannot enter the workspace ${missing} (GITHUB_WORKSPACE)`);
    expect(r.stdout).not.toContain("failed unexpectedly");
  });

  it("masks a kubeconfig left in KUBECONFIG by an earlier step, and never prints its lines", async () => {
    await writeFile(path.join(workspace, "cortex.yaml"), valid);
    const token = "eyJhbGciOi-left-by-a-login-step";
    const kubeconfig = path.join(workspace, "login-kubeconfig");
    // Broken YAML: the parser's message would quote the line with the token.
    await writeFile(
      kubeconfig,
      `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${token}\n bad: [\n`,
    );
    const r = await runAction({ config: "cortex.yaml", command: "plan" }, "push", {
      KUBECONFIG: kubeconfig,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::add-mask::${token}`);
    expect(r.stdout).toMatch(
      /::error::cannot load KUBECONFIG \(.*login-kubeconfig\): .*\(\d+:\d+\)/,
    );
    expect(r.stdout.replace(`::add-mask::${token}`, "")).not.toContain(token);
    expect(r.summary).not.toContain(token);
  });

  it("refuses a namespace Kubernetes cannot have before touching anything", async () => {
    await writeFile(path.join(workspace, "cortex.yaml"), valid);
    const r = await runAction({ config: "cortex.yaml", command: "deploy", namespace: "ML_Prod" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error::input namespace: 'ML_Prod' is not a valid namespace name");
  });

  it("rejects a bad input with its name", async () => {
    await writeFile(path.join(workspace, "cortex.yaml"), valid);
    const r = await runAction({ config: "cortex.yaml", command: "validate", wait: "sometimes" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error::input wait: expected true or false, got 'sometimes'");
    expect(r.summary).toContain("input wait: expected true or false, got 'sometimes'");
    expect(r.summary).toContain("Nothing was changed.");
  });
});
