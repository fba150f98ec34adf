// Several YAML documents in one file: Cortex (go-yaml's Unmarshal) reads the first and ignores the
// rest. Empty later documents (a trailing `---`, comments) pass silently; later documents with
// content are a located warning, since someone probably expects those APIs deployed.

import { describe, expect, it } from "vitest";
import { formatConfigError, parseConfig } from "../../../src/config/index.ts";

const API = `- name: api
  kind: RealtimeAPI
  pod:
    containers: [{name: api, image: "quay.io/org/api:1"}]
`;

const load = (yaml: string) => parseConfig(yaml, "cortex.yaml");

describe("several YAML documents", () => {
  it.each([
    ["a trailing ---", `${API}---\n`],
    ["a document of comments", `${API}---\n# more later\n`],
    ["an end marker and empty documents", `${API}...\n---\n---\n`],
    ["a leading ---", `---\n${API}`],
  ])("accepts %s silently", (_, yaml) => {
    const result = load(yaml);
    expect(result.ok ? [] : result.errors.map(formatConfigError)).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("warns at each later document with content, and loads only the first", () => {
    const result = load(`${API}---\n- name: b\n  kind: RealtimeAPI\n---\n---\nnot: [closed\n`);
    expect(result.ok && result.config.apis.map((a) => a.name)).toEqual(["api"]);
    // The third is empty; the fourth does not even parse, which Cortex never notices.
    expect(result.warnings.map(formatConfigError)).toEqual([
      "cortex.yaml:5:1: warning: YAML document 2 is ignored, as Cortex ignores it: it reads only the first document of the file; to deploy these APIs, add them to the first list",
      "cortex.yaml:9:1: warning: YAML document 4 is ignored, as Cortex ignores it: it reads only the first document of the file; to deploy these APIs, add them to the first list",
    ]);
  });

  it("still checks the first document, and keeps the warnings beside its errors", () => {
    const result = load(`${API.replace("name: api\n", "name: Api\n")}---\n- name: b\n`);
    expect(result.ok ? [] : result.errors.map((e) => [e.line, e.path])).toEqual([[1, "[0].name"]]);
    expect(result.warnings.map((w) => w.line)).toEqual([5]);
  });
});
