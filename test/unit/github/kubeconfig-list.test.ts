// gc-kubeconfigs: several kubeconfigs in one input, separated by lines `---`; each is checked and
// masked on its own, and every mistake is located without quoting the secret.
import { describe, expect, it } from "vitest";
import { InputError, readInputs } from "../../../src/github/inputs.ts";
import {
  maskKubeconfigList,
  readKubeconfigList,
  splitKubeconfigs,
} from "../../../src/github/kubeconfig-list.ts";

const TOKEN_A = "eyJhbGciOiJSUzI1NiJ9.staging-token.signature";
const TOKEN_B = "prod-token-only-found-structurally";

const staging = `apiVersion: v1
clusters:
- cluster:
    server: https://staging.example.com
  name: staging
contexts:
- context: {cluster: staging, user: ci}
  name: staging
current-context: staging
users:
- name: ci
  user:
    token: ${TOKEN_A}`;

// One line of JSON: the line scan finds nothing in it, only the structured read does.
const prod = JSON.stringify({
  apiVersion: "v1",
  clusters: [{ name: "prod", cluster: { server: "https://prod.example.com" } }],
  contexts: [{ name: "prod", context: { cluster: "prod", user: "ci" } }],
  "current-context": "prod",
  users: [{ name: "ci", user: { token: TOKEN_B } }],
});

const get = (values: Record<string, string>) => (name: string) => values[name] ?? "";

function problem(raw: string): string {
  const read = readKubeconfigList(raw, "gc-kubeconfigs");
  if (read.ok) throw new Error("accepted");
  return read.message;
}

describe("gc-kubeconfigs", () => {
  it("is no other cluster when empty", () => {
    expect(readKubeconfigList("", "gc-kubeconfigs")).toEqual({ ok: true, clusters: [] });
    expect(readKubeconfigList(" \n", "gc-kubeconfigs")).toEqual({ ok: true, clusters: [] });
  });

  it("splits on lines `---`, keeping each kubeconfig's text and where it starts", () => {
    const raw = `${staging}\n---\n${prod}\n`;
    const read = readKubeconfigList(raw, "gc-kubeconfigs");
    expect(read).toEqual({
      ok: true,
      clusters: [
        { kubeconfig: staging, kubeconfigSource: "kubeconfig 1 of gc-kubeconfigs, from line 1" },
        {
          kubeconfig: `${prod}\n`,
          kubeconfigSource: "kubeconfig 2 of gc-kubeconfigs, from line 15",
        },
      ],
    });
    // A marker with a comment is a separator too; `-----BEGIN` or an indented `---` is not.
    expect(splitKubeconfigs("a: 1\n--- # prod\nb: |\n  ---\n  -----BEGIN\n")).toEqual([
      { text: "a: 1", line: 1 },
      { text: "b: |\n  ---\n  -----BEGIN\n", line: 3 },
    ]);
  });

  it("refuses an empty kubeconfig between separators: most likely a secret that is not set", () => {
    expect(problem(`${staging}\n---\n\n`)).toBe(
      "input gc-kubeconfigs: kubeconfig 2 of 2 (from line 15) is empty: is a secret not set? " +
        "Give each cluster's kubeconfig contents, separated by lines `---`, with no `---` before " +
        "the first or after the last",
    );
    expect(problem(`---\n${staging}`)).toMatch(/kubeconfig 1 of 2 \(from line 1\) is empty/);
    expect(problem(`${staging}\n---\n# prod: none yet\n---\n${prod}`)).toMatch(
      /kubeconfig 2 of 3 \(from line 15\) is empty/,
    );
  });

  it("says where YAML breaks, without the lines around it", () => {
    const broken = `apiVersion: v1\nusers:\n- name: ci\n  user:\n    token: "${TOKEN_A}\n`;
    const message = problem(`${staging}\n---\n${broken}`);
    // The quote opens on the input's line 19 and is still open where the kubeconfig ends.
    expect(message).toBe(
      'input gc-kubeconfigs: kubeconfig 2 of 2 (from line 15) is not valid YAML at line 20, column 1: Missing closing "quote',
    );
    expect(message).not.toContain(TOKEN_A);
    expect(message).not.toContain("\n");
  });

  it("refuses what is not a kubeconfig's contents, such as a path", () => {
    expect(problem("/home/runner/.kube/prod")).toBe(
      "input gc-kubeconfigs: kubeconfig 1 of 1 (from line 1) is not a kubeconfig: expected its " +
        "contents (a mapping with clusters, contexts and users), not a file path",
    );
    expect(problem(`${staging}\n---\napiVersion: v1\nclusters: []\n`)).toMatch(
      /kubeconfig 2 of 2 \(from line 15\) is not a kubeconfig/,
    );
  });

  it("says so when a kubeconfig is base64-encoded, as some guides store it", () => {
    expect(problem(`${staging}\n---\n${Buffer.from(prod).toString("base64")}`)).toBe(
      "input gc-kubeconfigs: kubeconfig 2 of 2 (from line 15) is a kubeconfig encoded in " +
        "base64: give its contents as they are (what `base64 -d` prints), not encoded",
    );
    // Base64 of something else is just not a kubeconfig.
    expect(problem(Buffer.from("hello, this is not one").toString("base64"))).toMatch(
      /is not a kubeconfig: expected its contents/,
    );
  });

  it("fails readInputs with the located message", () => {
    expect(() => readInputs(get({ "gc-kubeconfigs": `${staging}\n---\n` }))).toThrow(
      new InputError(
        "input gc-kubeconfigs: kubeconfig 2 of 2 (from line 15) is empty: is a secret not set? " +
          "Give each cluster's kubeconfig contents, separated by lines `---`, with no `---` " +
          "before the first or after the last",
      ),
    );
    expect(readInputs(get({ "gc-kubeconfigs": prod })).gcKubeconfigs).toHaveLength(1);
  });

  it("masks the credentials of every kubeconfig, each read on its own", () => {
    const masked: string[] = [];
    maskKubeconfigList(`${staging}\n---\n${prod}`, (s) => masked.push(s));
    expect(masked).toContain(TOKEN_A);
    // Read as one YAML stream, two documents fail to parse and only the line scan would run.
    expect(masked).toContain(TOKEN_B);
  });
});
