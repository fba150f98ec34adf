// The `kubeconfig` input on the sandbox, through the Action in process: messages name the input
// (not the file the Action writes it to), every flow says which cluster it reaches, and an empty
// input (a secret not set, or not given to the event) is a warning, or an error saying so.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
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

/** A home folder for the runner, with the sandbox's kubeconfig as ~/.kube/config or without. */
async function home(withKubeconfig: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "kc-home-"));
  if (withKubeconfig) {
    await mkdir(path.join(dir, ".kube"));
    await writeFile(path.join(dir, ".kube", "config"), kubeconfig);
  }
  return dir;
}

const EMPTY =
  "the kubeconfig input is empty (is the secret set and available to this event? Dependabot " +
  "and fork pull requests get no secrets)";

describe("which cluster a flow reaches", () => {
  it("is said before a deploy and a plan, from the kubeconfig input", async () => {
    const line = `cluster ${client.server} (context ${context}), from the kubeconfig input`;
    const namespace = uniqueNamespace("kc-line");
    const deployed = await action({ command: "deploy", namespace, kubeconfig });
    expect(deployed.failed, deployed.log).toBe(false);
    expect(deployed.log).toContain(`${line}\n`);
    const planned = await action({ command: "plan", namespace, kubeconfig });
    expect(planned.failed, planned.log).toBe(false);
    expect(planned.log).toContain(`${line}\n`);
    expect(deployed.log + planned.log).not.toContain("::warning");
  });

  it("is the runner's KUBECONFIG when the input is empty, with a warning", async () => {
    // The sandbox's KUBECONFIG, as a login step of an earlier step would leave it.
    const r = await action({ command: "deploy", namespace: uniqueNamespace("kc-env") });
    expect(r.failed, r.log).toBe(false);
    expect(r.log).toMatch(
      new RegExp(
        `^::warning title=[^:]+::${regexQuote(
          `${EMPTY}; using KUBECONFIG (${process.env.KUBECONFIG}) of the runner: cluster ` +
            `${client.server} (context ${context})`,
        )}$`,
        "m",
      ),
    );
  });

  it("is the runner's ~/.kube/config when KUBECONFIG is unset too, its secrets masked", async () => {
    const r = await action(
      { command: "deploy", namespace: uniqueNamespace("kc-home") },
      { KUBECONFIG: "", HOME: await home(true) },
    );
    expect(r.failed, r.log).toBe(false);
    expect(r.log).toContain(
      `${EMPTY}; using ~/.kube/config of the runner: cluster ${client.server} (context ${context})`,
    );
    // Its client key is masked as the input's would be, before anything else is printed.
    const key = /client-key-data: (\S+)/.exec(kubeconfig)?.[1] ?? "";
    expect(key.length).toBeGreaterThan(20);
    const lines = r.log.split("\n");
    const mask = lines.indexOf(`::add-mask::${key}`);
    expect(mask).toBeGreaterThanOrEqual(0);
    expect(mask).toBeLessThan(lines.findIndex((l) => l !== "" && !l.startsWith("::add-mask::")));
  });

  it("is none when the input is empty and the runner has no kubeconfig: the error says why", async () => {
    const r = await action(
      { command: "deploy", namespace: uniqueNamespace("kc-none") },
      { KUBECONFIG: "", HOME: await home(false) },
    );
    expect(r.failed).toBe(true);
    expect(r.log).toContain(
      `::error::${EMPTY}, and the runner has no kubeconfig of its own (KUBECONFIG or ` +
        "~/.kube/config) to use instead",
    );
  });
});

function regexQuote(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
