// Which cluster the Action's flows reach, named before they start: from the kubeconfig input, or,
// with the input empty (a secret not set or not given to the event), from the runner's own
// kubeconfig, which is a warning; with neither, the flows fail saying the secret may be missing.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { kubeconfigAccess, readInputs } from "../../../src/github/inputs.ts";
import { chooseCluster, describeChoice } from "../../../src/github/which-cluster.ts";
import { KubeClient, KubeConfigError } from "../../../src/kube/client.ts";

const KUBECONFIG = JSON.stringify({
  apiVersion: "v1",
  clusters: [
    { name: "s", cluster: { server: "https://ci:secret@staging.example.com:6443" } },
    { name: "p", cluster: { server: "https://prod.example.com:6443" } },
  ],
  users: [{ name: "u", user: { token: "t0ken-never-shown" } }],
  contexts: [
    { name: "staging", context: { cluster: "s", user: "u" } },
    { name: "prod", context: { cluster: "p", user: "u" } },
  ],
  "current-context": "staging",
});

const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? "");

/** A home folder, with KUBECONFIG as a file there or ~/.kube/config, or neither. */
async function runner(where: "KUBECONFIG" | "home" | "none"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "which-cluster-"));
  vi.stubEnv("HOME", dir);
  vi.stubEnv("KUBECONFIG", "");
  if (where === "KUBECONFIG") {
    await writeFile(path.join(dir, "login"), KUBECONFIG);
    vi.stubEnv("KUBECONFIG", path.join(dir, "login"));
    return path.join(dir, "login");
  }
  if (where === "home") {
    await mkdir(path.join(dir, ".kube"));
    await writeFile(path.join(dir, ".kube", "config"), KUBECONFIG);
  }
  return dir;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the cluster a flow reaches", () => {
  it("is the kubeconfig input's, at its current context or kube-context's", async () => {
    await runner("home");
    const choice = chooseCluster(inputs({ kubeconfig: KUBECONFIG }));
    expect(choice).toEqual({
      server: "https://staging.example.com:6443",
      context: "staging",
      source: "the kubeconfig input",
      fallback: false,
    });
    expect(describeChoice(choice ?? fail())).toEqual({
      warning: false,
      text: "cluster https://staging.example.com:6443 (context staging), from the kubeconfig input",
    });
    expect(chooseCluster(inputs({ kubeconfig: KUBECONFIG, "kube-context": "prod" }))).toMatchObject(
      { server: "https://prod.example.com:6443", context: "prod" },
    );
    // A context it lacks: the flow's own error names the contexts there are.
    expect(chooseCluster(inputs({ kubeconfig: KUBECONFIG, "kube-context": "qa" }))).toBeUndefined();
  });

  it("is the runner's KUBECONFIG, with a warning, when the input is empty", async () => {
    const file = await runner("KUBECONFIG");
    const choice = chooseCluster(inputs({}));
    expect(choice).toMatchObject({ source: `KUBECONFIG (${file})`, fallback: true });
    expect(describeChoice(choice ?? fail())).toEqual({
      warning: true,
      text:
        "the kubeconfig input is empty (is the secret set and available to this event? " +
        `Dependabot and fork pull requests get no secrets); using KUBECONFIG (${file}) of the ` +
        "runner: cluster https://staging.example.com:6443 (context staging)",
    });
  });

  it("is the runner's ~/.kube/config, with a warning, when the input is empty and KUBECONFIG unset", async () => {
    await runner("home");
    const choice = chooseCluster(inputs({ "kube-context": "prod" }));
    expect(describeChoice(choice ?? fail()).text).toBe(
      "the kubeconfig input is empty (is the secret set and available to this event? " +
        "Dependabot and fork pull requests get no secrets); using ~/.kube/config of the runner: " +
        "cluster https://prod.example.com:6443 (context prod)",
    );
  });

  it("is none when the input is empty and the runner has no kubeconfig: the flow says why", async () => {
    await runner("none");
    const empty = inputs({});
    expect(chooseCluster(empty)).toBeUndefined();
    const err = await KubeClient.create(kubeconfigAccess(empty)).then(
      (c) => {
        c.close();
        return new Error("a client was made");
      },
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(KubeConfigError);
    expect(err.message).toBe(
      "the kubeconfig input is empty (is the secret set and available to this event? " +
        "Dependabot and fork pull requests get no secrets), and the runner has no kubeconfig of " +
        "its own (KUBECONFIG or ~/.kube/config) to use instead",
    );
  });
});

function fail(): never {
  throw new Error("no cluster chosen");
}
