// Image references are checked with Cortex's own pattern (_dockerValidImage in Cortex's
// pkg/lib/regex/regex.go, docker/distribution's reference grammar): what Cortex accepts is
// accepted, what it refuses is refused. The verdicts below are Cortex's regexp run in Go.

import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config/index.ts";

const HEX64 = "0123456789abcdef".repeat(4);

const file = (image: string) => `- name: api
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: ${JSON.stringify(image)}
`;

const ACCEPTED = [
  "quay.io/org/img:1",
  "localhost:5000/img",
  "127.0.0.1:5000/a/b:latest",
  `img:1@sha256:${HEX64}`,
  `img@sha256:${HEX64}`,
  `my.registry/x@sha512:${HEX64}${HEX64}`,
  "img@md5:0123456789abcdef0123456789abcdef",
  // `_` cannot be in a registry name, so this is all repository: my _ registry . com / img.
  "my_registry.com/img",
  "a__b",
  "a--b",
  "img:_tag",
  "a/b/c/d/e:f",
  "ghcr.io/o/n:v1.2.3-rc.1",
  "a-b.example.com:443/team/model-server_v2:2024.01",
];

const REFUSED = [
  // Registry names are lowercase DNS names: no capitals, no empty or dash-led parts.
  "Quay.io/org/img:1",
  "MyOrg/img:1",
  "MyHost:5000/img:1",
  "a.-b.com/img",
  "a..b.com/img",
  "a-.b.com/img",
  "-ab/c",
  "ab-/c",
  "a-b-/c",
  "registry.example.com:/img",
  "[::1]:5000/img",
  // Repositories: lowercase, one separator between parts.
  "UPPER",
  "reg.io/Org/img",
  "my--img___x",
  // Tags and digests.
  "img:",
  "img:.tag",
  "img:-tag",
  `img@sha256:${"a".repeat(31)}`,
];

describe("image references, as Cortex checks them", () => {
  it.each(ACCEPTED)("accepts %s", (image) => {
    const result = parseConfig(file(image), "cortex.yaml");
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
  });

  it.each(REFUSED)("refuses %s", (image) => {
    const result = parseConfig(file(image), "cortex.yaml");
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.line, e.column])).toEqual([
      ["[0].pod.containers[0].image", 6, 16],
    ]);
    expect(result.ok ? "" : result.errors[0]?.message).toMatch(
      /^must be a container image reference such as quay\.io\/org\/image:tag \(registry and repository names are lowercase/,
    );
  });

  it("stays quick on long references that almost match", () => {
    const started = performance.now();
    for (const image of [
      `${"a-".repeat(2000)}a/A`,
      `${"aa-aa.".repeat(680)}a:5000/A`,
      `${"a-----".repeat(600)}a/A`,
      `a@${"a-a".repeat(1300)}!`,
    ]) {
      expect(parseConfig(file(image), "cortex.yaml").ok).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
