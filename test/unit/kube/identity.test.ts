import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkConfigId,
  configIdForPath,
  normalizeRemote,
  repositoryName,
} from "../../../src/kube/config-id.ts";
import { gitMetadataFromEnv } from "../../../src/kube/git-meta.ts";
import { canonicalJson, specHash } from "../../../src/kube/hash.ts";

describe("canonicalJson and specHash", () => {
  it("sorts keys at every level and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it("hashes the spec and the labels, whatever the key order", () => {
    const labels = { a: "1" };
    expect(specHash({ x: 1, y: 2 }, labels)).toBe(specHash({ y: 2, x: 1 }, labels));
    expect(specHash({ x: 1 }, labels)).not.toBe(specHash({ x: 2 }, labels));
    expect(specHash({ x: 1 }, labels)).not.toBe(specHash({ x: 1 }, { a: "2" }));
  });

  it("leaves out spec.retry, so a retried spec is the same spec", () => {
    const labels = { a: "1" };
    expect(specHash({ x: 1, retry: 3 }, labels)).toBe(specHash({ x: 1 }, labels));
    expect(specHash({ x: { retry: 3 } }, labels)).not.toBe(specHash({ x: {} }, labels));
  });
});

describe("the config identity", () => {
  const repo = "github.com/acme/ml";

  it("is a 16-hex-digit hash of the repository and the path in it, the same for ./ forms", () => {
    const id = configIdForPath("services/iris/cortex.yaml", repo);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(configIdForPath("./services/iris/cortex.yaml", repo)).toBe(id);
    expect(configIdForPath("services/other/cortex.yaml", repo)).not.toBe(id);
    // Two repositories with a root cortex.yaml, deploying into one namespace: never one config.
    expect(configIdForPath("cortex.yaml", repo)).not.toBe(
      configIdForPath("cortex.yaml", "github.com/acme/other"),
    );
  });

  it("names a repository the same whichever way its remote is written", () => {
    for (const url of [
      "https://github.com/acme/ml.git",
      "https://x-access-token:ghs_123@github.com/Acme/ml",
      "git@github.com:acme/ml.git",
      "ssh://git@github.com:22/acme/ml/",
    ])
      expect(normalizeRemote(url)).toBe(repo);
    expect(normalizeRemote("/srv/git/ml.git")).toBe("/srv/git/ml");
  });

  it("takes the repository from origin, else from GitHub's environment, else the folder", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "identity-"));
    await mkdir(path.join(root, ".git"));
    const env = { GITHUB_REPOSITORY: "acme/ml", GITHUB_SERVER_URL: "https://github.com" };
    expect(repositoryName(root, env)).toBe(repo);
    expect(repositoryName(root, {})).toBe(root);
    await writeFile(
      path.join(root, ".git", "config"),
      '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/x/y\n' +
        '[remote "origin"]\n\turl = git@github.com:acme/fork.git\n\tfetch = +refs/heads/*\n',
    );
    expect(repositoryName(root, env)).toBe("github.com/acme/fork");
  });

  it("accepts explicit ids only when they are valid label values", () => {
    expect(checkConfigId("team-a.prod_1")).toBeUndefined();
    expect(checkConfigId("")).toMatch(/empty/);
    expect(checkConfigId("-bad")).toMatch(/not a valid label value/);
    expect(checkConfigId("x".repeat(64))).toMatch(/not a valid label value/);
  });
});

describe("git metadata from GitHub's environment", () => {
  it("builds the run URL and takes commit, ref and actor", () => {
    expect(
      gitMetadataFromEnv({
        GITHUB_SHA: "deadbeef",
        GITHUB_REF: "refs/heads/main",
        GITHUB_ACTOR: "ada",
        GITHUB_SERVER_URL: "https://github.example",
        GITHUB_REPOSITORY: "acme/ml",
        GITHUB_RUN_ID: "42",
      }),
    ).toEqual({
      commit: "deadbeef",
      ref: "refs/heads/main",
      actor: "ada",
      runUrl: "https://github.example/acme/ml/actions/runs/42",
    });
    expect(gitMetadataFromEnv({})).toEqual({});
  });
});
