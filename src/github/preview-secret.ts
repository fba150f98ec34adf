// A preview namespace is new, so the Secret its pods' downloader reads S3 credentials from is not
// there, and a Secret cannot be referenced across namespaces: the preview gets a copy of the base
// namespace's. The copy is labelled as one, so later runs refresh it (rotated keys) and leave a
// Secret someone made by hand alone. The Secret's data never reaches a log or a message.
import { KubeApiError, type KubeClient } from "../kube/client.ts";
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
  | { outcome: "copied" | "refreshed" | "unchanged" | "absent" | "own" }
  | { outcome: "forbidden"; verb: string; namespace: string };

const secretPath = (namespace: string, name = "") =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets${name ? `/${encodeURIComponent(name)}` : ""}`;

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
    if (err instanceof KubeApiError && err.status === 403) throw new Forbidden(verb, namespace);
    throw err;
  }
}

async function readSecret(
  client: KubeClient,
  namespace: string,
): Promise<SecretObject | undefined> {
  return call("get", namespace, async () => {
    try {
      return await client.request<SecretObject>("GET", secretPath(namespace, ARTIFACTS_SECRET));
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return undefined;
      throw err;
    }
  });
}

const sameData = (a: SecretObject, b: SecretObject) =>
  a.type === b.type && JSON.stringify(a.data ?? {}) === JSON.stringify(b.data ?? {});

/** Copies (or refreshes) the base namespace's artifacts Secret into the preview namespace. */
export async function copyArtifactsSecret(
  client: KubeClient,
  from: string,
  to: string,
): Promise<SecretCopy> {
  try {
    const source = await readSecret(client, from);
    if (source === undefined) return { outcome: "absent" };
    const existing = await readSecret(client, to);
    if (existing && existing.metadata.labels?.[COPIED_FROM_LABEL] === undefined) {
      return { outcome: "own" };
    }
    if (existing && sameData(existing, source)) return { outcome: "unchanged" };
    const body = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: ARTIFACTS_SECRET,
        namespace: to,
        labels: { [LABELS.managedBy]: MANAGED_BY, [COPIED_FROM_LABEL]: from },
        // Replacing what this run read: a concurrent change fails with 409 rather than being lost.
        ...(existing ? { resourceVersion: existing.metadata.resourceVersion } : {}),
      },
      type: source.type ?? "Opaque",
      data: source.data ?? {},
    };
    if (existing) {
      await call("update", to, () =>
        client.replace(secretPath(to, ARTIFACTS_SECRET), body, FIELD_MANAGER),
      );
      return { outcome: "refreshed" };
    }
    await call("create", to, () => client.create(secretPath(to), body, FIELD_MANAGER));
    return { outcome: "copied" };
  } catch (err) {
    if (err instanceof Forbidden) {
      return { outcome: "forbidden", verb: err.verb, namespace: err.namespace };
    }
    throw err;
  }
}

/** What the log says about the copy; a refusal is a warning, the rest information. */
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
        message:
          `${secret}: namespace ${from} has none to copy; the preview's pods read the bucket ` +
          "with their ServiceAccount's or the node's credentials",
      };
    case "forbidden":
      return {
        warning: true,
        message:
          `${secret} was not copied into the preview: the kubeconfig's user may not ${copy.verb} ` +
          `Secrets in namespace ${copy.namespace}. Without it, the preview's pods read the bucket ` +
          "with their ServiceAccount's or the node's credentials. Grant get on that Secret in " +
          `${from} and get, create and update of Secrets in preview namespaces, or set ` +
          "`preview-copy-secret: false` if the pods need no Secret.",
      };
  }
}
