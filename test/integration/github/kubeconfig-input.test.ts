// The `kubeconfig` input on the sandbox, through the Action in process: messages name the input
// (not the file the Action writes it to), and every flow says which cluster it reaches.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  connect,
  installCrds,
  makeProject,
  type Project,
  realtimeYaml,
  uniqueNamespace,
} from "../deploy/helpers.ts";
import { runAction } from "../deploy/run-action.ts";

let client: KubeClient;
let project: Project;
let kubeconfig = "";
let context = "";

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  project = await makeProject();
  await project.write(realtimeYaml("iris", "x/iris:1"));
  kubeconfig = await readFile(process.env.KUBECONFIG ?? "", "utf8");
  context = (parse(kubeconfig) as { "current-context": string })["current-context"];
});

afterAll(() => client.close());

function action(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runAction(project.dir, { config: "cortex.yaml", wait: "false", ...inputs }, env);
}

describe("messages about the kubeconfig input name the input", () => {
  // The Action writes the input to a temporary file for exec plugins; its path means nothing to
  // the person who set the secret.
  it("in a deploy", async () => {
    const r = await action({
      command: "deploy",
      namespace: uniqueNamespace("kc-input"),
      kubeconfig,
      "kube-context": "nope",
    });
    expect(r.failed).toBe(true);
    expect(r.log).toContain(
      `::error::the kubeconfig input has no context nope (its contexts: ${context})`,
    );
    expect(r.log).not.toContain("KUBECONFIG (");
  });

  it("in gc", async () => {
    const r = await action({
      command: "gc",
      bucket: process.env.CORTEX_DEPLOY_BUCKET ?? "",
      "s3-endpoint": process.env.AWS_ENDPOINT_URL ?? "",
      "dry-run": "true",
      kubeconfig,
      "kube-context": "nope",
    });
    expect(r.failed).toBe(true);
    expect(r.log).toContain(`the kubeconfig input has no context nope (its contexts: ${context})`);
    expect(r.log).not.toContain("KUBECONFIG (");
  });
});
