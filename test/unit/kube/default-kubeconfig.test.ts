// The kubeconfig the client falls back to when it is given none, found as the client finds it:
// the Action masks that file's secrets and names it when its own input is empty.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultKubeconfig } from "../../../src/kube/default-kubeconfig.ts";

async function home(withConfig: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "default-kubeconfig-"));
  if (withConfig) {
    await mkdir(path.join(dir, ".kube"));
    await writeFile(path.join(dir, ".kube", "config"), "apiVersion: v1\n");
  }
  return dir;
}

const noServiceAccount = "/nonexistent/serviceaccount/token";

describe("the default kubeconfig", () => {
  it("is KUBECONFIG's files when it is set, whatever the home folder holds", async () => {
    const h = await home(true);
    expect(
      defaultKubeconfig({
        env: { KUBECONFIG: `/a/one${path.delimiter}${path.delimiter}/b/two`, HOME: h },
        serviceAccountToken: noServiceAccount,
      }),
    ).toEqual({
      source: `KUBECONFIG (/a/one${path.delimiter}${path.delimiter}/b/two)`,
      files: ["/a/one", "/b/two"],
    });
  });

  it("is ~/.kube/config when KUBECONFIG is unset or empty and the file is there", async () => {
    const h = await home(true);
    const file = path.join(h, ".kube", "config");
    for (const env of [{ HOME: h }, { HOME: h, KUBECONFIG: "" }]) {
      expect(defaultKubeconfig({ env, serviceAccountToken: noServiceAccount })).toEqual({
        source: "~/.kube/config",
        files: [file],
      });
    }
  });

  it("is the pod's service account without either, and none without that", async () => {
    const h = await home(false);
    const token = path.join(h, "token");
    await writeFile(token, "t");
    expect(defaultKubeconfig({ env: { HOME: h }, serviceAccountToken: token })).toEqual({
      source: "the in-cluster service account",
      files: [],
    });
    expect(
      defaultKubeconfig({ env: { HOME: h }, serviceAccountToken: noServiceAccount }),
    ).toBeUndefined();
    expect(defaultKubeconfig({ env: {}, serviceAccountToken: noServiceAccount })).toBeUndefined();
  });

  it("on Windows, is the first of HOME, HOMEDRIVE+HOMEPATH and USERPROFILE that holds one", async () => {
    const empty = await home(false);
    const profile = await home(true);
    expect(
      defaultKubeconfig({
        env: { HOME: empty, USERPROFILE: profile },
        platform: "win32",
        serviceAccountToken: noServiceAccount,
      })?.files,
    ).toEqual([path.join(profile, ".kube", "config")]);
    // Elsewhere only HOME counts, as for the client.
    expect(
      defaultKubeconfig({
        env: { HOME: empty, USERPROFILE: profile },
        platform: "linux",
        serviceAccountToken: noServiceAccount,
      }),
    ).toBeUndefined();
  });
});
