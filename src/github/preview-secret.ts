// A preview namespace is new, so the Secret its pods' downloader reads S3 credentials from is not
// there, and a Secret cannot be referenced across namespaces: the preview gets a copy of the base
// namespace's. The copy is labelled as one, so later runs refresh it (rotated keys) or remove it
// (the original deleted), and leave a Secret someone made by hand alone. The copy is a courtesy:
// when it cannot be made, the preview goes on with a warning. The Secret's data never reaches a
// log or a message.
import { isApiError, isNotFound, type KubeClient } from "../kube/client.ts";
import { ARTIFACTS_SECRET, FIELD_MANAGER, LABELS, MANAGED_BY } from "../kube/resource.ts";

/** On a copied Secret: the namespace it was copied from. */
export const COPIED_FROM_LABEL = "cortexdeploy.dev/copied-from";

interface SecretObject {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    resourceVersion?: string;
  };
  type?: string;
  data?: Record<string, string>;
}

export type SecretCopy =
  | { outcome: "copied" | "refreshed" | "unchanged" | "absent" | "removed" | "own" }
  | { outcome: "forbidden"; verb: string; namespace: string }
  | { outcome: "failed"; message: string };

const secretPath = (namespace: string, name = "") =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets${name ? `/${encodeURIComponent(name)}` : ""}`;

/** A refusal by RBAC, with the verb and namespace refused. */
class Forbidden {
  constructor(
    readonly verb: string,
    readonly namespace: string,
  ) {}
}

async function call<T>(verb: string, namespace: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isApiError(err, 403)) throw new Forbidden(verb, namespace);
    throw err;
  }
}

function readSecret(client: KubeClient, namespace: string): Promise<SecretObject | undefined> {
  return call("get", namespace, () =>
    client
      .request<SecretObject>("GET", secretPath(namespace, ARTIFACTS_SECRET))
      .catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      }),
  );
}

const sameData = (a: SecretObject, b: SecretObject) =>
  a.type === b.type && JSON.stringify(a.data ?? {}) === JSON.stringify(b.data ?? {});

async function sync(client: KubeClient, from: string, to: string): Promise<SecretCopy> {
  const source = await readSecret(client, from);
  const existing = await readSecret(client, to);
  const isCopy = existing?.metadata.labels?.[COPIED_FROM_LABEL] !== undefined;
  if (existing && !isCopy) return { outcome: "own" };
  const path = secretPath(to, ARTIFACTS_SECRET);
  if (source === undefined) {
    if (existing === undefined) return { outcome: "absent" };
    // The original is gone (its keys revoked, perhaps): so goes the copy.
    await call("delete", to, () => client.delete(path));
    return { outcome: "removed" };
  }
  if (existing && sameData(existing, source)) return { outcome: "unchanged" };
  const body = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: ARTIFACTS_SECRET,
      namespace: to,
      labels: { [LABELS.managedBy]: MANAGED_BY, [COPIED_FROM_LABEL]: from },
    },
    type: source.type ?? "Opaque",
    data: source.data ?? {},
  };
  if (existing === undefined) {
    await call("create", to, () => client.create(secretPath(to), body, FIELD_MANAGER));
    return { outcome: "copied" };
  }
  if (existing.type === body.type) {
    // Replacing what this run read: a concurrent change fails with 409 rather than being lost.
    const replace = {
      ...body,
      metadata: { ...body.metadata, resourceVersion: existing.metadata.resourceVersion },
    };
    await call("update", to, () => client.replace(path, replace, FIELD_MANAGER));
  } else {
    // A Secret's type cannot change in place.
    await call("delete", to, () => client.delete(path));
    await call("create", to, () => client.create(secretPath(to), body, FIELD_MANAGER));
  }
  return { outcome: "refreshed" };
}

/** Copies, refreshes or removes the preview's copy of the base namespace's artifacts Secret. */
export async function copyArtifactsSecret(
  client: KubeClient,
  from: string,
  to: string,
): Promise<SecretCopy> {
  try {
    return await sync(client, from, to);
  } catch (err) {
    if (err instanceof Forbidden) {
      return { outcome: "forbidden", verb: err.verb, namespace: err.namespace };
    }
    if (isApiError(err)) return { outcome: "failed", message: err.message };
    throw err;
  }
}

const WITHOUT =
  "the preview's pods read the bucket with their ServiceAccount's or the node's credentials";

/** What the log says about the copy; a copy not made is a warning, the rest information. */
export function describeSecretCopy(
  copy: SecretCopy,
  from: string,
  to: string,
): { warning: boolean; message: string } {
  const secret = `secret/${ARTIFACTS_SECRET}`;
  switch (copy.outcome) {
    case "copied":
      return { warning: false, message: `${secret}: copied from namespace ${from} into ${to}` };
    case "refreshed":
      return { warning: false, message: `${secret}: refreshed from namespace ${from}` };
    case "unchanged":
      return { warning: false, message: `${secret}: same as in namespace ${from}` };
    case "own":
      return {
        warning: false,
        message: `${secret}: ${to} has its own (not copied by cortex-deploy), left as it is`,
      };
    case "absent":
      return {
        warning: false,
        message: `${secret}: namespace ${from} has none to copy; ${WITHOUT}`,
      };
    case "removed":
      return {
        warning: false,
        message: `${secret}: gone from namespace ${from}, so its copy was removed; ${WITHOUT}`,
      };
    case "forbidden":
      return {
        warning: true,
        message:
          `${secret} was not copied into the preview: the kubeconfig's user may not ${copy.verb} ` +
          `Secrets in namespace ${copy.namespace}. Without it, ${WITHOUT}. Grant get on that ` +
          `Secret in ${from} and get, create, update and delete of Secrets in preview namespaces, ` +
          "or set `preview-copy-secret: false` if the pods need no Secret.",
      };
    case "failed":
      return {
        warning: true,
        message: `${secret} was not copied into the preview (${copy.message}); ${WITHOUT}.`,
      };
  }
}
