// `install --with-controller` over an installed controller: upgrading rolls every API's pods (their
// proxy and downloader come from the controller's image), so install says so before it applies,
// and without --controller-image it keeps the installed image rather than controller.yaml's.
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
import { serviceAccountClient } from "../../support/service-account.ts";
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
const kept = uniqueNamespace("cd-keep-system");
const refused = uniqueNamespace("cd-refused-system");
const apis = uniqueNamespace("cd-upgrade-apis");

/** A controller/deploy folder whose controller lives in `namespace`. */
async function deployDir(namespace: string): Promise<string> {
  const out = await mkdtemp(path.join(tmpdir(), "deploy-dir-"));
  await copyFile(path.join(findDeployDir() ?? "", "crds.yaml"), path.join(out, "crds.yaml"));
  await writeFile(
    path.join(out, "controller.yaml"),
    `apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cortex-deploy-controller
  namespace: ${namespace}
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
  return out;
}

/** The installed controller's image and the one it gives API pods. */
async function imagesIn(namespace: string): Promise<string[]> {
  const deployment = await client.request<{
    spec: {
      template: { spec: { containers: { image: string; env: { value: string }[] }[] } };
    };
  }>("GET", `/apis/apps/v1/namespaces/${namespace}/deployments/cortex-deploy-controller`);
  const container = deployment.spec.template.spec.containers[0];
  return [container?.image ?? "", container?.env[0]?.value ?? ""];
}

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  dir = await deployDir(system);
});

afterAll(async () => {
  for (const ns of [system, kept, refused, apis])
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
    expect(await imagesIn(system)).toEqual([
      "registry.test/controller:2",
      "registry.test/controller:2",
    ]);
  });

  it("keeps the installed image without --controller-image, and says which", async () => {
    const keptDir = await deployDir(kept);
    const fresh = recorder();
    await install({ dir: keptDir, withController: true, log: fresh });
    // Nothing installed yet: controller.yaml's image.
    const published = "registry.test/controller:published";
    expect(await imagesIn(kept)).toEqual([published, published]);
    expect(fresh.text()).not.toContain("keeping");

    const built = "registry.test/controller:built";
    await install({ dir: keptDir, withController: true, controllerImage: built, log: recorder() });
    // What the hints say to run when the controller is missing or down.
    const again = recorder();
    await install({ dir: keptDir, withController: true, log: again });
    expect(await imagesIn(kept)).toEqual([built, built]);
    expect(again.lines[0]).toBe(
      `keeping the controller's installed image ${built} rather than controller.yaml's ` +
        `${published}; give --controller-image IMAGE to change it`,
    );
    expect(again.text()).not.toContain("image changes");
  });

  it("changes nothing when it cannot read the installed image it would keep", async () => {
    const refusedDir = await deployDir(refused);
    const built = "registry.test/controller:built";
    await install({
      dir: refusedDir,
      withController: true,
      controllerImage: built,
      log: recorder(),
    });
    // May apply the Deployment but not read it: the image it would keep is unknown.
    const user = await serviceAccountClient(client, {
      namespace: refused,
      name: "installer",
      rules: { [refused]: [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["patch"] }] },
    });
    try {
      const log = recorder();
      await expect(
        install({ client: user, dir: refusedDir, withController: true, log }),
      ).rejects.toThrow(
        /may not get deployments\.apps in namespace .* Nothing was changed: without --controller-image, install reads the installed controller to keep its image\.$/,
      );
      expect(log.lines).toEqual([]);
    } finally {
      user.close();
    }
    expect(await imagesIn(refused)).toEqual([built, built]);
  });
});
