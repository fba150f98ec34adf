// Kubeconfigs people get wrong: each is a KubeConfigError (a sentence, never a stack trace) that
// names what is wrong and never repeats a credential.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import {
  KubeClient,
  KubeConfigError,
  KubeConnectionError,
  kubeconfigErrorLine,
  withoutUserInfo,
} from "../../../src/kube/client.ts";
import { isKubeError } from "../../../src/kube/errors.ts";

const TOKEN = "tok3n-never-printed";

function kubeconfig(server: string, user: Record<string, string> = { token: TOKEN }): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "c",
        cluster: {
          server,
          ...(server.startsWith("http:") ? { "insecure-skip-tls-verify": true } : {}),
        },
      },
    ],
    users: [{ name: "u", user }],
    contexts: [{ name: "x", context: { cluster: "c", user: "u" } }],
    "current-context": "x",
  });
}

/** The error a promise rejects with (an Error saying so if it resolves). */
function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => new Error("no error"),
    (e: unknown) => e as Error,
  );
}

async function loadError(contents: string): Promise<Error> {
  const err = await KubeClient.create({ kubeconfig: contents, kubeconfigSource: "--kubeconfig k" })
    .then((c) => {
      c.close();
      return new Error("loaded");
    })
    .catch((e: unknown) => e as Error);
  expect(err).toBeInstanceOf(KubeConfigError);
  return err;
}

describe("loading a kubeconfig", () => {
  it("reports a YAML mistake by line and column, without the file's lines", async () => {
    const broken = [
      "apiVersion: v1",
      "clusters:",
      "- cluster:",
      "    server: https://k8s:6443",
      "  name: c",
      ` users: [{name: u, user: {token: ${TOKEN}}}]`,
    ].join("\n");
    const err = await loadError(broken);
    expect(err.message).toMatch(/^cannot load --kubeconfig k: bad indentation .*\(6:2\)$/);
    expect(err.message).not.toContain(TOKEN);
  });

  it("says a file that is no kubeconfig is not one, rather than that none was found", async () => {
    const err = await loadError("just-a-word");
    expect(err.message).toBe(
      "--kubeconfig k is not a kubeconfig: it names no current-context with a cluster",
    );
  });

  it("names KUBECONFIG when the file it names is no kubeconfig, or is not there", async () => {
    // "no kubeconfig found: set KUBECONFIG" sent people to set what they had set.
    const dir = await mkdtemp(path.join(tmpdir(), "kubeconfig-env-"));
    const file = path.join(dir, "config");
    await writeFile(file, "apiVersion: v1\n");
    const missing = path.join(dir, "missing");
    const saved = process.env.KUBECONFIG;
    try {
      process.env.KUBECONFIG = file;
      expect((await failure(KubeClient.create())).message).toBe(
        `KUBECONFIG (${file}) is not a kubeconfig: it names no current-context with a cluster`,
      );
      process.env.KUBECONFIG = missing;
      expect((await failure(KubeClient.create())).message).toBe(
        `cannot load KUBECONFIG (${missing}): ENOENT: no such file or directory, open '${missing}'`,
      );
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
  });

  it("names a current context that has no cluster", async () => {
    const doc = JSON.parse(kubeconfig("https://k8s:6443"));
    doc["current-context"] = "gone";
    const err = await loadError(JSON.stringify(doc));
    expect(err.message).toBe("--kubeconfig k has no cluster for its current context gone");
  });

  it("uses the context --context names, whatever the file's current-context", async () => {
    const doc = JSON.parse(kubeconfig("https://staging:6443"));
    doc.clusters.push({ name: "p", cluster: { server: "https://prod:6443" } });
    doc.contexts.push({ name: "prod", context: { cluster: "p", user: "u", namespace: "ml" } });
    const client = await KubeClient.create({ kubeconfig: JSON.stringify(doc), context: "prod" });
    client.close();
    expect([client.server, client.contextNamespace]).toEqual(["https://prod:6443", "ml"]);
    const current = await KubeClient.create({ kubeconfig: JSON.stringify(doc) });
    current.close();
    expect(current.server).toBe("https://staging:6443");
  });

  it("names the contexts there are when --context names none of them", async () => {
    const doc = JSON.parse(kubeconfig("https://k8s:6443"));
    doc.contexts.push({ name: "prod", context: { cluster: "c", user: "u" } });
    const err = await KubeClient.create({
      kubeconfig: JSON.stringify(doc),
      kubeconfigSource: "--kubeconfig k",
      context: "prdo",
    }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(KubeConfigError);
    expect((err as Error).message).toBe(
      "--kubeconfig k has no context prdo (its contexts: x, prod)",
    );
  });

  it("names a server that is not a URL", async () => {
    const err = await loadError(kubeconfig("k8s.example.com:6443"));
    expect(err.message).toMatch(/cluster c has server k8s\.example\.com:6443, which is not a URL/);
  });

  it("refuses certificate data Node cannot use when loading, not on the first request", async () => {
    const doc = JSON.parse(kubeconfig("https://k8s:6443"));
    doc.users[0].user = {
      "client-certificate-data": Buffer.from("not a pem").toString("base64"),
      "client-key-data": Buffer.from("not a pem either").toString("base64"),
    };
    const err = await loadError(JSON.stringify(doc));
    expect(err.message).toMatch(
      /^the kubeconfig's client-certificate-data and client-key-data cannot be used: .*PEM/,
    );
  });

  it("keeps a password in the server URL out of every message", async () => {
    const client = await KubeClient.create({
      kubeconfig: kubeconfig("http://admin:pa55word@127.0.0.1:1"),
    });
    const err = await failure(client.get("/api"));
    client.close();
    expect(client.server).toBe("http://127.0.0.1:1");
    expect(err).toBeInstanceOf(KubeConnectionError);
    expect(err.message).toMatch(
      /^cannot reach the Kubernetes API server at http:\/\/127\.0\.0\.1:1:/,
    );
    expect(err.message).not.toMatch(/pa55word|admin/);
  });

  it("turns a token Node will not send (a pasted line break) into a kubeconfig error", async () => {
    const client = await KubeClient.create({
      kubeconfig: kubeconfig("http://127.0.0.1:1", { token: `${TOKEN}\nmore` }),
    });
    const err = await failure(client.get("/api"));
    client.close();
    expect(err).toBeInstanceOf(KubeConfigError);
    expect(isKubeError(err)).toBe(true);
    expect(err.message).toMatch(/^cannot send a request to http:\/\/127\.0\.0\.1:1 /);
    expect(err.message).not.toContain(TOKEN);
  });

  it("reports credentials a plugin cannot produce as a kubeconfig error", async () => {
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfig("http://127.0.0.1:1", {}));
    const doc = JSON.parse(kubeconfig("http://127.0.0.1:1", {}));
    doc.users[0].user = {
      exec: { apiVersion: "client.authentication.k8s.io/v1", command: "/nonexistent/plugin" },
    };
    const client = await KubeClient.create({ kubeconfig: JSON.stringify(doc) }).catch(
      (e: unknown) => e as Error,
    );
    // A plugin runs per request or while the client is built; either way a KubeConfigError.
    const err = client instanceof KubeClient ? await failure(client.get("/api")) : client;
    if (client instanceof KubeClient) client.close();
    expect(err).toBeInstanceOf(KubeConfigError);
    expect((err as Error).message).toMatch(/kubeconfig/);
  });

  it("names where the kubeconfig came from when its plugin fails", async () => {
    const doc = JSON.parse(kubeconfig("https://127.0.0.1:1", {}));
    doc.users[0].user = {
      exec: {
        apiVersion: "client.authentication.k8s.io/v1",
        command: "sh",
        args: ["-c", "echo 'login: no session' >&2; exit 1"],
      },
    };
    const err = await failure(
      KubeClient.create({
        kubeconfig: JSON.stringify(doc),
        kubeconfigSource: "the kubeconfig input",
      }),
    );
    expect(err).toBeInstanceOf(KubeConfigError);
    expect(err.message).toBe(
      "cannot use the kubeconfig input for https://127.0.0.1:1: login: no session",
    );
  });
});

describe("withoutUserInfo", () => {
  it("drops a user name and password and leaves other URLs alone", () => {
    expect(withoutUserInfo("https://u:p@k8s:6443/prefix")).toBe("https://k8s:6443/prefix");
    expect(withoutUserInfo("https://k8s:6443")).toBe("https://k8s:6443");
    expect(withoutUserInfo("not a url")).toBe("not a url");
    expect(withoutUserInfo("u:p@k8s")).toBe("(a URL with a user name)");
  });
});

describe("kubeconfigErrorLine", () => {
  it("keeps the first line of a parser's message", () => {
    expect(kubeconfigErrorLine(new Error("bad (1:2)\n\n 1 | token: x\n---^"))).toBe("bad (1:2)");
    expect(kubeconfigErrorLine("plain")).toBe("plain");
  });
});
