// The artifacts Secret of a preview, copied from the base namespace on the sandbox's API server:
// copied, left alone when unchanged, refreshed when the base's keys rotate, a hand-made one kept,
// and a user without the rights told which one it lacks (real RBAC, real ServiceAccount tokens).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyArtifactsSecret, describeSecretCopy } from "../../../src/github/preview-secret.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { serviceAccountClient } from "../../support/service-account.ts";
import { connect, uniqueNamespace } from "../deploy/helpers.ts";

let admin: KubeClient;
const base = uniqueNamespace("sec");
const preview = `${base}-pr-1`;
const other = `${base}-pr-2`;
const SECRET = "cortex-deploy-artifacts";
const b64 = (s: string) => Buffer.from(s).toString("base64");

interface SecretObject {
  metadata: { labels?: Record<string, string> };
  type: string;
  data: Record<string, string>;
}

const secretPath = (ns: string, name = SECRET) => `/api/v1/namespaces/${ns}/secrets/${name}`;
const readSecret = (ns: string) => admin.request<SecretObject>("GET", secretPath(ns));

async function namespace(name: string) {
  await admin.request("POST", "/api/v1/namespaces", {
    body: { apiVersion: "v1", kind: "Namespace", metadata: { name } },
  });
}

async function putBaseSecret(key: string) {
  const body = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: SECRET },
    type: "Opaque",
    data: { AWS_ACCESS_KEY_ID: b64("AKIA-TEST"), AWS_SECRET_ACCESS_KEY: b64(key) },
  };
  try {
    await admin.request("POST", `/api/v1/namespaces/${base}/secrets`, { body });
  } catch {
    await admin.request("PUT", secretPath(base), { body });
  }
}

beforeAll(async () => {
  admin = await connect();
  for (const ns of [base, preview, other]) await namespace(ns);
});

afterAll(() => admin?.close());

describe("the preview's artifacts Secret", () => {
  it("is absent when the base namespace has none", async () => {
    expect(await copyArtifactsSecret(admin, base, preview)).toEqual({ outcome: "absent" });
    await expect(readSecret(preview)).rejects.toMatchObject({ status: 404 });
  });

  it("is copied with its type and data, labelled as a copy", async () => {
    await putBaseSecret("first-key");
    expect(await copyArtifactsSecret(admin, base, preview)).toEqual({ outcome: "copied" });
    const copy = await readSecret(preview);
    expect(copy.type).toBe("Opaque");
    expect(copy.data).toEqual((await readSecret(base)).data);
    expect(copy.metadata.labels).toMatchObject({
      "cortexdeploy.dev/copied-from": base,
      "app.kubernetes.io/managed-by": "cortex-deploy",
    });
    expect(await copyArtifactsSecret(admin, base, preview)).toEqual({ outcome: "unchanged" });
  });

  it("is refreshed when the base's keys rotate", async () => {
    await putBaseSecret("rotated-key");
    expect(await copyArtifactsSecret(admin, base, preview)).toEqual({ outcome: "refreshed" });
    expect((await readSecret(preview)).data.AWS_SECRET_ACCESS_KEY).toBe(b64("rotated-key"));
  });

  it("is left alone when the preview namespace has its own", async () => {
    await admin.request("POST", `/api/v1/namespaces/${other}/secrets`, {
      body: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: SECRET },
        data: { AWS_SECRET_ACCESS_KEY: b64("hand-made") },
      },
    });
    expect(await copyArtifactsSecret(admin, base, other)).toEqual({ outcome: "own" });
    expect((await readSecret(other)).data.AWS_SECRET_ACCESS_KEY).toBe(b64("hand-made"));
  });

  it("names the right a user lacks, and no key reaches the message", async () => {
    const getSecrets = [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }];
    const fresh = `${base}-pr-3`;
    await namespace(fresh);
    const cases = [
      { name: "no-rights", rules: {}, verb: "get", namespace: base },
      { name: "base-only", rules: { [base]: getSecrets }, verb: "get", namespace: fresh },
      {
        name: "get-only",
        rules: { [base]: getSecrets, [fresh]: getSecrets },
        verb: "create",
        namespace: fresh,
      },
    ];
    for (const c of cases) {
      const user = await serviceAccountClient(admin, {
        namespace: base,
        name: c.name,
        rules: c.rules,
      });
      const copy = await copyArtifactsSecret(user, base, fresh);
      user.close();
      expect(copy, c.name).toEqual({ outcome: "forbidden", verb: c.verb, namespace: c.namespace });
      const said = describeSecretCopy(copy, base, fresh);
      expect(said.warning).toBe(true);
      expect(said.message).toContain(`may not ${c.verb} Secrets in namespace ${c.namespace}`);
      expect(said.message).toContain("preview-copy-secret: false");
      expect(said.message).not.toContain("rotated-key");
    }
    await expect(readSecret(fresh)).rejects.toMatchObject({ status: 404 });
  });

  it("is made again when the original's type changes, which cannot change in place", async () => {
    // The base's own Secret cannot change type in place either: it is made again.
    await admin.request("DELETE", secretPath(base));
    await admin.request("POST", `/api/v1/namespaces/${base}/secrets`, {
      body: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: SECRET },
        type: "cortexdeploy.dev/s3",
        data: { AWS_SECRET_ACCESS_KEY: b64("typed-key") },
      },
    });
    expect(await copyArtifactsSecret(admin, base, preview)).toEqual({ outcome: "refreshed" });
    const copy = await readSecret(preview);
    expect(copy.type).toBe("cortexdeploy.dev/s3");
    expect(copy.data.AWS_SECRET_ACCESS_KEY).toBe(b64("typed-key"));
  });

  it("is removed when the original is gone, and the log says so", async () => {
    await admin.request("DELETE", secretPath(base));
    const copy = await copyArtifactsSecret(admin, base, preview);
    expect(copy).toEqual({ outcome: "removed" });
    await expect(readSecret(preview)).rejects.toMatchObject({ status: 404 });
    expect(describeSecretCopy(copy, base, preview).message).toBe(
      `secret/${SECRET}: gone from namespace ${base}, so its copy was removed; the preview's pods read the bucket with their ServiceAccount's or the node's credentials`,
    );
    // A hand-made Secret stays, original or not.
    expect(await copyArtifactsSecret(admin, base, other)).toEqual({ outcome: "own" });
  });
});
