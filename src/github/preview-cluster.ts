// The preview namespace on the API server: claim it (create it with the preview marks, or check
// that it is this pull request's and refresh its head SHA and expiry), release a config from it,
// delete it, and list a repository's previews. Ownership rules live in preview-namespace.ts.
import { KubeApiError, type KubeClient } from "../kube/client.ts";
import { DeployError } from "../kube/errors.ts";
import {
  checkOwnership,
  type NamespaceMeta,
  PREVIEW_ANNOTATIONS,
  type PreviewMarks,
  previewAnnotations,
  previewLabels,
} from "./preview-namespace.ts";

interface NamespaceObject {
  metadata: NamespaceMeta & { deletionTimestamp?: string };
  status?: { phase?: string };
}

const nsPath = (name: string) => `/api/v1/namespaces/${encodeURIComponent(name)}`;

export async function readNamespace(
  client: KubeClient,
  name: string,
): Promise<NamespaceObject | undefined> {
  try {
    return await client.request<NamespaceObject>("GET", nsPath(name));
  } catch (err) {
    if (err instanceof KubeApiError && err.status === 404) return undefined;
    if (err instanceof KubeApiError && err.status === 403) {
      throw new DeployError(
        `cannot read namespace ${name}: the kubeconfig's user may not get namespaces. Previews ` +
          "create, label and delete their own namespaces, so the deploy credentials need " +
          "get/create/patch/delete on namespaces (a ClusterRole).",
      );
    }
    throw err;
  }
}

export interface ClaimRequest {
  namespace: string;
  repository: string;
  /** GitHub's repository id, recorded so a rename keeps the preview this repository's. */
  repositoryId?: string | undefined;
  pullRequest: number;
  headSha: string;
  expiresAt: Date;
  runUrl: string;
  configId: string;
  configPath: string;
}

export function isTerminating(ns: NamespaceObject): boolean {
  return ns.metadata.deletionTimestamp !== undefined || ns.status?.phase === "Terminating";
}

export function stillDeleting(namespace: string): string {
  return (
    `namespace ${namespace} is still being deleted (a teardown or cleanup just ran); ` +
    "re-run this job once it is gone."
  );
}

/**
 * Creates the preview namespace with its marks, or updates the marks of this pull request's
 * existing preview (head SHA, expiry, configs). Refuses a namespace that is not this preview.
 * Returns whether it created the namespace.
 */
export async function claimPreviewNamespace(
  client: KubeClient,
  req: ClaimRequest,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const live = await readNamespace(client, req.namespace);
    const owned = checkOwnership(live?.metadata, req.repository, req.pullRequest, req.repositoryId);
    if (!owned.ok) throw new DeployError(owned.message);
    if (live && isTerminating(live)) throw new DeployError(stillDeleting(req.namespace));
    const marks: PreviewMarks = {
      repository: req.repository,
      repositoryId: req.repositoryId,
      pullRequest: req.pullRequest,
      headSha: req.headSha,
      expiresAt: req.expiresAt,
      runUrl: req.runUrl,
      configs: { ...(owned.marks?.configs ?? {}), [req.configId]: req.configPath },
    };
    const metadata = { labels: previewLabels(marks), annotations: previewAnnotations(marks) };
    try {
      if (live === undefined) {
        await client.request("POST", "/api/v1/namespaces", {
          body: {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: req.namespace, ...metadata },
          },
          query: { fieldManager: "cortex-deploy" },
        });
        return true;
      }
      // The resourceVersion makes the patch conditional: a concurrent change is re-read, not lost.
      await client.request("PATCH", nsPath(req.namespace), {
        body: { metadata: { ...metadata, resourceVersion: live.metadata.resourceVersion } },
        contentType: "application/merge-patch+json",
        query: { fieldManager: "cortex-deploy" },
      });
      return false;
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 409 && attempt < 3) continue;
      throw err;
    }
  }
}

/** Removes one config from the namespace's list (other configs still use the namespace). */
export async function releaseConfig(
  client: KubeClient,
  ns: NamespaceObject,
  configs: Record<string, string>,
  configId: string,
): Promise<void> {
  const rest = Object.fromEntries(Object.entries(configs).filter(([id]) => id !== configId));
  await client.request("PATCH", nsPath(ns.metadata.name), {
    body: {
      metadata: {
        annotations: { [PREVIEW_ANNOTATIONS.configs]: JSON.stringify(rest) },
        resourceVersion: ns.metadata.resourceVersion,
      },
    },
    contentType: "application/merge-patch+json",
    query: { fieldManager: "cortex-deploy" },
  });
}

/** Deletes the namespace, only the incarnation with `uid` (a namesake made since survives). */
export async function deleteNamespace(
  client: KubeClient,
  name: string,
  uid?: string,
): Promise<void> {
  try {
    await client.request("DELETE", nsPath(name), {
      body: {
        apiVersion: "v1",
        kind: "DeleteOptions",
        propagationPolicy: "Background",
        ...(uid ? { preconditions: { uid } } : {}),
      },
    });
  } catch (err) {
    if (err instanceof KubeApiError && err.status === 404) return;
    throw err;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the namespace is gone (its finalizers ran); false when the timeout came first. */
export async function waitNamespaceGone(
  client: KubeClient,
  name: string,
  timeoutSeconds: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    if ((await readNamespace(client, name)) === undefined) return true;
    if (Date.now() >= deadline) return false;
    await sleep(500);
  }
}

export async function listNamespaces(
  client: KubeClient,
  selector: string,
): Promise<NamespaceObject[]> {
  const list = await client.request<{ items: NamespaceObject[] }>("GET", "/api/v1/namespaces", {
    query: { labelSelector: selector },
  });
  return list.items;
}
