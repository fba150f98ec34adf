// `install --controller-image`: the image replaced everywhere controller.yaml names it.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readDeployManifests, withControllerImage } from "../../../src/kube/install.ts";

const deployDir = path.resolve(import.meta.dirname, "../../../controller/deploy");

describe("withControllerImage", () => {
  it("sets the controller's container and the image it gives API pods' sidecars", async () => {
    const manifests = await readDeployManifests(deployDir, true);
    const image = "registry.example.com/ml/cortex-deploy-controller:0.1.0";
    const text = JSON.stringify(withControllerImage(manifests, image));
    // Every mention of the published image is gone; the new one is in both places.
    expect(JSON.stringify(manifests)).toContain("ghcr.io/cortex-deploy/controller:");
    expect(text).not.toContain("ghcr.io/cortex-deploy/controller:");
    expect(text).toContain(`"image":"${image}"`);
    expect(text).toContain(`{"name":"CORTEX_CONTROLLER_IMAGE","value":"${image}"}`);
  });

  it("leaves the manifests it was given unchanged", async () => {
    const manifests = await readDeployManifests(deployDir, true);
    const before = JSON.stringify(manifests);
    withControllerImage(manifests, "x/y:1");
    expect(JSON.stringify(manifests)).toBe(before);
  });
});

describe("readDeployManifests", () => {
  it("orders namespaces, CRDs, then the controller's identity and rights, then the controller", async () => {
    const kinds = (await readDeployManifests(deployDir, true)).map((m) => m.kind);
    const first = (kind: string) => kinds.indexOf(kind);
    const last = (kind: string) => kinds.lastIndexOf(kind);
    expect(last("Namespace")).toBeLessThan(first("CustomResourceDefinition"));
    // Started before its RBAC, the controller loops on 403s and backs off for about a minute.
    for (const rbac of ["ServiceAccount", "ClusterRole", "ClusterRoleBinding"]) {
      expect(first(rbac), rbac).toBeGreaterThan(last("CustomResourceDefinition"));
      expect(last(rbac), rbac).toBeLessThan(first("Deployment"));
    }
  });
});
