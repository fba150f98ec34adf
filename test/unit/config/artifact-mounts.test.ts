// Artifact mounts (our extension): one spelling per folder, so `/m` and `/m/` are one volume, and
// no volume over what the container needs from its image, its runtime or Kubernetes.

import { describe, expect, it } from "vitest";
import { readApiSpec } from "../../../controller/src/controller/spec.ts";
import { canonicalMount, parseConfig, type RealtimeApiConfig } from "../../../src/config/index.ts";
import { artifactsRef } from "../../../src/kube/render.ts";
import { rawSpec } from "../controller/fixtures.ts";

const withMounts = (...mounts: string[]) => `- name: api
  kind: RealtimeAPI
  pod:
    containers: [{name: api, image: "quay.io/org/api:1"}]
  artifacts:
${mounts.map((m, i) => `    - {path: model${i}, mount: "${m}"}\n`).join("")}`;

function load(yaml: string): RealtimeApiConfig {
  const result = parseConfig(yaml, "cortex.yaml");
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  const [api] = result.config.apis;
  if (api?.kind !== "RealtimeAPI") throw new Error("expected a RealtimeAPI");
  return api;
}

function mountErrors(...mounts: string[]): string[] {
  const result = parseConfig(withMounts(...mounts), "cortex.yaml");
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe("artifact mounts are spelt one way", () => {
  it.each([
    ["/m", "/m"],
    ["/m/", "/m"],
    ["//m//", "/m"],
    ["/a/./b//", "/a/b"],
    ["/a/b/.", "/a/b"],
    ["/", "/"],
  ])("%s is %s", (written, canonical) => {
    expect(canonicalMount(written)).toBe(canonical);
  });

  it("loads the canonical form, so equal folders are one volume of the custom resource", () => {
    const api = load(withMounts("/m", "/m/", "/a/./b//", "/a/b"));
    expect(api.artifacts.map((a) => a.mount)).toEqual(["/m", "/m", "/a/b", "/a/b"]);
    expect(artifactsRef(api, "f".repeat(64), { bucket: "b", prefix: "p" }).mounts).toEqual([
      "/a/b",
      "/m",
    ]);
  });

  it("gives one volume for a config built without the loader too", () => {
    const api = load(withMounts("/m"));
    api.artifacts = [
      { path: "a", mount: "/m" },
      { path: "b", mount: "/m/" },
    ];
    expect(artifactsRef(api, "f".repeat(64), { bucket: "b", prefix: "p" }).mounts).toEqual(["/m"]);
  });

  it("gives one volume in the controller for a custom resource written by hand", () => {
    const artifacts = { bucket: "b", prefix: "p", manifest: "f".repeat(64), mounts: ["/m", "/m/"] };
    expect(readApiSpec("iris", rawSpec({ artifacts })).artifacts?.mounts).toEqual(["/m"]);
  });
});

describe("artifact mounts that would hide what the container needs", () => {
  it.each([
    "/bin",
    "/boot",
    "/etc",
    "/etc/",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/run",
    "/sbin",
    "/usr",
    "/usr/bin",
    "/usr/lib",
    "/usr/lib64",
    "/usr/local",
    "/usr/sbin",
    "/usr/share",
    "/var",
    "/var/lib",
    "/var/run",
  ])("refuses the system folder %s", (mount) => {
    expect(mountErrors(mount)).toEqual([
      `[0].artifacts[0].mount: cannot be "${mount}": a volume there would hide the image's own ${canonicalMount(mount)}; mount the artifacts elsewhere, such as /mnt/artifacts`,
    ]);
  });

  it.each([
    "/var/run/secrets",
    "/var/run/secrets/kubernetes.io/serviceaccount",
    "/run/secrets",
    "/run/secrets/app",
    "//var/run/secrets/",
  ])("refuses %s, where the ServiceAccount token lives", (mount) => {
    expect(mountErrors(mount)).toEqual([
      `[0].artifacts[0].mount: cannot be "${mount}": a volume there would hide the pod's ServiceAccount token and secrets; mount the artifacts elsewhere, such as /mnt/artifacts`,
    ]);
  });

  it.each(["/dev", "/dev/x", "/proc", "/sys/fs", "/", "/."])("refuses %s", (mount) => {
    expect(mountErrors(mount)).toHaveLength(1);
  });

  it("accepts folders inside system folders, and the usual places", () => {
    const fine = [
      "/root",
      "/root/models",
      "/home/app/models",
      "/etc/model",
      "/usr/local/model",
      "/usr/share/model",
      "/var/lib/model",
      "/var/model",
      "/run/model",
      "/opt/model",
      "/srv",
      "/mnt/artifacts",
      "/tmp",
      "/models",
      "/dev/shm",
    ];
    expect(mountErrors(...fine)).toEqual([]);
  });
});
