import { describe, expect, it } from "vitest";
import { checkConfigId, configIdForPath } from "../../../src/kube/config-id.ts";
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
  it("is a 16-hex-digit hash of the repository-relative path, the same for ./ and \\ forms", () => {
    const id = configIdForPath("services/iris/cortex.yaml");
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(configIdForPath("./services/iris/cortex.yaml")).toBe(id);
    expect(configIdForPath("services/other/cortex.yaml")).not.toBe(id);
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
