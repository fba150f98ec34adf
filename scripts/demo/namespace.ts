// The demo's namespace and the Secret the pods' downloader reads its S3 credentials from.
import { setTimeout as sleep } from "node:timers/promises";
import { isNotFound, type KubeClient } from "../../src/kube/client.ts";

/** Marks namespaces the demo made, so a second run may delete them and no other. */
export const DEMO_LABEL = { key: "app.kubernetes.io/managed-by", value: "cortex-deploy-demo" };
export const ARTIFACTS_SECRET = "cortex-deploy-artifacts";
const FIELD_MANAGER = "cortex-deploy-demo";

interface NamespaceObject {
  metadata: { labels?: Record<string, string>; deletionTimestamp?: string };
}

async function getNamespace(
  client: KubeClient,
  name: string,
): Promise<NamespaceObject | undefined> {
  try {
    return await client.request<NamespaceObject>(
      "GET",
      `/api/v1/namespaces/${encodeURIComponent(name)}`,
    );
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * A fresh namespace: one left by an earlier run of the demo is deleted first (the steps expect
 * revision 1 to be theirs); one the demo did not make is refused, never touched.
 */
export async function freshNamespace(
  client: KubeClient,
  name: string,
  say: (line: string) => void,
): Promise<void> {
  const existing = await getNamespace(client, name);
  if (existing !== undefined) {
    if (existing.metadata.labels?.[DEMO_LABEL.key] !== DEMO_LABEL.value) {
      throw new Error(
        `namespace ${name} exists and was not made by the demo; set DEMO_NAMESPACE to another name`,
      );
    }
    say(`deleting namespace ${name}, left by an earlier run of the demo`);
    if (existing.metadata.deletionTimestamp === undefined) {
      await client.request("DELETE", `/api/v1/namespaces/${encodeURIComponent(name)}`);
    }
    const deadline = Date.now() + 180_000;
    while ((await getNamespace(client, name)) !== undefined) {
      if (Date.now() > deadline) throw new Error(`namespace ${name} was not deleted within 180s`);
      await sleep(1000);
    }
  }
  await client.request("POST", "/api/v1/namespaces", {
    body: {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name, labels: { [DEMO_LABEL.key]: DEMO_LABEL.value } },
    },
    query: { fieldManager: FIELD_MANAGER },
  });
  // Pods cannot be created before the controller manager has made the default ServiceAccount;
  // waiting here spares the ReplicaSet controller a back-off.
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await client.request(
        "GET",
        `/api/v1/namespaces/${encodeURIComponent(name)}/serviceaccounts/default`,
      );
      return;
    } catch (err) {
      if (!isNotFound(err) || Date.now() > deadline) throw err;
    }
    await sleep(200);
  }
}

export async function deleteNamespace(client: KubeClient, name: string): Promise<void> {
  await client.request("DELETE", `/api/v1/namespaces/${encodeURIComponent(name)}`).catch((err) => {
    if (!isNotFound(err)) throw err;
  });
}

/** The keys the downloader reads (as environment variables), from what is set. Pure. */
export function secretData(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const data: Record<string, string> = {};
  for (const k of [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_ENDPOINT_URL",
  ]) {
    const v = env[k];
    if (v !== undefined && v !== "") data[k] = v;
  }
  return data;
}

/** Server-side applies the Secret `cortex-deploy-artifacts` with the given keys. */
export async function applyArtifactsSecret(
  client: KubeClient,
  namespace: string,
  data: Record<string, string>,
): Promise<void> {
  await client.request(
    "PATCH",
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${ARTIFACTS_SECRET}`,
    {
      body: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: ARTIFACTS_SECRET, namespace },
        type: "Opaque",
        stringData: data,
      },
      contentType: "application/apply-patch+yaml",
      query: { fieldManager: FIELD_MANAGER, force: true },
    },
  );
}
