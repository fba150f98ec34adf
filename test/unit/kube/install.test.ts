// `install --controller-image`: the image replaced everywhere controller.yaml names it; without it,
// the installed controller's images kept in the same places.
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  controllerImageOf,
  keptImageNote,
  readDeployManifests,
  sidecarImageOf,
  upgradeWarning,
  withControllerImage,
  withInstalledImages,
} from "../../../src/kube/install.ts";

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

describe("withInstalledImages", () => {
  /** A controller Deployment whose container runs `own` and gives API pods `sidecar`. */
  const deployment = (own: string, sidecar?: string) => ({
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: "controller",
              image: own,
              env:
                sidecar === undefined ? [] : [{ name: "CORTEX_CONTROLLER_IMAGE", value: sidecar }],
            },
          ],
        },
      },
    },
  });

  it("keeps both images of the installed controller, each in its place", async () => {
    const manifests = await readDeployManifests(deployDir, true);
    const kept = withInstalledImages(manifests, deployment("r/own:3", "r/sidecar:3"));
    const next = kept.find((m) => m.kind === "Deployment");
    expect(sidecarImageOf(next)).toBe("r/sidecar:3");
    expect(JSON.stringify(next)).toContain('"image":"r/own:3"');
    expect(JSON.stringify(kept)).not.toContain("ghcr.io/cortex-deploy/controller:");
    // Only the Deployment changes.
    expect(kept.filter((m) => m.kind !== "Deployment")).toEqual(
      manifests.filter((m) => m.kind !== "Deployment"),
    );
  });

  it("leaves the manifest's value where the installed controller names none", async () => {
    const manifests = await readDeployManifests(deployDir, true);
    const published = sidecarImageOf(manifests.find((m) => m.kind === "Deployment"));
    const kept = withInstalledImages(manifests, deployment("r/own:3"));
    expect(sidecarImageOf(kept.find((m) => m.kind === "Deployment"))).toBe(published);
    expect(controllerImageOf(deployment("r/own:3"))).toBe("r/own:3");
    expect(controllerImageOf(deployment("r/own:3", "r/sidecar:3"))).toBe("r/sidecar:3");
    expect(controllerImageOf(undefined)).toBeUndefined();
  });

  it("says which image it keeps, and how to change it", () => {
    expect(keptImageNote("r/c:3", "ghcr.io/c:0.1.0")).toBe(
      "keeping the controller's installed image r/c:3 rather than controller.yaml's " +
        "ghcr.io/c:0.1.0; give --controller-image IMAGE to change it",
    );
    expect(keptImageNote("r/c:3", "r/c:3")).toBe(
      "keeping the controller's installed image r/c:3; give --controller-image IMAGE to change it",
    );
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

describe("an upgrade's effect on running APIs", () => {
  it("reads the image the controller gives its pods' sidecars", async () => {
    const manifests = await readDeployManifests(deployDir, true);
    const deployment = withControllerImage(manifests, "r/c:2").find((m) => m.kind === "Deployment");
    expect(sidecarImageOf(deployment)).toBe("r/c:2");
    expect(sidecarImageOf(undefined)).toBeUndefined();
  });

  it("warns that every API's pods roll when that image changes, and only then", () => {
    const running = { apis: 3, namespaces: 2, splitters: 1 };
    expect(upgradeWarning("r/c:1", "r/c:2", running)).toBe(
      "the controller's image changes (r/c:1 → r/c:2); the pods' proxy and downloader come from " +
        "it, so the pods of 3 RealtimeAPIs in 2 namespaces and 1 TrafficSplitter will roll, each " +
        "within its own max_surge and max_unavailable, at about the same time",
    );
    expect(upgradeWarning("r/c:1", "r/c:1", running)).toBeUndefined();
    expect(upgradeWarning(undefined, "r/c:2", running)).toBeUndefined();
    expect(upgradeWarning("r/c:1", "r/c:2", { apis: 0, namespaces: 0, splitters: 0 })).toBe(
      undefined,
    );
  });
});
