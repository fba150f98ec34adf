// `install --with-controller` over an installed controller: upgrading rolls every API's pods (their
// proxy and downloader come from the controller's image), so install says so before it applies.
// The controller here is a Deployment of 0 replicas in a namespace of its own: only its manifest
// matters, and the suite's own controllers are left alone.
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploy } from "../../../src/commands/deploy.ts";
import { install } from "../../../src/commands/install.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { findDeployDir } from "../../../src/kube/install.ts";
import {
  connect,
  installCrds,
  makeProject,
  realtimeYaml,
  recorder,
  uniqueNamespace,
} from "./helpers.ts";

let client: KubeClient;
let dir: string;
const system = uniqueNamespace("cd-upgrade-system");
const apis = uniqueNamespace("cd-upgrade-apis");

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  dir = await mkdtemp(path.join(tmpdir(), "deploy-dir-"));
  await copyFile(path.join(findDeployDir() ?? "", "crds.yaml"), path.join(dir, "crds.yaml"));
  await writeFile(
    path.join(dir, "controller.yaml"),
    `apiVersion: v1
kind: Namespace
metadata:
  name: ${system}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cortex-deploy-controller
  namespace: ${system}
spec:
  replicas: 0
  selector:
    matchLabels: { app: upgrade-test }
  template:
    metadata:
      labels: { app: upgrade-test }
    spec:
      containers:
        - name: controller
          image: registry.test/controller:published
          env:
            - name: CORTEX_CONTROLLER_IMAGE
              value: registry.test/controller:published
`,
  );
});

afterAll(async () => {
  for (const ns of [system, apis])
    await client.request("DELETE", `/api/v1/namespaces/${ns}`).catch(() => undefined);
  client.close();
});

describe("install over an installed controller", () => {
  it("says, before applying a new image, that the pods of the running APIs will roll", async () => {
    const run = async (image: string) => {
      const log = recorder();
      await install({ dir, withController: true, controllerImage: image, log });
      return log.lines;
    };
    const first = await run("registry.test/controller:1");
    expect(first.join("\n")).not.toContain("image changes");

    const project = await makeProject();
    await deploy({
      client,
      config: await project.write(realtimeYaml("iris")),
      namespace: apis,
      prefix: "cortex-deploy",
      wait: false,
      timeoutSeconds: 30,
      prune: true,
      forceConflicts: false,
      git: {},
      log: recorder(),
    });

    const same = await run("registry.test/controller:1");
    expect(same.join("\n")).not.toContain("image changes");
    const upgrade = await run("registry.test/controller:2");
    const warning = upgrade.find((l) => l.includes("image changes"));
    expect(warning).toMatch(
      /^the controller's image changes \(registry\.test\/controller:1 → registry\.test\/controller:2\); .* the pods of \d+ RealtimeAPIs? in \d+ namespaces? .*will roll/,
    );
    // Said before anything was applied.
    expect(upgrade.indexOf(warning ?? "")).toBe(0);
    const deployment = await client.request<{
      spec: { template: { spec: { containers: { image: string }[] } } };
    }>("GET", `/apis/apps/v1/namespaces/${system}/deployments/cortex-deploy-controller`);
    expect(deployment.spec.template.spec.containers[0]?.image).toBe("registry.test/controller:2");
  });
});
