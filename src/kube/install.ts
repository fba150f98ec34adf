// `install`: apply the CRDs (and, on request, the controller's manifests) from controller/deploy/
// with server-side apply, then wait until the API server serves the new resources.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { plural } from "../text/plural.ts";
import type { KubeClient } from "./client.ts";
import { DeployError, describeKubeError } from "./errors.ts";
import { FIELD_MANAGER } from "./resource.ts";

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: unknown;
}

/** controller/deploy, found by walking up from this module (src/kube/ or the bundle's dist/). */
export function findDeployDir(
  from = path.dirname(fileURLToPath(import.meta.url)),
): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, "controller", "deploy");
    if (existsSync(path.join(candidate, "crds.yaml"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function parseManifests(text: string, file: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as Manifest | null;
    if (value === null) continue;
    if (!value.apiVersion || !value.kind || !value.metadata?.name) {
      throw new Error(`${file}: every document needs apiVersion, kind and metadata.name`);
    }
    out.push(value);
  }
  return out;
}

const RBAC_KINDS = new Set([
  "ServiceAccount",
  "ClusterRole",
  "Role",
  "ClusterRoleBinding",
  "RoleBinding",
]);

function installRank(m: Manifest): number {
  if (m.kind === "Namespace") return 0;
  if (m.kind === "CustomResourceDefinition") return 1;
  return RBAC_KINDS.has(m.kind) ? 2 : 3;
}

/** crds.yaml alone, or every *.yaml of the folder (crds.yaml first) with the controller. */
export async function readDeployManifests(
  dir: string,
  withController: boolean,
): Promise<Manifest[]> {
  const files = ["crds.yaml"];
  if (withController) {
    const others = (await readdir(dir))
      .filter((f) => /\.ya?ml$/.test(f) && f !== "crds.yaml")
      .sort();
    files.push(...others);
  }
  const docs: Manifest[] = [];
  for (const f of files) {
    const full = path.join(dir, f);
    docs.push(...parseManifests(await readFile(full, "utf8"), full));
  }
  // Namespaces and CRDs before what lives in them, and the controller's identity and rights
  // before the controller: started without them it loops on 403s and backs off for a minute.
  return docs.sort((a, b) => installRank(a) - installRank(b));
}

/** The variable that tells the controller which image its pods' sidecars run (controller.yaml). */
const IMAGE_VARIABLE = "CORTEX_CONTROLLER_IMAGE";

interface PodTemplateManifest {
  spec?: {
    template?: {
      spec?: {
        containers?: { name?: string; image?: string; env?: { name: string; value?: string }[] }[];
      };
    };
  };
}

/**
 * The manifests with the controller's image replaced, in both places that name it: the
 * controller's own container, and the variable that gives the same image to the proxy, downloader
 * and splitter containers of the pods it creates. Editing only the first leaves every API pod on
 * the published image.
 */
export function withControllerImage(manifests: readonly Manifest[], image: string): Manifest[] {
  return manifests.map((m) => {
    if (m.kind !== "Deployment") return m;
    const copy = structuredClone(m) as Manifest & PodTemplateManifest;
    for (const c of copy.spec?.template?.spec?.containers ?? []) {
      c.image = image;
      for (const e of c.env ?? []) if (e.name === IMAGE_VARIABLE) e.value = image;
    }
    return copy;
  });
}

/**
 * The manifests with the images of the controller Deployment already in the cluster, in the same
 * two places: a re-install without --controller-image must not put back controller.yaml's
 * published image over the one built and installed, which would roll every API's pods. A container
 * or variable the installed Deployment lacks keeps the manifest's value.
 */
export function withInstalledImages(
  manifests: readonly Manifest[],
  installed: unknown,
): Manifest[] {
  const live = (installed as PodTemplateManifest | undefined)?.spec?.template?.spec?.containers;
  const sidecar = sidecarImageOf(installed);
  return manifests.map((m) => {
    if (m.kind !== "Deployment") return m;
    const copy = structuredClone(m) as Manifest & PodTemplateManifest;
    for (const c of copy.spec?.template?.spec?.containers ?? []) {
      const image = live?.find((l) => l.name === c.name)?.image;
      if (image) c.image = image;
      for (const e of c.env ?? []) if (e.name === IMAGE_VARIABLE && sidecar) e.value = sidecar;
    }
    return copy;
  });
}

/** What install says when it keeps the installed image (`published`: controller.yaml's). */
export function keptImageNote(kept: string, published: string | undefined): string {
  const other =
    published !== undefined && published !== kept
      ? ` rather than controller.yaml's ${published}`
      : "";
  return `keeping the controller's installed image ${kept}${other}; give --controller-image IMAGE to change it`;
}

/** The image a controller Deployment runs: the one it gives its pods, else its own container's. */
export function controllerImageOf(deployment: unknown): string | undefined {
  const containers = (deployment as PodTemplateManifest | undefined)?.spec?.template?.spec
    ?.containers;
  return sidecarImageOf(deployment) ?? containers?.find((c) => c.image)?.image;
}

/** The image a controller Deployment gives its pods' proxy and downloader, if it names one. */
export function sidecarImageOf(deployment: unknown): string | undefined {
  const containers = (deployment as PodTemplateManifest | undefined)?.spec?.template?.spec
    ?.containers;
  for (const c of containers ?? [])
    for (const e of c.env ?? []) if (e.name === IMAGE_VARIABLE && e.value) return e.value;
  return undefined;
}

/**
 * What an upgrade from `installed` to `next` (the controller's sidecar images) does to running
 * APIs, said before it happens; undefined when nothing rolls.
 */
export function upgradeWarning(
  installed: string | undefined,
  next: string | undefined,
  running: { apis: number; namespaces: number; splitters: number },
): string | undefined {
  if (installed === undefined || next === undefined || installed === next) return undefined;
  if (running.apis + running.splitters === 0) return undefined;
  const what = [
    running.apis > 0
      ? `${plural(running.apis, "RealtimeAPI")} in ${plural(running.namespaces, "namespace")}`
      : undefined,
    running.splitters > 0 ? plural(running.splitters, "TrafficSplitter") : undefined,
  ].filter((w) => w !== undefined);
  return (
    `the controller's image changes (${installed} → ${next}); the pods' proxy and downloader ` +
    `come from it, so the pods of ${what.join(" and ")} will roll, each within its own ` +
    "max_surge and max_unavailable, at about the same time"
  );
}

interface ApiResourceInfo {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** Resolves kinds to REST paths through discovery, one request per group/version. */
export class ResourcePaths {
  private readonly cache = new Map<string, Promise<ApiResourceInfo[]>>();
  constructor(private readonly client: KubeClient) {}

  private base(apiVersion: string): string {
    return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  }

  async pathOf(m: Manifest): Promise<string> {
    let resources = this.cache.get(m.apiVersion);
    if (!resources) {
      resources = this.client
        .request<{ resources: ApiResourceInfo[] }>("GET", this.base(m.apiVersion))
        .then((r) => r.resources);
      this.cache.set(m.apiVersion, resources);
    }
    const info = (await resources).find((r) => r.kind === m.kind && !r.name.includes("/"));
    if (!info) throw new DeployError(`the cluster does not serve ${m.kind} in ${m.apiVersion}`);
    const ns = info.namespaced
      ? `/namespaces/${encodeURIComponent(m.metadata.namespace ?? "default")}`
      : "";
    return `${this.base(m.apiVersion)}${ns}/${info.name}/${encodeURIComponent(m.metadata.name)}`;
  }
}

export async function applyManifest(
  client: KubeClient,
  paths: ResourcePaths,
  m: Manifest,
): Promise<void> {
  await client.request("PATCH", await paths.pathOf(m), {
    body: m,
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: FIELD_MANAGER, force: true, fieldValidation: "Strict" },
  });
}

interface CrdStatus {
  status?: { conditions?: { type: string; status: string; message?: string }[] };
}

/** Polls until each CRD is Established (served), or throws after `timeoutMs`. */
export async function waitEstablished(
  client: KubeClient,
  names: readonly string[],
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const name of names) {
    for (;;) {
      const crd = await client.request<CrdStatus>(
        "GET",
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
      );
      const conditions = crd.status?.conditions ?? [];
      if (conditions.some((c) => c.type === "Established" && c.status === "True")) break;
      const bad = conditions.find((c) => c.type === "NamesAccepted" && c.status === "False");
      if (bad) throw new DeployError(`CRD ${name} was not accepted: ${bad.message ?? ""}`);
      if (Date.now() > deadline)
        throw new DeployError(`CRD ${name} is not established yet; try again`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export interface InstallResult {
  applied: string[];
}

export async function installManifests(
  client: KubeClient,
  manifests: readonly Manifest[],
  log: (line: string) => void,
): Promise<InstallResult> {
  const paths = new ResourcePaths(client);
  const applied: string[] = [];
  const crds = manifests.filter((m) => m.kind === "CustomResourceDefinition");
  const lastCrd = crds[crds.length - 1];
  for (const m of manifests) {
    const ref = `${m.kind.toLowerCase()}/${m.metadata.name}`;
    try {
      await applyManifest(client, paths, m);
    } catch (err) {
      throw new DeployError(describeKubeError(err, ref));
    }
    applied.push(ref);
    log(`${ref} applied`);
    // What follows may use the new resources: wait until the server serves them.
    if (m === lastCrd) {
      await waitEstablished(
        client,
        crds.map((c) => c.metadata.name),
      );
      log("custom resource definitions established");
    }
  }
  return { applied };
}
